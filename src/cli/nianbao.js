#!/usr/bin/env node
// The `nianbao` command (package.json "bin"): runs the TypeScript CLI through tsx, so a checkout works
// right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
const io = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };
try {
  process.exitCode = await main(process.argv.slice(2), io);
} catch (error) {
  // A bug, not bad input: one line for the person, no stack trace.
  io.err(`出错了：${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
