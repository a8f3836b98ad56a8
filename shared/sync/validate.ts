import { changeSchema, MAX_VALUE_BYTES, type Change } from './change';
import type { ReasonCode } from './reasons';
import { columnSpec, isTableName, SYNC_SCHEMA_VERSION } from './schema';

/**
 * The one validation of a change from outside, used wherever a change enters: the sync server
 * before it stores a push, the local store before it applies changes (bundle import, duo peer,
 * server pull), and the bundle reader. It checks
 *
 * - the value's nesting depth first (iteratively: a value nested 5,000 deep must be refused, not
 *   overflow the stack of a recursive check),
 * - the envelope (shared/sync/change.ts: ids, node, stamps, campaign, sizes),
 * - the target and value against the sync registry (shared/sync/schema.ts: known table and
 *   column, the column's value schema, which decodes shared texts as Yjs updates and checks real
 *   calendar dates), and that a campaigns row is its own campaign;
 * - a change of a newer schema than the receiver knows: a known column is checked as above (a
 *   newer schema adds columns, it never loosens an existing one's rules); an unknown table or
 *   column is kept for later, but only small (MAX_FUTURE_VALUE_BYTES) and only from a schema at
 *   most MAX_SCHEMA_AHEAD versions ahead, so nobody can park megabytes in every laptop's
 *   deferred changes.
 *
 * Every refusal carries a stable reason code (shared/sync/reasons.ts).
 */
export const MAX_VALUE_DEPTH = 32;
export const MAX_FUTURE_VALUE_BYTES = 64 * 1024;
export const MAX_SCHEMA_AHEAD = 2;

export interface ValidationOptions {
  /** The newest sync schema the receiver understands (default SYNC_SCHEMA_VERSION). */
  readonly schemaVersion?: number;
}

export type ChangeVerdict =
  | {
      readonly ok: true;
      readonly change: Change;
      /** JSON text of the value, as logs keep it. */
      readonly json: string;
      /** Made under a newer schema than the receiver's: keep it aside until the receiver upgrades. */
      readonly future: boolean;
    }
  | ChangeRefusal;

/** Why a change is refused: its reason code, the field at fault (null: the change as a whole) and an English message. */
export interface ChangeRefusal {
  readonly ok: false;
  readonly code: ReasonCode;
  readonly path: string | null;
  readonly message: string;
}

export type RuleVerdict = { readonly ok: true; readonly future: boolean } | ChangeRefusal;

/** Whether a JSON-like value nests deeper than max (arrays and objects), without recursion. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; depth: number };
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= max) return true;
    const children = Array.isArray(item.value) ? item.value : Object.values(item.value);
    for (const child of children)
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: item.depth + 1 });
  }
  return false;
}

const refuse = (code: ReasonCode, message: string, path: string | null = null): ChangeRefusal => ({
  ok: false,
  code,
  path,
  message,
});

/**
 * The rules after the envelope: registry target and value, campaigns rows, newer-schema caps.
 * `json` is the value's JSON text (its length is the value's size).
 */
export function checkChangeRules(change: Change, json: string, options: ValidationOptions = {}): RuleVerdict {
  const version = options.schemaVersion ?? SYNC_SCHEMA_VERSION;
  if (change.table === 'campaigns' && change.rowId !== change.campaign) {
    return refuse(
      'CAMPAIGN_ROW_MISMATCH',
      `a campaigns row must be its own campaign (row ${change.rowId}, campaign ${change.campaign})`,
    );
  }
  const future = change.schema > version;
  if (future && change.schema > version + MAX_SCHEMA_AHEAD) {
    return refuse(
      'CHANGE_MALFORMED',
      `schema ${change.schema} is more than ${MAX_SCHEMA_AHEAD} versions ahead of ${version}`,
      'schema',
    );
  }
  const spec = columnSpec(change.table, change.column);
  if (!spec) {
    if (!future) {
      return isTableName(change.table)
        ? refuse('UNKNOWN_COLUMN', `unknown column ${JSON.stringify(change.column)} of table ${change.table}`)
        : refuse('UNKNOWN_TABLE', `unknown table ${JSON.stringify(change.table)}`);
    }
    if (json.length > MAX_FUTURE_VALUE_BYTES) {
      return refuse(
        'VALUE_TOO_LARGE',
        `a value for a column this version does not know may be at most ${MAX_FUTURE_VALUE_BYTES} bytes`,
        'value',
      );
    }
    return { ok: true, future };
  }
  const parsed = spec.value.safeParse(change.value);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'invalid';
    const code: ReasonCode =
      spec.kind === 'text' ? 'BAD_TEXT_UPDATE' : /calendar date/.test(message) ? 'BAD_DATE' : 'BAD_VALUE';
    return refuse(code, `bad value for ${change.table}.${change.column}: ${message}`, 'value');
  }
  return { ok: true, future };
}

/** "changes[3].value: message" style text of a refusal. */
export function describeRefusal(refusal: ChangeRefusal, prefix: string): string {
  return `${prefix}${refusal.path ? `.${refusal.path}` : ''}: ${refusal.message}`;
}

/** Validates a change as it arrives from outside; see the module comment. */
export function validateChange(raw: unknown, options: ValidationOptions = {}): ChangeVerdict {
  if (
    typeof raw === 'object' &&
    raw !== null &&
    'value' in raw &&
    nestsDeeperThan((raw as { value: unknown }).value, MAX_VALUE_DEPTH)
  ) {
    return refuse('VALUE_TOO_DEEP', `nested deeper than ${MAX_VALUE_DEPTH} levels`, 'value');
  }
  const parsed = changeSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : null;
    const code: ReasonCode =
      issue?.path[0] === 'value' && /1 MiB/.test(issue.message) ? 'VALUE_TOO_LARGE' : 'CHANGE_MALFORMED';
    return refuse(code, issue?.message ?? 'invalid change', where);
  }
  const change = parsed.data as Change;
  const json = JSON.stringify(change.value);
  if (json.length > MAX_VALUE_BYTES) return refuse('VALUE_TOO_LARGE', 'larger than 1 MiB', 'value');
  const rules = checkChangeRules(change, json, options);
  if (!rules.ok) return rules;
  return { ok: true, change, json, future: rules.future };
}
