import { adminCommand } from './admin';
import { bundleCommand } from './bundle';
import { demoCommand } from './demo';
import { duoCommand } from './duo';
import { reportCommand } from './report';
import { serverCommand } from './server';
import { swotCommand } from './swot';
import { syncCommand } from './sync';
import type { Command } from './types';
import { webCommand } from './web';

/** Every subcommand of `veldwerk`, in the order `--help` lists them. */
export const commands: readonly Command[] = [
  webCommand,
  swotCommand,
  reportCommand,
  serverCommand,
  adminCommand,
  syncCommand,
  bundleCommand,
  duoCommand,
  demoCommand,
];
