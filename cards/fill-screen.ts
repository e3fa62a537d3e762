/** Turns a screen of the filling flow (src/filling/flow.ts) into its card. */
import type { Screen } from '../src/filling/flow.js';
import type { Card } from './card-shell.js';
import { helpCard } from './help.js';
import { chatNoticeCard } from './fill-chat.js';
import { overviewCard } from './fill-overview.js';
import { stepCard } from './fill-step.js';
import { progressCard } from './progress.js';
import { roundProgressCard } from './round-progress.js';
import { sectionReadCard } from './section-read.js';
import { summaryCard } from './summary.js';

/** The card of a filling screen. */
export function fillScreenCard(screen: Screen): Card {
  switch (screen.kind) {
    case 'step':
      return stepCard(screen.view);
    case 'overview':
      return overviewCard(screen.view);
    case 'progress':
      return progressCard(screen.view);
    case 'summary':
      return summaryCard(screen.view);
    case 'round_progress':
      return roundProgressCard(screen.view);
    case 'chat':
      return chatNoticeCard(screen.view);
    case 'help':
      // Only a filler with a text step open gets this screen (不是，这是提问).
      return helpCard({ notice: screen.notice, filler: true });
    case 'section':
      return sectionReadCard(screen.view);
  }
}
