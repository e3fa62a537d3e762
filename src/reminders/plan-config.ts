/**
 * How a round wants its deadline reminders, as validated configuration. Every field is optional so that a
 * round stores only what it changes; resolveReminderPlan fills in the default plan of issue #6.
 */
import { z } from 'zod';
import { isClockTime, parseIsoDate } from './dates.js';

/** The full plan planReminders works from. */
export interface ReminderPlan {
  /** remind on the N-th working day strictly before the deadline, for each N */
  daysBefore: number[];
  /** remind on the deadline day itself, when that day is a working day */
  onDeadlineDay: boolean;
  /**
   * overdue reminders listed by previews (`reminders plan`, `reminders set`). Left unset in a round's plan, the
   * scheduler reminds every working day while the round is overdue (up to OVERDUE_CAP_WORKDAYS); set, it stops
   * after that many working days.
   */
  overdueDays: number;
  /** local Beijing time of day, HH:mm */
  time: string;
}

/**
 * 10, 5, 3, 2 and 1 working days before, the deadline day, and overdue days (previews list the first 5), at
 * 09:30 Beijing time.
 */
export const DEFAULT_REMINDER_PLAN: Readonly<ReminderPlan> = Object.freeze({
  daysBefore: [10, 5, 3, 2, 1],
  onDeadlineDay: true,
  overdueDays: 5,
  time: '09:30',
});

/**
 * How long the scheduler keeps reminding after the deadline when a round does not set `overdueDays`: 60 working
 * days, about three months. 条例 art. 49 wants the report published by 31 January, so a unit still missing by
 * the end of April is a matter for the admin outside the bot; the cap also keeps a forgotten round from sending
 * cards and writing records for ever.
 */
export const OVERDUE_CAP_WORKDAYS = 60;

// About one year of working days: enough for any "keep reminding while overdue" scheduler, and a bound.
const MAX_WORKDAYS = 250;

/** A calendar date written YYYY-MM-DD that exists. */
export const isoDateSchema = z.string().refine((v) => parseIsoDate(v) !== null, {
  message: '日期应写成 YYYY-MM-DD，例如 2025-01-31',
});

/** One round's own reminder plan; omitted fields keep the default. */
export const reminderPlanSchema = z
  .object(
    {
      daysBefore: z
        .array(
          z
            .number({ error: '提前天数应是数字' })
            .int({ message: '提前天数必须是整数' })
            .min(1, { message: '提前天数至少为 1 个工作日' })
            .max(MAX_WORKDAYS, { message: `提前天数最多 ${MAX_WORKDAYS} 个工作日` }),
          { error: '提前提醒应是工作日数的列表，例如 [10, 5, 3, 2, 1]' },
        )
        .max(30, { message: '提前提醒最多设 30 次' })
        .optional(),
      onDeadlineDay: z.boolean({ error: '截止日当天是否提醒应写 true 或 false' }).optional(),
      overdueDays: z
        .number({ error: '逾期提醒天数应是数字' })
        .int({ message: '逾期提醒天数必须是整数' })
        .min(0, { message: '逾期提醒天数不能为负数' })
        .max(MAX_WORKDAYS, { message: `逾期提醒最多 ${MAX_WORKDAYS} 个工作日` })
        .optional(),
      time: z
        .string({ error: '提醒时间应是字符串，例如 "09:30"' })
        .refine(isClockTime, { message: '提醒时间应写成 24 小时制 HH:mm，例如 09:30' })
        .optional(),
    },
    {
      // A typo such as `overdue` must not be ignored silently: the admin would get the default plan.
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `不认识的设置 ${issue.keys.join('、')}（可用 daysBefore、onDeadlineDay、overdueDays、time）`
          : '提醒计划应是一个对象，例如 {"daysBefore": [5, 3, 1], "time": "09:30"}',
    },
  )
  .strict();

/** What a round may store as its plan. */
export type ReminderPlanInput = z.input<typeof reminderPlanSchema>;

/** The reminder part of a round's configuration: the deadline and, optionally, its own plan. */
export const roundRemindersSchema = z
  .object({
    deadline: isoDateSchema,
    plan: reminderPlanSchema.optional(),
  })
  .strict();

/** Working days and holidays the admin adds for years the calendar package does not know yet. */
export const calendarOverridesSchema = z
  .object({
    workdays: z.array(isoDateSchema).optional(),
    holidays: z.array(isoDateSchema).optional(),
  })
  .strict();

/** A plan that cannot be used; `problems` holds one Chinese sentence each. */
export class PlanConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`提醒设置有误：${problems.join('；')}`);
    this.name = 'PlanConfigError';
  }
}

/** Validates a round's plan and fills in the defaults; throws PlanConfigError with Chinese messages. */
export function resolveReminderPlan(input: unknown = {}): ReminderPlan {
  const parsed = reminderPlanSchema.safeParse(input ?? {});
  if (!parsed.success) throw new PlanConfigError(parsed.error.issues.map((i) => i.message));
  const plan = parsed.data;
  return {
    // Sorted and without repeats so a plan [3, 3, 1] cannot send the same reminder twice.
    daysBefore: [...new Set(plan.daysBefore ?? DEFAULT_REMINDER_PLAN.daysBefore)].sort((a, b) => b - a),
    onDeadlineDay: plan.onDeadlineDay ?? DEFAULT_REMINDER_PLAN.onDeadlineDay,
    overdueDays: plan.overdueDays ?? DEFAULT_REMINDER_PLAN.overdueDays,
    time: plan.time ?? DEFAULT_REMINDER_PLAN.time,
  };
}
