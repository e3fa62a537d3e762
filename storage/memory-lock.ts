/**
 * Named critical sections inside one process: each name has a queue (a promise chain), so work of the same
 * name runs one at a time, in the order asked. LowdbStorage uses it: a data directory is owned by one bot
 * process, so this process's queue is the whole truth (a database does it across processes instead).
 *
 * Re-entrant by context (AsyncLocalStorage), as PostgreSQL's advisory locks are per connection: work that
 * asks again for a name it holds runs at once instead of waiting for itself. A continuation started inside a
 * section that runs after the section ended holds nothing any more, and queues like anyone else.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** The sections the current async context is inside, while they run. */
interface Held {
  name: string;
  active: boolean;
}

/** One process's named locks (one per storage). */
export class MemoryLock {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly context = new AsyncLocalStorage<Held[]>();

  /** Runs `work` when no other work of `name` is running, and resolves with its result. */
  run<T>(name: string, work: () => Promise<T>): Promise<T> {
    const outer = (this.context.getStore() ?? []).filter((h) => h.active);
    if (outer.some((h) => h.name === name)) return work();
    const held: Held = { name, active: true };
    const inside = () =>
      this.context.run([...outer, held], async () => {
        try {
          return await work();
        } finally {
          held.active = false;
        }
      });
    const before = this.tails.get(name) ?? Promise.resolve();
    // A failed section must not block the next one: the queue goes on from a settled tail.
    const run = before.catch(() => undefined).then(inside);
    const tail = run.catch(() => undefined);
    this.tails.set(name, tail);
    void tail.then(() => {
      if (this.tails.get(name) === tail) this.tails.delete(name);
    });
    return run;
  }
}
