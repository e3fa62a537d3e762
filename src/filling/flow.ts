/**
 * The filling conversation as one pure function per input: a card action, the 填报 command, a chat message.
 * Each takes the stored draft and returns the new draft, whether it changed (to persist), the screen to show
 * (a view-model; cards/fill-screen.ts turns it into a card) and a toast. Handlers stay thin: load, call, save,
 * answer.
 */
import type { SectionId } from '../report/template.js';
import { SECTION_BY_ID, SECTIONS } from '../report/template.js';
import type { FillAction } from './actions.js';
import { chatCardAction } from './chat-flow.js';
import { closeChat, openStep } from './chat-text.js';
import type { ChatNoticeView } from './chat-view.js';
import { isStale, type ReportDraft } from './draft.js';
import { canOpen, resumeStep } from './progress.js';
import { answerQuestion } from './question.js';
import { leaveStep, submitStep } from './submit-step.js';
import {
  overviewView,
  progressView,
  stepView,
  summaryView,
  unitReady,
  type OverviewView,
  type ProgressView,
  type StepExtras,
  type StepView,
  type SummaryView,
  type ViewContext,
} from './view.js';
import type { RoundProgressView } from '../rounds/round-progress.js';
import type { SectionReadView } from './section-read.js';

export type Screen =
  | { kind: 'step'; view: StepView }
  | { kind: 'overview'; view: OverviewView }
  | { kind: 'progress'; view: ProgressView }
  | { kind: 'summary'; view: SummaryView }
  /** 进度 for an admin: every unit of a round */
  | { kind: 'round_progress'; view: RoundProgressView }
  /** the answer to a chat message sent while a text step is open: held, filled in, or undone */
  | { kind: 'chat'; view: ChatNoticeView }
  /** the help card, with a line above it (the answer to 不是，这是提问) */
  | { kind: 'help'; notice: string }
  /** a locked section, read-only: every answer and why it cannot change now */
  | { kind: 'section'; view: SectionReadView };

export interface Toast {
  type: 'info' | 'success' | 'error' | 'warning';
  content: string;
}

export interface FillResult {
  draft: ReportDraft;
  /** persist `draft` when true (answers, progress, the open step or chat focus changed) */
  changed: boolean;
  screen?: Screen;
  toast?: Toast;
  /** the person's open step card, to refresh in place (a chat message or its undo changed what it shows) */
  refresh?: Screen;
}

/** The round and unit around the draft, and who fills which section. */
export interface FillContext extends ViewContext {
  fillers: Record<SectionId, string[]>;
  /** display names of each section's fillers, for the progress card */
  fillerNames?: Partial<Record<SectionId, string[]>>;
}

const sectionsOf = (ctx: FillContext, openId: string): SectionId[] =>
  SECTIONS.map((s) => s.id).filter((id) => ctx.fillers[id].includes(openId));

function stepScreen(
  draft: ReportDraft,
  ctx: FillContext,
  section: SectionId,
  step: string,
  extras?: StepExtras,
): Screen {
  return { kind: 'step', view: stepView(draft, ctx, section, step, extras)! };
}

/** 填报: the unit card with the person's sections. */
export function fillCommand(draft: ReportDraft, ctx: FillContext, openId: string): FillResult {
  const mine = sectionsOf(ctx, openId);
  if (!mine.length)
    return { draft, changed: false, toast: { type: 'error', content: '这个单位没有分配给你的部分' } };
  return { draft, changed: false, screen: { kind: 'overview', view: overviewView(draft, ctx, mine) } };
}

/** The screen after a section's last step: the summary when the whole report is ready, else the unit card. */
function afterSection(draft: ReportDraft, ctx: FillContext, openId: string, section: SectionId): FillResult {
  const heading = SECTION_BY_ID.get(section)!.heading;
  const next = closeChat(draft, openId);
  if (unitReady(next, ctx.previous)) {
    return {
      draft: next,
      changed: true,
      screen: { kind: 'summary', view: summaryView(next, ctx) },
      toast: { type: 'success', content: '全部填完了，请查看汇总并提交审核' },
    };
  }
  return {
    draft: next,
    changed: true,
    screen: { kind: 'overview', view: overviewView(next, ctx, sectionsOf(ctx, openId)) },
    toast: { type: 'success', content: `${heading}已填完` },
  };
}

/** 「已保存」 after leaving a step, naming how many typed values were not saved because they are wrong. */
function savedToast(dropped: Record<string, string>): Toast {
  const n = Object.keys(dropped).length;
  return n
    ? { type: 'warning', content: `已保存，有 ${n} 项格式不对没有保存` }
    : { type: 'info', content: '已保存' };
}

/** One tap on a filling card. */
export function fillAction(
  draft: ReportDraft,
  ctx: FillContext,
  openId: string,
  action: FillAction,
  formValue: Record<string, unknown> = {},
): FillResult {
  const mine = sectionsOf(ctx, openId);
  if (!mine.length)
    return { draft, changed: false, toast: { type: 'error', content: '你不是这个单位的填报人' } };
  if (action.action === 'overview')
    return { draft, changed: false, screen: { kind: 'overview', view: overviewView(draft, ctx, mine) } };
  if (action.action === 'progress')
    return {
      draft,
      changed: false,
      screen: { kind: 'progress', view: progressView(draft, ctx, ctx.fillerNames) },
    };
  if (action.action === 'summary')
    return { draft, changed: false, screen: { kind: 'summary', view: summaryView(draft, ctx) } };

  const section = action.section;
  if (!section || !mine.includes(section)) {
    return { draft, changed: false, toast: { type: 'error', content: '这一部分没有分配给你，不能填写' } };
  }
  // The card that answered a chat message carries no version: it names the message it is about instead.
  if (action.action === 'chat_fill' || action.action === 'chat_not_text' || action.action === 'chat_undo')
    return chatCardAction(draft, ctx, openId, action);
  if (action.action === 'open_section') {
    const step = resumeStep(draft, section);
    const next = openStep(draft, openId, section, step.id);
    return { draft: next, changed: true, screen: stepScreen(next, ctx, section, step.id) };
  }
  const step = action.step ?? '';
  // A card from before the last save (another device, a chat message, a colleague) must not overwrite it.
  if (action.version === undefined || isStale(draft, section, action.version)) {
    const current = resumeStep(draft, section);
    return {
      draft,
      changed: false,
      screen: stepScreen(draft, ctx, section, current.id),
      toast: { type: 'warning', content: '这张卡片已过期，已换成最新内容，请重新操作' },
    };
  }
  switch (action.action) {
    case 'submit_step': {
      const input = {
        section,
        step,
        formValue,
        blankAsZero: action.blank === 'zero',
        noFee: action.fee === 'none',
      };
      const { draft: next, outcome } = submitStep(draft, input, ctx.previous);
      if (outcome.status === 'unknown_step')
        return { draft, changed: false, toast: { type: 'error', content: '这一步已不存在，请重新打开' } };
      if (outcome.status === 'invalid') {
        return {
          draft: next,
          changed: next !== draft,
          screen: stepScreen(next, ctx, section, step, outcome),
          toast: {
            type: 'error',
            content: `有 ${Object.keys(outcome.fieldErrors).length} 处需要修改，其他内容已保存`,
          },
        };
      }
      if (outcome.show === null) return afterSection(next, ctx, openId, section);
      const opened = openStep(next, openId, section, outcome.show);
      const extras =
        outcome.show === step
          ? { typed: outcome.typed, errors: outcome.errors, warnings: outcome.warnings }
          : {};
      return {
        draft: opened,
        changed: true,
        screen: stepScreen(opened, ctx, section, outcome.show, extras),
        toast:
          outcome.show === step
            ? { type: 'error', content: '已保存，但还有错误需要修改' }
            : { type: 'success', content: '已保存' },
      };
    }
    case 'back':
    case 'save_exit': {
      const { draft: next, outcome } = leaveStep(
        draft,
        { section, step, formValue },
        action.action === 'back' ? 'back' : 'exit',
      );
      if (outcome.status === 'unknown_step')
        return { draft, changed: false, toast: { type: 'error', content: '这一步已不存在，请重新打开' } };
      const dropped = Object.keys(outcome.dropped).length;
      const warn = dropped ? `，有 ${dropped} 项格式不对没有保存` : '';
      if (outcome.show) {
        const opened = openStep(next, openId, section, outcome.show);
        return {
          draft: opened,
          changed: true,
          screen: stepScreen(opened, ctx, section, outcome.show),
          toast: savedToast(outcome.dropped),
        };
      }
      const closed = closeChat(next, openId);
      return {
        draft: closed,
        changed: true,
        screen: { kind: 'overview', view: overviewView(closed, ctx, mine) },
        toast: { type: dropped ? 'warning' : 'success', content: `已保存${warn}。随时发送「填报」继续` },
      };
    }
    case 'jump': {
      if (!canOpen(draft, section, step))
        return { draft, changed: false, toast: { type: 'error', content: '只能跳到已填写的步骤' } };
      // The jump buttons sit in the step's form, so what was typed on the step being left comes along and
      // is kept as 上一步 keeps it. (`from` is absent on cards sent before; they carry no form either.)
      let next = draft;
      let toast: Toast | undefined;
      if (action.from) {
        const left = leaveStep(draft, { section, step: action.from, formValue }, 'exit');
        if (left.outcome.status === 'unknown_step')
          return { draft, changed: false, toast: { type: 'error', content: '这一步已不存在，请重新打开' } };
        next = left.draft;
        if (left.outcome.saved.length || Object.keys(left.outcome.dropped).length)
          toast = savedToast(left.outcome.dropped);
      }
      const opened = openStep(next, openId, section, step);
      return {
        draft: opened,
        changed: true,
        screen: stepScreen(opened, ctx, section, step),
        ...(toast ? { toast } : {}),
      };
    }
    case 'answer': {
      if (!action.answer)
        return { draft, changed: false, toast: { type: 'error', content: '请选择一个答案' } };
      const { draft: next, outcome } = answerQuestion(draft, action.answer, ctx.previous);
      if (outcome.status === 'refused' || outcome.show === 's3.question') {
        return {
          draft: next,
          changed: next !== draft,
          screen: stepScreen(next, ctx, section, 's3.question', { notice: outcome.message }),
        };
      }
      if (outcome.show === null) {
        const done = afterSection(next, ctx, openId, section);
        return { ...done, toast: { type: 'success', content: outcome.message } };
      }
      const opened = openStep(next, openId, section, outcome.show);
      return {
        draft: opened,
        changed: true,
        screen: stepScreen(opened, ctx, section, outcome.show, { notice: outcome.message }),
      };
    }
    default:
      return { draft, changed: false };
  }
}

export { fillChat } from './chat-flow.js';
