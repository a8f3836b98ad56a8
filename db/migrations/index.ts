import type { Migration } from '../migrate';
import { migration001 } from './001-campaigns';

/** Every migration of the local store, in order. Append only: never edit or reorder a released one. */
export const migrations: readonly Migration[] = [migration001];
