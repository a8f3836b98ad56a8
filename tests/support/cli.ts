import type { CliIo } from '../../cli/io';
import { testPassphraseEnv } from './profile';

/** A CliIo that captures what a command prints, with empty standard input, for in-process CLI tests. */
export function capturingIo(): CliIo & { out: string; err: string } {
  const captured = {
    out: '',
    err: '',
    stdout: (text: string) => void (captured.out += text),
    stderr: (text: string) => void (captured.err += text),
    readStdin: async () => '',
    env: testPassphraseEnv(),
    untilInterrupted: () => new Promise<void>(() => undefined),
  };
  return captured;
}
