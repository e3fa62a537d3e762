/**
 * What the tests of files queued before they were made share: a stored report with one submitted version, the
 * emulator's Feishu with the real SDK, a process whose maker dies before the file exists, and the file a
 * person got.
 */
import JSZip from 'jszip';
import pino from 'pino';
import type { Storage } from '../../storage/store.js';
import { writeApprovalInLock } from '../../src/approval/repo.js';
import { emptyApproval, type ApprovalState } from '../../src/approval/state.js';
import { startEmulator, type Emulator, type EmulatorUser } from '../../src/emulator/index.js';
import { createFeishuApi, createLarkClient, type FeishuApi } from '../../src/feishu/client.js';
import type { Outbox } from '../../src/feishu/outbox.js';
import type { SectionId } from '../../src/report/template.js';
import { roundRepo } from '../../src/rounds/round-repo.js';
import { queueWordFile } from '../../handlers/word-file-send.js';
import { APP_ID } from '../server/harness.js';

export const FILLER: EmulatorUser = {
  open_id: 'ou_filespecfilleraaaaaaaaaaaaaaaa',
  user_id: 'fsf',
  union_id: 'on_fsf',
  name: '填报人',
};
export const APPROVER: EmulatorUser = {
  open_id: 'ou_filespecapproveraaaaaaaaaaaaaa',
  user_id: 'fsa',
  union_id: 'on_fsa',
  name: '审核人',
};
export const UNIT = '某县档案馆';
const IDS = { round_id: '2025-rfilespec', unit_id: 'dangan' };
/** The approver's Word file of version 1. */
export const SPEC = { ...IDS, version: 1, final: false, what: 'word' as const };

/** Stores a round of one unit whose version 1 waits for its approver. */
export async function storeSubmittedVersion(storage: Storage): Promise<void> {
  const sections: SectionId[] = ['s1', 's2', 's3', 's4', 's5', 's6'];
  const fillers = Object.fromEntries(sections.map((s) => [s, [FILLER.open_id]])) as Record<
    SectionId,
    string[]
  >;
  await roundRepo(storage).save({
    id: IDS.round_id,
    year: 2025,
    name: '2025 年度政府信息公开工作年度报告',
    deadline: '2026-01-20T18:00:00+08:00',
    units: [{ id: IDS.unit_id, name: UNIT, fillers, approvers: [APPROVER.open_id] }],
    admins: [],
  });
  const state: ApprovalState = {
    ...emptyApproval(),
    version: 1,
    submissions: [
      {
        version: 1,
        answers: { 's1.intro': '本年度，某县档案馆认真贯彻落实政府信息公开条例。' },
        by: FILLER.open_id,
        at: Date.parse('2026-01-10T02:00:00Z'),
        fillers,
        approvers: [APPROVER.open_id],
        warnings: [],
      },
    ],
  };
  await writeApprovalInLock(storage, IDS.round_id, IDS.unit_id, state);
}

/** The emulator with the test's two people. */
export const startFeishu = (): Promise<Emulator> =>
  startEmulator({
    appId: APP_ID,
    appSecret: 's3cret',
    verificationToken: 'vt',
    users: [FILLER, APPROVER],
    port: 0,
  });

/** The SDK client of the app, against the emulator. */
export function apiOf(emu: Emulator): FeishuApi {
  const settings = { appId: APP_ID, appSecret: 's3cret', verificationToken: 'vt', encryptKey: '' };
  return createFeishuApi(
    createLarkClient({ ...settings, domain: emu.url, mode: 'webhook' }, pino({ level: 'silent' })),
  );
}

/** The outbox key of the approver's Word file, queued for the tap `event`. */
export const fileKey = (event: string) => `${event}:file`;

/**
 * What the approval route does for the approver's Word file of version 1 before its answer (for the tap
 * `event`); `make` renders it after the answer.
 */
export async function queueApproverFile(
  outbox: Outbox,
  event: string,
  make: () => Promise<{ filePath: string; fileName: string }>,
): Promise<void> {
  await queueWordFile(
    { outbox, log: pino({ level: 'silent' }) },
    { what: 'Word file of version 1', make, to: [APPROVER.open_id], key: fileKey(event), spec: SPEC },
  );
}

/** The approver's file queued by a process that then dies rendering it: the file never comes. */
export const queueAndDie = (outbox: Outbox) =>
  queueApproverFile(outbox, 'ev-killed', () => new Promise(() => undefined));

/** The files the approver got: each one's name and the text of its word/document.xml. */
export async function filesOfApprover(emu: Emulator): Promise<Array<{ name: string; document: string }>> {
  const out = [];
  for (const m of emu.messages(APPROVER.open_id).filter((x) => x.msg_type === 'file')) {
    const key = (m.content as { file_key: string }).file_key;
    const res = await fetch(`${emu.url}/api/files/${key}`);
    const name = decodeURIComponent(
      /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? '',
    );
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    out.push({ name, document: (await zip.file('word/document.xml')?.async('string')) ?? '' });
  }
  return out;
}

/** Polls `ok` every 20 ms for at most `ms`. */
export async function until(ok: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  for (let i = 0; i < ms / 20; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('timed out');
}
