/** A CommandIO that keeps what a command prints, for tests that call a command function directly. */
import type { CommandIO } from '../../src/cli/io.js';

/** What the command wrote to stdout and stderr, as it goes. */
export function bufferIO(): CommandIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (text: string) => void (io.stdout += text),
    err: (text: string) => void (io.stderr += text),
  };
  return io;
}
