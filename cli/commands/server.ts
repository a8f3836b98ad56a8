import { parseArgs } from 'node:util';
import { buildServerApp } from '../../server/app';
import { describeStore, openServerStore } from '../../server/store/open';
import { DEFAULT_PG_POOL_SIZE } from '../../server/store/postgres-driver';
import { EXIT_OK, UsageError, type CliIo } from '../io';
import type { Command } from './types';
import { freezeReportFromLog } from '../../services/reports/freeze';

export function parsePort(value: string | undefined, fallback: number): number {
  const port = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${value}"`);
  return port;
}

export const serverCommand: Command = {
  name: 'server',
  summary: 'Run the central sync server (embedded SQLite, or PostgreSQL with --database-url)',
  usage: `veldwerk server --data DIR [--port N] [--host HOST] [--database-url URL] [--pg-pool-size N] [--trust-proxy ADDRS] [--max-clock-skew MIN] [--log-level LEVEL]

  --data DIR          folder of the embedded SQLite store (created if missing)
  --database-url URL  postgres://... : use PostgreSQL instead (default: $DATABASE_URL when set)
  --pg-pool-size N    PostgreSQL connections this process keeps in its pool (default ${DEFAULT_PG_POOL_SIZE}; one more
                      listens for news); keep N times the processes below the database's max_connections
  --port N            port to listen on (default 8787; 0 picks a free port)
  --host HOST         address to listen on (default 127.0.0.1; put a TLS proxy in front for other hosts)
  --trust-proxy ADDRS behind a TLS proxy: the proxy addresses to trust for X-Forwarded-For
                      (comma-separated addresses or CIDRs, or "loopback"), so login and request
                      limits apply per client instead of to the proxy's one address
  --max-clock-skew MIN how many minutes a laptop's clock may be ahead of the server's (default 5)
  --log-level LEVEL   pino level: fatal, error, warn, info (default), debug, trace, silent

Create the first admin, campaigns and members with "veldwerk admin".`,
  run: async (argv: string[], io: CliIo) => {
    const { values } = parseArgs({
      args: argv,
      options: {
        data: { type: 'string' },
        'database-url': { type: 'string' },
        'pg-pool-size': { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'log-level': { type: 'string' },
        'trust-proxy': { type: 'string' },
        'max-clock-skew': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
    const databaseUrl = values['database-url'] ?? io.env.DATABASE_URL;
    if (!databaseUrl && !values.data)
      throw new UsageError(
        'Name a data folder (--data DIR) or a PostgreSQL database (--database-url URL or DATABASE_URL).',
      );
    const port = parsePort(values.port, 8787);
    const level = values['log-level'] ?? 'info';
    if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(level))
      throw new UsageError(`Unknown --log-level "${level}"`);
    const trustProxy = values['trust-proxy'];
    if (trustProxy !== undefined && !/^[0-9A-Za-z.:/,\s-]{1,1000}$/.test(trustProxy))
      throw new UsageError('--trust-proxy takes addresses or CIDRs separated by commas, or "loopback"');
    const skew = values['max-clock-skew'];
    const skewMinutes = skew === undefined ? undefined : Number(skew);
    if (skewMinutes !== undefined && (!Number.isFinite(skewMinutes) || skewMinutes < 1 || skewMinutes > 24 * 60))
      throw new UsageError(`--max-clock-skew takes minutes from 1 to 1440, not "${skew}"`);
    const poolText = values['pg-pool-size'];
    const pgPoolSize = poolText === undefined ? undefined : Number(poolText);
    if (pgPoolSize !== undefined && (!/^[1-9][0-9]{0,3}$/.test(poolText ?? '') || pgPoolSize > 1000))
      throw new UsageError(`--pg-pool-size takes a whole number of connections from 1 to 1000, not "${poolText}"`);
    if (pgPoolSize !== undefined && !databaseUrl)
      throw new UsageError(
        '--pg-pool-size is for PostgreSQL: name the database with --database-url (or DATABASE_URL).',
      );
    const location = {
      ...(databaseUrl ? { databaseUrl } : {}),
      ...(values.data ? { dataDir: values.data } : {}),
      ...(pgPoolSize !== undefined ? { pgPoolSize } : {}),
    };
    const store = await openServerStore(location);
    try {
      const { app } = await buildServerApp({
        store,
        logger: { level },
        freezeReport: freezeReportFromLog,
        ...(trustProxy !== undefined ? { trustProxy } : {}),
        ...(skewMinutes !== undefined ? { maxClockSkewMs: Math.round(skewMinutes * 60_000) } : {}),
      });
      await app.listen({ host: values.host ?? '127.0.0.1', port });
      const address = app.server.address();
      const bound = address && typeof address !== 'string' ? `${address.address}:${address.port}` : String(address);
      io.stdout(
        `Veldwerk sync server listening on http://${bound}\n  store: ${describeStore(location)}\nPress Ctrl+C to stop.\n`,
      );
      await io.untilInterrupted();
      await app.close();
    } finally {
      await store.close();
    }
    return EXIT_OK;
  },
};
