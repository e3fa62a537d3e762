import { createReadStream } from 'node:fs';
import * as lark from '@larksuiteoapi/node-sdk';
import type { FeishuSettings } from '../config.js';
import { sdkLogger, type Logger } from '../logger.js';
import { FeishuCallError, classifyFailure, checkBody } from './errors.js';

export type ReceiveIdType = 'open_id' | 'user_id' | 'union_id' | 'email' | 'chat_id';
export type FileType = 'opus' | 'mp4' | 'pdf' | 'doc' | 'xls' | 'ppt' | 'stream';

/** A file to upload: named and typed, read from a path or given as bytes. */
export interface FileUpload {
  fileName: string;
  fileType: FileType;
  filePath?: string;
  bytes?: Buffer;
}

/** The few Open API calls nianbao makes; everything the outbox sends goes through here. */
export interface FeishuApi {
  /** sends a message; `uuid` makes Feishu drop a repeat of the same send for 1 h */
  sendMessage(m: {
    receiveId: string;
    receiveIdType: ReceiveIdType;
    msgType: 'interactive' | 'text' | 'file';
    content: string;
    uuid: string;
  }): Promise<{ messageId: string }>;
  /** replaces the content of a card message (the card needs update_multi: true) */
  patchMessage(messageId: string, content: string): Promise<void>;
  /**
   * uploads a file (max 30 MB) for a later file message: its `bytes` when given (the shared outbox keeps them
   * in the database), else the file at `filePath`
   */
  uploadFile(f: FileUpload): Promise<{ fileKey: string }>;
}

/** Maps FEISHU_DOMAIN to what the SDK expects: its enum for the public clouds, a base URL verbatim. */
export function sdkDomain(domain: string): lark.Domain | string {
  if (domain === 'feishu') return lark.Domain.Feishu;
  if (domain === 'lark') return lark.Domain.Lark;
  return domain;
}

/** The SDK client for one app. */
export function createLarkClient(settings: FeishuSettings, log: Logger): lark.Client {
  // A hung connection would hold an outbox slot forever; the SDK's axios has no timeout by default.
  lark.defaultHttpInstance.defaults.timeout ||= 15_000;
  return new lark.Client({
    appId: settings.appId,
    appSecret: settings.appSecret,
    appType: lark.AppType.SelfBuild,
    domain: sdkDomain(settings.domain),
    logger: sdkLogger(log),
    // The SDK's default token cache is module-global and keyed by appId only (brief §9.1): keep one per client.
    cache: new lark.DefaultCache(),
  });
}

function fileBody(f: FileUpload): Buffer | ReturnType<typeof createReadStream> {
  if (f.bytes) return f.bytes;
  if (!f.filePath) throw new FeishuCallError(`no bytes nor path for ${f.fileName}`, { retryable: false });
  return createReadStream(f.filePath);
}

/** Wraps the SDK client; every failure becomes a FeishuCallError that says whether to retry. */
export function createFeishuApi(client: lark.Client): FeishuApi {
  const call = async <T>(what: string, f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      throw e instanceof FeishuCallError ? e : classifyFailure(what, e);
    }
  };
  return {
    sendMessage: (m) =>
      call('im.message.create', async () => {
        const r = await client.im.v1.message.create({
          params: { receive_id_type: m.receiveIdType },
          data: { receive_id: m.receiveId, msg_type: m.msgType, content: m.content, uuid: m.uuid },
        });
        checkBody('im.message.create', r);
        return { messageId: r.data?.message_id ?? '' };
      }),
    patchMessage: (messageId, content) =>
      call('im.message.patch', async () => {
        const r = await client.im.v1.message.patch({ path: { message_id: messageId }, data: { content } });
        checkBody('im.message.patch', r);
      }),
    uploadFile: (f) =>
      call('im.file.create', async () => {
        const r = await client.im.v1.file.create({
          data: { file_type: f.fileType, file_name: f.fileName, file: fileBody(f) },
        });
        // file.create resolves to body.data, or null when code≠0 (the code is lost): retry, bounded by age.
        if (!r?.file_key)
          throw new FeishuCallError('im.file.create returned no file_key', { retryable: true });
        return { fileKey: r.file_key };
      }),
  };
}
