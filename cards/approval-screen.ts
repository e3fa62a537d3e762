/** One entry point from an approval screen (view-model) to its card. */
import type { ApprovalScreen } from '../src/approval/context.js';
import type { Card } from './card-shell.js';
import { approvalCard } from './approval-card.js';
import { noticeCard } from './approval-notice.js';
import { rejectCard } from './approval-reject.js';
import { reopenCard } from './approval-reopen.js';
import { sectionCard } from './review-section.js';
import { timelineCard } from './timeline.js';

/** The card of an approval screen. */
export function approvalScreenCard(screen: ApprovalScreen): Card {
  switch (screen.kind) {
    case 'review':
      return approvalCard(screen.view);
    case 'reject':
      return rejectCard(screen.view, screen.form);
    case 'notice':
      return noticeCard(screen.notice);
    case 'timeline':
      return timelineCard(screen.view);
    case 'section':
      return sectionCard(screen.view, screen.section, screen.page);
    case 'reopen':
      return reopenCard(screen.view, screen.form);
  }
}
