/** Turns an admin screen (src/admin/views.ts) into its card. */
import type { AdminScreen } from '../src/admin/views.js';
import { departmentsCard, setupCard } from './admin-setup.js';
import { newUnitCard, unitCard } from './admin-unit.js';
import {
  roundAdminCard,
  roundAdminsCard,
  roundDeadlineCard,
  roundHistoryCard,
  roundsCard,
} from './admin-round.js';
import type { Card } from './card-shell.js';
import { consolidateCard } from './consolidated-start.js';

/** The card of an admin screen. */
export function adminScreenCard(screen: AdminScreen): Card {
  switch (screen.kind) {
    case 'setup':
      return setupCard(screen.view);
    case 'departments':
      return departmentsCard(screen.view);
    case 'unit':
      return unitCard(screen.view);
    case 'new_unit':
      return newUnitCard(screen.view);
    case 'round_admin':
      return roundAdminCard(screen.view);
    case 'rounds':
      return roundsCard(screen.view);
    case 'round_history':
      return roundHistoryCard(screen.view);
    case 'round_deadline':
      return roundDeadlineCard(screen.view);
    case 'round_admins':
      return roundAdminsCard(screen.view);
    case 'consolidate':
      return consolidateCard(screen.view);
  }
}
