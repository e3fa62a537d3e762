#!/usr/bin/env node
// The `nianbao` command (package.json "bin"): runs the TypeScript CLI through tsx, so a checkout works
// right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
