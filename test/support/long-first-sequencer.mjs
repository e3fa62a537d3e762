/**
 * Which test files jest starts first. With timings in its cache, jest runs the longest files first, so no worker
 * is left with a long file at the end; a fresh clone (CI) has no cache, and jest falls back to file size, which
 * puts short files that run for long (three bot processes, kill -9, a browser) last: a tail of 30 s and more
 * on 3 workers. Those known to be long start first here when jest knows nothing better; the rest keep jest's
 * order.
 */
import Sequencer from '@jest/test-sequencer';

/** Files and folders whose files take longest (a warm run on 2 cores: 10–36 s each), longest first. */
const LONG = [
  'test/multiprocess/',
  'test/integration/reminders-fanout',
  'test/reliability/',
  'test/integration/round-after-approval',
  'test/browser/',
  'test/render/docx-libreoffice',
  'test/server/outbox.test',
  'test/rounds/sheet/read-sheet',
];

class LongFirst extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    if (sorted.some((t) => t.duration != null)) return sorted;
    const rank = (t) => {
      const i = LONG.findIndex((p) => t.path.includes(p));
      return i < 0 ? LONG.length : i;
    };
    // Stable: within a rank, jest's own order (by size) stays.
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

export default LongFirst;
