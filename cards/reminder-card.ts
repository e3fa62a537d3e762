/** The card of any reminder. */
import type { Reminder } from '../src/reminders/audience.js';
import type { Card } from './card-shell.js';
import { approveReminderCard } from './reminder-approve.js';
import { fillReminderCard } from './reminder-fill.js';
import { overdueReminderCard } from './reminder-overdue.js';

/** Picks the card for the reminder's kind. */
export function reminderCard(r: Reminder): Card {
  if (r.kind === 'fill') return fillReminderCard(r);
  if (r.kind === 'approve') return approveReminderCard(r);
  return overdueReminderCard(r);
}
