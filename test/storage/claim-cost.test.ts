/**
 * Issue 14 item 6: claiming an event must not cost more as the hour's traffic grows. Measured as the bytes this
 * process hands the kernel to write (/proc/self/io wchar) per event (claim + done), with 100 and with 5,000
 * events already claimed in the same hour: the old layout rewrote the hour's whole file twice per event.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventClaims } from '../../storage/event-claims.js';
import { LowdbStorage } from '../../storage/lowdb-storage.js';

const bytesWritten = () => Number(/wchar:\s*(\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))![1]);
const EVENTS = 50;
const t = Date.UTC(2027, 0, 29, 9, 30);

/** Bytes written per event (claim, then done) once `existing` events of the hour are claimed and done. */
async function bytesPerEvent(existing: number): Promise<number> {
  const dir = await mkdtemp(path.join(tmpdir(), 'nianbao-claimcost-'));
  try {
    const c = await EventClaims.open(new LowdbStorage(dir), { now: () => t });
    const ids = Array.from({ length: existing }, (_, i) => `seed${String(i).padStart(28, '0')}`);
    await Promise.all(ids.map((id) => c.claim(id)));
    await Promise.all(ids.map((id) => c.done(id)));
    const before = bytesWritten();
    for (let i = 0; i < EVENTS; i++) {
      const id = `evnt${String(i).padStart(28, '0')}`;
      expect(await c.claim(id)).toBe(true);
      await c.done(id);
    }
    return (bytesWritten() - before) / EVENTS;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

(existsSync('/proc/self/io') ? describe : describe.skip)('the cost of claiming an event', () => {
  it('stays flat with the number of events already claimed this hour', async () => {
    const few = await bytesPerEvent(100);
    const many = await bytesPerEvent(5000);
    // Two short lines per event; a little slack for whatever else the process writes meanwhile.
    expect(many).toBeLessThan(1000);
    expect(many).toBeLessThan(few * 1.5 + 200);
  });
});
