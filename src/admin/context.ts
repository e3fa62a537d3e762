/**
 * What the admin's actions get (storage, clock, who taps, the directory and groups, names) and what they answer:
 * a screen (the card that replaces the tapped one), a toast, notices of a round change to deliver, files to
 * send, a working group to open. The handlers do the delivering, through the outbox.
 */
import type { Storage } from '../../storage/store.js';
import type { ApprovalReply } from '../approval/context.js';
import type { Directory, GroupChats } from '../people/directory.js';
import type { RoundEffect } from '../rounds/round-changes.js';
import type { Round } from '../rounds/round.js';
import type { RoundOpeners } from './openers.js';
import type { AdminScreen, PersonView } from './views.js';

export interface AdminContext {
  storage: Storage;
  now: number;
  /** who tapped or wrote */
  openId: string;
  directory?: Directory;
  groups?: GroupChats;
  /** display names (the contact API; the open_id when unknown) */
  names: (openIds: string[]) => Promise<Record<string, string>>;
  mayOpen: RoundOpeners;
  /** the card is in a round's working group: its pickers list the group's members, no candidates needed */
  inGroup?: boolean;
}

/** A file the admin asked for. */
export type AdminFile = { kind: 'template' } | { kind: 'round_sheet'; roundId: string };

export interface AdminReply {
  screen?: AdminScreen;
  toast?: { type: 'info' | 'success' | 'error' | 'warning'; content: string };
  /** a sentence instead of a card (answers to chat commands) */
  text?: string;
  /** a round changed: its notices go to the people it affects */
  changed?: { round: Round; effects: RoundEffect[] };
  files?: AdminFile[];
  /** open the round's working group after answering (several Open API calls) */
  openGroup?: string;
  /** a waiting report handed to a new approver (approval/reassign.ts): its cards, texts and file to send */
  approval?: ApprovalReply;
}

export const refuse = (content: string): AdminReply => ({ toast: { type: 'warning', content } });

/** A name lookup that never fails: unknown ids stay ids. */
export async function nameOf(ctx: AdminContext, ids: string[]): Promise<(id: string) => string> {
  const known = ids.length ? await ctx.names([...new Set(ids)]) : {};
  return (id) => known[id] ?? id;
}

// A one-to-one chat's picker lists only the candidates the card carries: this many fit a card beside the rest.
const MAX_CANDIDATES = 80;

/** Who the pickers offer: the people already involved first, then the directory, up to a card's worth. */
export async function candidatesFor(ctx: AdminContext, involved: string[]): Promise<PersonView[]> {
  // In the working group Feishu offers its members, exactly the round's people (feishu-brief §11).
  if (ctx.inGroup) return [];
  const name = await nameOf(ctx, involved);
  const out = new Map<string, string>(involved.map((id) => [id, name(id)]));
  if (ctx.directory) {
    try {
      for (const p of await ctx.directory.people()) {
        if (out.size >= MAX_CANDIDATES) break;
        if (!out.has(p.openId)) out.set(p.openId, p.name);
      }
    } catch {
      // Pickers still offer the people involved; the text box beside them takes anyone else.
    }
  }
  return [...out].slice(0, MAX_CANDIDATES).map(([openId, n]) => ({ openId, name: n }));
}
