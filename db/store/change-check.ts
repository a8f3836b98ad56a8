import {
  IDENTIFIER_PATTERN,
  MAX_VALUE_BYTES,
  ROW_ID_PATTERN,
  type Change,
  type JsonValue,
} from '../../shared/sync/change';
import { isHlc, NODE_ID_PATTERN } from '../../shared/sync/hlc';

/**
 * A fast structural check of a change from outside, for the common case of a well-formed one:
 * it accepts only what changeSchema (shared/sync/change.ts) accepts, and answers null for
 * anything else, including what it cannot decide cheaply (deep or exotic values), so that the
 * caller runs the zod schema for the verdict and the message. Parsing a season with zod costs
 * more than applying it; this check reads each field once.
 *
 * Answers the change rebuilt with the schema's keys (as zod's output) and the JSON text of its
 * value, which the store keeps in the log.
 */
const CHANGE_KEYS = [
  'id',
  'hlc',
  'node',
  'author',
  'campaign',
  'table',
  'rowId',
  'column',
  'value',
  'prev',
  'schema',
] as const;
const MAX_DEPTH = 32;

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function isJsonValue(value: unknown, depth: number): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (depth >= MAX_DEPTH) return false;
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) return false;
        for (let index = 0; index < value.length; index += 1) {
          if (!Object.prototype.hasOwnProperty.call(value, index) || !isJsonValue(value[index], depth + 1))
            return false;
        }
        return true;
      }
      if (!isPlainObject(value)) return false;
      const keys = Object.keys(value);
      if (Object.getOwnPropertyNames(value).length !== keys.length || Object.getOwnPropertySymbols(value).length > 0)
        return false;
      // An own "__proto__" key (JSON.parse makes one) reads back differently through zod, which
      // rebuilds the object by assignment: leave that value to the schema.
      if (Object.prototype.hasOwnProperty.call(value, '__proto__')) return false;
      for (const key of keys) if (!isJsonValue((value as Record<string, unknown>)[key], depth + 1)) return false;
      return true;
    }
    default:
      return false;
  }
}

export function fastCheckChange(raw: unknown): { change: Change; json: string } | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !isPlainObject(raw)) return null;
  const input = raw as Record<string, unknown>;
  if (Object.keys(input).length !== CHANGE_KEYS.length) return null;
  for (const key of CHANGE_KEYS) if (!Object.prototype.hasOwnProperty.call(input, key)) return null;
  const { id, hlc, node, author, campaign, table, rowId, column, value, prev, schema } = input;
  if (!isHlc(id) || id !== hlc) return null;
  if (typeof node !== 'string' || !NODE_ID_PATTERN.test(node) || !id.endsWith(`-${node}`)) return null;
  if (typeof author !== 'string' || author.length < 1 || author.length > 200) return null;
  if (typeof campaign !== 'string' || !ROW_ID_PATTERN.test(campaign)) return null;
  if (typeof table !== 'string' || !IDENTIFIER_PATTERN.test(table)) return null;
  if (typeof rowId !== 'string' || !ROW_ID_PATTERN.test(rowId)) return null;
  if (typeof column !== 'string' || !IDENTIFIER_PATTERN.test(column)) return null;
  if (prev !== null && !isHlc(prev)) return null;
  if (typeof schema !== 'number' || !Number.isInteger(schema) || schema < 1 || schema > 10_000) return null;
  if (!isJsonValue(value, 0)) return null;
  const json = JSON.stringify(value);
  if (json.length > MAX_VALUE_BYTES) return null;
  return {
    change: { id, hlc: id, node, author, campaign, table, rowId, column, value: value as JsonValue, prev, schema },
    json,
  };
}
