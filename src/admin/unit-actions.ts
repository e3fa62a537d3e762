/**
 * The unit cards' taps, for a unit of a round being set up or of a running round: the button's value names the
 * owner (`setup_id` and `version`, or `round_id`), and the tap goes to that owner's actions.
 */
import type { AdminReply } from './context.js';
import { roundUnitActions } from './round-actions.js';
import { setupActions, setupUnitActions, type AdminAction } from './setup-actions.js';

const bySetup = (v: Record<string, unknown>) => typeof v.setup_id === 'string';

export const unitActions: Record<string, AdminAction> = {
  unit_add: (ctx, v, form): Promise<AdminReply> =>
    bySetup(v)
      ? setupUnitActions.add(ctx, v.setup_id, v.version, form)
      : roundUnitActions.add(ctx, v.round_id, form),
  unit_fillers: (ctx, v, form) =>
    bySetup(v)
      ? setupUnitActions.fillers(ctx, v.setup_id, v.version, v.unit_id, form)
      : roundUnitActions.fillers(ctx, v.round_id, v.unit_id, form),
  unit_chain: (ctx, v, form) =>
    bySetup(v)
      ? setupUnitActions.chain(ctx, v.setup_id, v.version, v.unit_id, form)
      : roundUnitActions.chain(ctx, v.round_id, v.unit_id, form),
  unit_remove: (ctx, v) =>
    bySetup(v)
      ? setupUnitActions.remove(ctx, v.setup_id, v.unit_id)
      : roundUnitActions.remove(ctx, v.round_id, v.unit_id),
  unit_back: (ctx, v, form) =>
    bySetup(v) ? setupActions.setup_back(ctx, v, form) : roundUnitActions.back(ctx, v.round_id),
};
