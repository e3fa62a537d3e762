/** Card actions of reminder cards: 「明天再提醒我」. */
import { toastResponse } from '../cards/callback-response.js';
import { formatReminderTime } from '../src/reminders/next.js';
import { reminderCalendar } from '../src/reminders/calendar-config.js';
import { snoozeReminder } from '../src/reminders/snooze.js';
import type { CardActionRoute } from './card-action.js';

/** Routes keyed by value.action, merged into cardActionRoutes. */
export const reminderRoutes: Record<string, CardActionRoute> = {
  snooze_reminder: async (ctx) => {
    const result = await snoozeReminder(
      ctx.deps.storage,
      ctx.openId,
      ctx.value,
      ctx.deps.now(),
      reminderCalendar(),
    );
    if (!result.ok) return toastResponse('warning', result.message);
    return toastResponse('success', `好的，${formatReminderTime(result.at)}再提醒你`);
  },
};
