#!/usr/bin/env node
// Entry of the `veldwerk` command: loads the TypeScript CLI through tsx, so that a fresh
// `npm install` is enough to run it (no build step for the command line).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
