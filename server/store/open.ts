import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openPostgresDriver } from './postgres-driver';
import { openSqliteDriver } from './sqlite-driver';
import { ServerStore } from './store';

export const SERVER_DATABASE_FILE = 'veldwerk-server.sqlite';

export interface StoreLocation {
  /** Folder of the embedded SQLite store (used when no databaseUrl is given). */
  readonly dataDir?: string;
  /** postgres://... : use PostgreSQL instead of the embedded store. */
  readonly databaseUrl?: string;
  /** PostgreSQL schema to use (tests isolate themselves with one). */
  readonly pgSchema?: string;
  readonly pgPoolSize?: number;
}

export function describeStore(location: StoreLocation): string {
  if (location.databaseUrl) {
    try {
      const url = new URL(location.databaseUrl);
      return `PostgreSQL ${url.host}${url.pathname}${location.pgSchema ? ` (schema ${location.pgSchema})` : ''}`;
    } catch {
      return 'PostgreSQL';
    }
  }
  return `SQLite ${path.join(path.resolve(location.dataDir ?? '.'), SERVER_DATABASE_FILE)}`;
}

/** Opens (creating and migrating where needed) the server's store. */
export async function openServerStore(location: StoreLocation): Promise<ServerStore> {
  if (location.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(location.databaseUrl))
      throw new Error('The database URL must start with postgres:// or postgresql://');
    const driver = await openPostgresDriver({
      connectionString: location.databaseUrl,
      ...(location.pgSchema ? { schema: location.pgSchema } : {}),
      ...(location.pgPoolSize ? { poolSize: location.pgPoolSize } : {}),
    });
    try {
      return await ServerStore.open(driver);
    } catch (error) {
      await driver.close();
      throw error;
    }
  }
  if (!location.dataDir) throw new Error('Name a data folder (--data DIR) or a PostgreSQL URL (--database-url).');
  const dir = path.resolve(location.dataDir);
  mkdirSync(dir, { recursive: true });
  const driver = openSqliteDriver(path.join(dir, SERVER_DATABASE_FILE));
  try {
    return await ServerStore.open(driver);
  } catch (error) {
    await driver.close();
    throw error;
  }
}
