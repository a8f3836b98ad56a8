import { parseArgs } from 'node:util';
import { parseLanAddress } from '../../shared/contract/lan';
import { PASSPHRASE_USAGE, openCliProfile, passphraseOption } from '../profile';
import { connectLan, startLanListener } from '../../services/lan/endpoint';
import { LanError } from '../../services/lan/frames';
import { loadOrCreateIdentity, shortFingerprint } from '../../services/lan/identity';
import { PeerList } from '../../services/lan/peers';
import type { SessionContext, SessionResult } from '../../services/lan/session';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from '../io';
import type { Command } from './types';

const USAGE = `veldwerk duo listen --profile DIR [--pair] [--host ADDRESS] [--port N] [--minutes M]
veldwerk duo connect --profile DIR --address HOST:PORT [--pair]
veldwerk duo peers --profile DIR

  Syncs a duo over the local network, with no server: one laptop listens, the other connects;
  each sends what the other lacks (documents' files included) over mutual TLS, and merges what
  it receives like a duo file.
  --pair       pair first: both screens show a six-digit code; type j (yes) only if the two
               codes are the same. Only paired laptops can sync.
  --host       the address to listen on (default 127.0.0.1; give this laptop's LAN address to
               be reachable from the partner's laptop); never all interfaces
  --minutes    how long the listener waits for the partner (default 10)
  listen waits for one session and ends; peers lists the paired partners by fingerprint.
${PASSPHRASE_USAGE}`;

function parseAddress(value: string): { host: string; port: number } {
  const address = parseLanAddress(value);
  if (!address) throw new UsageError(`--address must be HOST:PORT, not "${value}"`);
  return address;
}

function describe(result: SessionResult): string {
  if (result.mode === 'pair') return `Paired with ${shortFingerprint(result.peerFingerprint)} (code ${result.code}).\n`;
  return `Synced with ${shortFingerprint(result.peerFingerprint)}: received ${result.received?.count ?? 0} changes (${result.received?.applied ?? 0} new here), sent ${result.sent?.count ?? 0} (${result.sent?.applied ?? 0} new there).\n`;
}

export const duoCommand: Command = {
  name: 'duo',
  summary: 'Pair and sync a duo over the local network, with no server (veldwerk duo listen|connect|peers)',
  usage: USAGE,
  run: async (argv: string[], io: CliIo) => {
    const [subcommand, ...rest] = argv;
    const { values } = parseArgs({
      args: rest,
      options: {
        profile: { type: 'string' },
        pair: { type: 'boolean', default: false },
        host: { type: 'string' },
        port: { type: 'string' },
        minutes: { type: 'string' },
        address: { type: 'string' },
        ...passphraseOption,
      },
      strict: true,
      allowPositionals: false,
    });
    if (subcommand !== 'listen' && subcommand !== 'connect' && subcommand !== 'peers')
      throw new UsageError(
        subcommand === undefined ? 'name a subcommand: listen, connect or peers' : `unknown subcommand "${subcommand}"`,
      );
    const profile = await openCliProfile(io, values);
    try {
      const peers = new PeerList(profile.dir);
      if (subcommand === 'peers') {
        const list = peers.list();
        io.stdout(
          list.length === 0
            ? 'No paired partners yet (veldwerk duo listen --pair on one laptop, connect --pair on the other).\n'
            : list.map((peer) => `${shortFingerprint(peer.fingerprint)}  paired ${peer.pairedAt}\n`).join(''),
        );
        return EXIT_OK;
      }
      const identity = await loadOrCreateIdentity(profile.dir);
      io.stdout(`This laptop: ${shortFingerprint(identity.fingerprint)}\n`);
      const confirm = async (code: string) => {
        io.stdout(`Pairing code: ${code}\nIs the same code on the other laptop's screen? Type j (yes) or n (no): `);
        const answer = (await io.readLine?.()) ?? null;
        return answer !== null && /^(j|ja|y|yes)$/iu.test(answer.trim());
      };
      const context: SessionContext = {
        profile,
        store: profile.store,
        blobs: profile.blobs,
        peers,
        ...(values.pair ? { confirm } : {}),
        partials: new Map(),
        offered: new Map(),
      };
      try {
        if (subcommand === 'connect') {
          if (!values.address)
            throw new UsageError('name the partner with --address HOST:PORT (the listening laptop prints it)');
          const { host, port } = parseAddress(values.address);
          io.stdout(describe(await connectLan({ identity, context, host, port, mode: values.pair ? 'pair' : 'sync' })));
          return EXIT_OK;
        }
        const minutes = values.minutes === undefined ? 10 : Number(values.minutes);
        if (!(minutes > 0 && minutes <= 60))
          throw new UsageError(`--minutes must be between 1 and 60, not "${values.minutes}"`);
        const port = values.port === undefined ? 0 : Number(values.port);
        if (!Number.isInteger(port) || port < 0 || port > 65_535)
          throw new UsageError(`--port must be a port number, not "${values.port}"`);
        const outcome = await new Promise<{ result: SessionResult } | { error: LanError } | null>((resolve) => {
          let close: (() => Promise<void>) | undefined;
          const timer = setTimeout(() => resolve(null), minutes * 60_000);
          startLanListener({
            identity,
            context,
            host: values.host ?? '127.0.0.1',
            port,
            lifetimeMs: minutes * 60_000,
            onSession: (result) => {
              clearTimeout(timer);
              void close?.();
              resolve(result);
            },
          }).then(
            (listener) => {
              close = listener.close;
              io.stdout(
                `Waiting for the partner at ${listener.host}:${listener.port}${values.pair ? ' to pair' : ''} (up to ${minutes} min)…\n`,
              );
            },
            (error: unknown) => {
              clearTimeout(timer);
              resolve({ error: new LanError('closed', error instanceof Error ? error.message : String(error)) });
            },
          );
        });
        if (outcome === null) {
          io.stderr('veldwerk duo: nobody connected in time.\n');
          return EXIT_FAILURE;
        }
        if ('error' in outcome) throw outcome.error;
        io.stdout(describe(outcome.result));
        return EXIT_OK;
      } catch (error) {
        if (!(error instanceof LanError)) throw error;
        io.stderr(`veldwerk duo: ${error.message} (${error.reason})\n`);
        return EXIT_FAILURE;
      }
    } finally {
      profile.close();
    }
  },
};
