import type { Migration } from '../migrate';
import { migration001 } from './001-campaigns';
import { migration002 } from './002-sync-store';

/** Every migration of the local store, in order. Append only: never edit or reorder a released one. */
export const migrations: readonly Migration[] = [migration001, migration002];
