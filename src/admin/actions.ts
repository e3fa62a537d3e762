/** Every admin card action by value.action (handlers/admin-routes.ts routes them). */
import { consolidateActions } from '../consolidated/admin-actions.js';
import { roundActions } from './round-actions.js';
import { setupActions, type AdminAction } from './setup-actions.js';
import { unitActions } from './unit-actions.js';

export const adminActions: Record<string, AdminAction> = {
  ...setupActions,
  ...roundActions,
  ...unitActions,
  ...consolidateActions,
};

/** The value.action names of the admin's cards. */
export const ADMIN_ACTIONS = Object.keys(adminActions);
