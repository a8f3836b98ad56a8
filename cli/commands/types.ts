import type { CliIo } from '../io';

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  /** Returns the exit code. Throws UsageError for bad arguments. */
  readonly run: (argv: string[], io: CliIo) => Promise<number>;
}
