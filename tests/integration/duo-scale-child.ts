// One duo-file export or import of a large profile, run by duo-scale.test.ts in a child process so
// that the operation's peak memory (maxRSS) is its own: the real CLI command, through every layer
// (log → bundle → duo encryption → file, and back), then the peak resident set size as JSON.
import { main } from '../../cli/main';
import type { CliIo } from '../../cli/io';
import { testPassphraseEnv } from '../support/profile';

const [mode, profile, file, trustSigner] = process.argv.slice(2);
if ((mode !== 'export' && mode !== 'import') || !profile || !file)
  throw new Error('usage: duo-scale-child export|import PROFILE_DIR FILE [MAKER_FINGERPRINT]');
const out: string[] = [];
const err: string[] = [];
const io: CliIo = {
  stdout: (text) => void out.push(text),
  stderr: (text) => void err.push(text),
  readStdin: async () => '',
  env: testPassphraseEnv(),
  untilInterrupted: async () => undefined,
};
const args =
  mode === 'export'
    ? ['bundle', 'export', '--profile', profile, '--out', file]
    : ['bundle', 'import', '--profile', profile, file, '--allow-new-campaign', '--trust-signer', trustSigner ?? ''];
void main(args, io).then((code) => {
  const usage = process.resourceUsage();
  process.stdout.write(
    `${JSON.stringify({ code, maxRssBytes: usage.maxRSS * 1024, stdout: out.join(''), stderr: err.join('') })}\n`,
  );
  process.exitCode = code;
});
