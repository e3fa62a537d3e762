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
      filePath: string;
      fileName: string;
      fileType: FileType;
      /** set once uploaded, so a retry sends the message without uploading again */
      fileKey?: string;
    };

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
