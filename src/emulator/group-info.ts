import type { EmulatorState } from './state.js';
import type { GroupChatInfo } from './types.js';

/** A group as the control API lists it: its members with their names. */
export function groupInfo(state: EmulatorState, chatId: string): GroupChatInfo | undefined {
  const g = state.getGroup(chatId);
  if (!g) return undefined;
  return {
    chat_id: g.chat_id,
    name: g.name,
    owner_id: g.owner.id,
    owner_id_type: g.owner.type,
    bot_in_chat: g.botIn,
    members: g.members.map((id) => ({ open_id: id, name: state.findUser('open_id', id)?.name ?? id })),
    create_time: g.create_time,
  };
}
