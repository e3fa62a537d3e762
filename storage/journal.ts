import { fileIo, StorageWriteError } from './file-io.js';

/**
 * An append-only file of JSON lines. An append costs the same however many lines came before (a lowdb
 * collection rewrites its whole file on every write); appends made while one is written join the next one.
 */
export class Journal<T> {
  private writing: Promise<void> | null = null;
  private next: { lines: string[]; done: Promise<void> } | null = null;
  /** the file may end in a torn line (a crash, a failed append): the next append starts a fresh line */
  private startLine: boolean;

  constructor(
    private readonly file: string,
    private readonly name: string,
    endsClean: boolean,
  ) {
    this.startLine = !endsClean;
  }

  /**
   * Reads the records of the file whose line passes `keep` (a cheap test before parsing); a line left
   * half-written by a crash is skipped.
   */
  static async read<T>(
    file: string,
    keep: (line: string) => boolean = () => true,
  ): Promise<{ records: T[]; endsClean: boolean }> {
    let text: string;
    try {
      text = await fileIo.readFile(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], endsClean: true };
      throw e;
    }
    const records: T[] = [];
    for (const line of text.split('\n')) {
      if (!line || !keep(line)) continue;
      try {
        records.push(JSON.parse(line) as T);
      } catch {
        // a torn line: its record never reached the disk whole, so it was never acknowledged
      }
    }
    return { records, endsClean: text === '' || text.endsWith('\n') };
  }

  /** Appends one record; resolves once it is in the file, rejects with StorageWriteError when it is not. */
  append(record: T): Promise<void> {
    const line = JSON.stringify(record) + '\n';
    if (!this.writing && !this.next) return this.write([line]);
    if (!this.next) {
      const lines: string[] = [];
      const done = (this.writing ?? Promise.resolve())
        .catch(() => undefined)
        .then(() => {
          this.next = null;
          return this.write(lines);
        });
      this.next = { lines, done };
    }
    this.next.lines.push(line);
    return this.next.done;
  }

  /** Waits for every append begun, without failing (each failure was told to its caller). */
  async settle(): Promise<void> {
    for (let i = 0; i < 3 && (this.writing || this.next); i++) {
      await (this.next?.done ?? this.writing)?.catch(() => undefined);
    }
  }

  private write(lines: string[]): Promise<void> {
    const text = (this.startLine ? '\n' : '') + lines.join('');
    const p: Promise<void> = fileIo
      .appendFile(this.file, text)
      .then(
        () => void (this.startLine = false),
        (e: unknown) => {
          // Part of the text may have reached the file: end that line before the next record.
          this.startLine = true;
          throw new StorageWriteError(this.name, e);
        },
      )
      .finally(() => {
        if (this.writing === p) this.writing = null;
      });
    this.writing = p;
    return p;
  }
}
