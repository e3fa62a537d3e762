import { parseArgs } from 'node:util';

/** Where a command writes: the terminal in real use, a buffer in tests. */
export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
}

/** The command line was used wrongly; the message says how. */
export class UsageError extends Error {}

/** Splits a command's arguments; an unknown option is a usage error, not a crash. */
export function parseCommandArgs<T extends NonNullable<Parameters<typeof parseArgs>[0]>['options']>(
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
