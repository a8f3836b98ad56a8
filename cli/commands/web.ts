import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBridge } from '../../web/bridge';
import { passphraseWrapper } from '../../db/crypto/wrappers';
import { ProfileSession } from '../../services/vault/session';
import { PASSPHRASE_USAGE, cliProfileDir, passphraseOption, readPassphrase } from '../profile';
import { EXIT_OK, UsageError, type CliIo } from '../io';
import type { Command } from './types';

const RENDERER_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/renderer');

export const webCommand: Command = {
  name: 'web',
  summary: 'Run Veldwerk in a browser: the services plus a local HTTP bridge on 127.0.0.1',
  usage: `veldwerk web [--profile DIR] [--port N] [--host HOST]

  --profile DIR   profile folder (default: $VELDWERK_PROFILE or the desktop app's profile)
  --port N        port to listen on (default: a free port)
  --host HOST     address to listen on (default 127.0.0.1; any other address must be named here)
  --renderer DIR  folder of the built renderer (default: dist/renderer)
${PASSPHRASE_USAGE}
  Without a passphrase the page asks for it (or, for a new profile, how to protect it).`,
  run: async (argv: string[], io: CliIo) => {
    const { values } = parseArgs({
      args: argv,
      options: {
        profile: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        renderer: { type: 'string' },
        ...passphraseOption,
      },
      strict: true,
      allowPositionals: false,
    });
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
    const session = new ProfileSession({
      profileDir: cliProfileDir(io, values),
      transport: 'http',
      onInternalError: (channel, error) =>
        io.stderr(`error in ${channel}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`),
    });
    try {
      if (values['passphrase-stdin'] || io.env.VELDWERK_PASSPHRASE_FILE) {
        const status = await session.unlockWith(passphraseWrapper(await readPassphrase(io, values)));
        io.stdout(`Profile unlocked (${status.profileDir}).\n`);
      }
      const bridge = await startBridge({
        dispatch: session.dispatch,
        events: session.events,
        port,
        staticDir: values.renderer ?? RENDERER_DIST,
        ...(values.host !== undefined ? { host: values.host, allowRemoteHost: true } : {}),
      });
      // Listen for Ctrl+C before announcing the link: whoever reads it may stop us right away.
      const interrupted = io.untilInterrupted();
      io.stdout(
        `Veldwerk runs in browser mode.\n  profile: ${session.profileDir}${session.current ? '' : ' (locked: the page asks for its passphrase)'}\n  open:    ${bridge.openUrl}\nPress Ctrl+C to stop.\n`,
      );
      await interrupted;
      await bridge.close();
    } finally {
      await session.close();
    }
    return EXIT_OK;
  },
};
