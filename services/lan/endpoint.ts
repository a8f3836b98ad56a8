import { isIP } from 'node:net';
import tls from 'node:tls';
import type { LanIdentity } from './identity';
import { LanError } from './frames';
import { peerFingerprint, runSession, type SessionContext, type SessionResult } from './session';

/*
 * The two ends of a duo connection over the local network: a listener that runs only while the
 * duo dialog is open (bound to one interface, closed after a time limit, a few connections a
 * minute per address, one session at a time) and a connector. TLS is Node's own, mutual: both
 * laptops present their self-signed certificate; trust comes from the pinned fingerprints (or,
 * while pairing, from the code the people compare), so the CA check is off by design.
 */

export interface ListenOptions {
  readonly identity: LanIdentity;
  readonly context: SessionContext;
  /** The address to listen on: loopback or one LAN interface address, never all interfaces. */
  readonly host: string;
  readonly port?: number;
  /** Closes by itself after this long. Default 10 minutes. */
  readonly lifetimeMs?: number;
  /** Connections a minute from one address. Default 10. */
  readonly ratePerMinute?: number;
  readonly onSession?: (outcome: { result: SessionResult } | { error: LanError }) => void;
}

export interface LanListener {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startLanListener(options: ListenOptions): Promise<LanListener> {
  if (isIP(options.host) === 0 || options.host === '0.0.0.0' || options.host === '::')
    throw new Error(
      `Listen on one interface address (such as 127.0.0.1 or the laptop's LAN address), not "${options.host}".`,
    );
  const rate = options.ratePerMinute ?? 10;
  const recent = new Map<string, number[]>();
  let busy = false;
  const server = tls.createServer(
    {
      key: options.identity.key,
      cert: options.identity.cert,
      requestCert: true,
      rejectUnauthorized: false,
      minVersion: 'TLSv1.3',
    },
    (socket) => {
      const address = socket.remoteAddress ?? 'unknown';
      const now = Date.now();
      const times = (recent.get(address) ?? []).filter((at) => now - at < 60_000);
      times.push(now);
      recent.set(address, times);
      if (times.length > rate || busy) {
        socket.destroy();
        return;
      }
      busy = true;
      runSession(socket, options.context, { initiator: false })
        .then((result) => options.onSession?.({ result }))
        .catch((error: unknown) =>
          options.onSession?.({ error: error instanceof LanError ? error : new LanError('protocol', String(error)) }),
        )
        .finally(() => {
          busy = false;
        });
    },
  );
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host, () => resolve());
  });
  const timer = setTimeout(() => server.close(), options.lifetimeMs ?? 10 * 60_000);
  timer.unref();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    host: options.host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        clearTimeout(timer);
        server.close(() => resolve());
      }),
  };
}

export interface ConnectOptions {
  readonly identity: LanIdentity;
  readonly context: SessionContext;
  readonly host: string;
  readonly port: number;
  readonly mode: 'pair' | 'sync';
  /** The certificate the partner announced (mDNS) or was paired with: another one is refused before anything is said. */
  readonly expectFingerprint?: string;
}

export async function connectLan(options: ConnectOptions): Promise<SessionResult> {
  const socket = await new Promise<tls.TLSSocket>((resolve, reject) => {
    const connection = tls.connect(
      {
        host: options.host,
        port: options.port,
        key: options.identity.key,
        cert: options.identity.cert,
        rejectUnauthorized: false,
        minVersion: 'TLSv1.3',
      },
      () => resolve(connection),
    );
    connection.once('error', (error) =>
      reject(new LanError('unreachable', `Could not reach ${options.host}:${options.port}: ${error.message}`)),
    );
  });
  if (options.expectFingerprint !== undefined && peerFingerprint(socket) !== options.expectFingerprint) {
    socket.destroy();
    throw new LanError(
      'fingerprint-changed',
      `The laptop at ${options.host}:${options.port} presents another certificate than the one it announced or was paired with.`,
    );
  }
  return runSession(socket, options.context, { initiator: true, mode: options.mode });
}
