/**
 * What the outbox queues, as both queues (outbox-queue.ts: this process's memory and lowdb files;
 * outbox-pg-queue.ts: PostgreSQL shared by every process) store it.
 */
import { createHash } from 'node:crypto';
import type { FileType, ReceiveIdType } from './client.js';

/** Something to deliver to Feishu later, by the worker. */
export type OutboxJob =
  | {
      kind: 'send';
      receiveId: string;
      receiveIdType: ReceiveIdType;
      msgType: 'interactive' | 'text';
      content: string;
    }
  | { kind: 'patch'; messageId: string; content: string }
  | {
      kind: 'send-file';
      receiveId: string;
      receiveIdType: ReceiveIdType;
      /** '' while the file waits to be made (a job with `spec`, queued before its file existed) */
      filePath: string;
      fileName: string;
      fileType: FileType;
      /** set once uploaded, so a retry sends the message without uploading again */
      fileKey?: string;
      /**
       * what the file is made from: the job was queued before its file was made (before the callback's answer),
       * so the sender makes it itself when the process that was to attach it died (Outbox makeFile)
       */
      spec?: FileSpec;
      /** what the recipient reads instead when the file cannot be made, and its outbox key */
      apology?: { text: string; key: string };
      /** the id of a job to the same recipient that must be delivered (or dead) before this one */
      after?: string;
    };

/** Which file of an approval a send-file job carries: enough to make it again from the stored submission. */
export interface FileSpec {
  what: 'word' | 'publish';
  round_id: string;
  unit_id: string;
  version: number;
  final: boolean;
  replaced?: boolean;
}

/** A file made for a send-file job: where it was written and the name people see. */
export interface MadeFile {
  filePath: string;
  fileName: string;
}

/** Makes a waiting job's file from its spec; undefined when it cannot be made any more (the version is gone). */
export type FileMaker = (spec: FileSpec) => Promise<MadeFile | undefined>;

/** Whether a send-file job still waits for its file (queued with a spec, not attached, not uploaded). */
export const waitsForFile = (job: OutboxJob): boolean =>
  job.kind === 'send-file' && !job.fileKey && !job.filePath && job.spec !== undefined;

/** A persisted outbox entry; `id` is also the uuid Feishu deduplicates message creation by (1 h). */
export interface OutboxItem {
  id: string;
  job: OutboxJob;
  createdAt: number;
  attempts: number;
  nextAt: number;
  firstTriedAt?: number;
  lastError?: string;
}

/** Stable outbox id for an idempotency key (e.g. `${eventId}:reply`): enqueueing it again is a no-op. */
export function outboxIdFor(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Whom Feishu's per-receiver limit counts a job's call against: the person or chat, or the patched message. */
export const receiverOf = (job: OutboxJob): string =>
  job.kind === 'patch' ? `msg:${job.messageId}` : job.receiveId;
