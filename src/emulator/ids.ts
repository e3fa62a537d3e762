import crypto from 'node:crypto';

const hex = (bytes: number): string => crypto.randomBytes(bytes).toString('hex');

/** A message id shaped like Feishu's (om_ + 32 hex). */
export const newMessageId = (): string => `om_${hex(16)}`;
/** An event id shaped like Feishu's (32 hex). */
export const newEventId = (): string => hex(16);
/** A tenant_access_token shaped like Feishu's. */
export const newTenantToken = (): string => `t-g${hex(20)}`;
/** A card callback token (c- + 40 hex), usable for delayed card updates. */
export const newCardToken = (): string => `c-${hex(20)}`;
/** A file key shaped like Feishu's im file keys. */
export const newFileKey = (): string => `file_v3_00${hex(2)}_${crypto.randomUUID()}`;
/** A log id for error bodies, as Feishu attaches one to every error. */
export const newLogId = (): string => hex(16).toUpperCase();

/** The p2p chat between the bot and a user; derived from the open_id so it is stable across restarts. */
export function p2pChatId(openId: string): string {
  return `oc_${crypto.createHash('sha256').update(`p2p:${openId}`).digest('hex').slice(0, 32)}`;
}

/** A group chat id shaped like Feishu's (oc_ + 32 hex). */
export const newChatId = (): string => `oc_${hex(16)}`;

/** The bot's open_id in this tenant; derived from the app id so it is the same on every start. */
export function botOpenIdOf(appId: string): string {
  return `ou_${crypto.createHash('sha256').update(`bot:${appId}`).digest('hex').slice(0, 32)}`;
}
