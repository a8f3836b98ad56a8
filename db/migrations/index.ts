import type { Migration } from '../migrate';
import { migration001 } from './001-campaigns';
import { migration002 } from './002-sync-store';
import { migration003 } from './003-search';
import { migration004 } from './004-reports';
import { migration005 } from './005-anonymity';
import { migration006 } from './006-set-aside';
import { migration007 } from './007-held-outcomes';
import { migration008 } from './008-row-origins';
import { migration009 } from './009-suggestion-rejections';
import { migration010 } from './010-discarded-changes';
import { migration011 } from './011-unpushed-index';
import { migration012 } from './012-unpushed-counts';

/** Every migration of the local store, in order. Append only: never edit or reorder a released one. */
export const migrations: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
];
