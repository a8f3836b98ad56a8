import { z } from 'zod';
import { isHlc } from './hlc';

/**
 * A change is one edit of one field of one record: the unit that the change log stores, that
 * bundles and the sync server carry, and that every replica applies (idempotently, in any order,
 * last writer wins per field by timestamp with the node id as tie-break).
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface Change {
  /** Unique id of the change: its timestamp, which embeds the node id and is unique per node. */
  readonly id: string;
  /** Hybrid logical clock timestamp (shared/sync/hlc.ts). */
  readonly hlc: string;
  /** The replica (profile) that made the change. */
  readonly node: string;
  /** The team member who made the change. */
  readonly author: string;
  /** The campaign the record belongs to: the unit of sharing and authorization. */
  readonly campaign: string;
  readonly table: string;
  readonly rowId: string;
  readonly column: string;
  /** The new value; for a shared text (Yjs) column, a base64 Yjs update. */
  readonly value: JsonValue;
  /** The timestamp of the field's value that the author saw when editing (null: none), to detect concurrent edits. */
  readonly prev: string | null;
  /** The schema version of the store that made the change. */
  readonly schema: number;
}

export const IDENTIFIER_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;
export const ROW_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,200}$/;
/** Largest serialised value of one change: 1 MiB. */
export const MAX_VALUE_BYTES = 1024 * 1024;

const hlcSchema = z.string().refine(isHlc, { message: 'not a hybrid logical clock timestamp' });

const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number().finite(),
    z.string(),
    z.array(jsonValue),
    z.record(z.string(), jsonValue),
  ]),
);

/** Structural validation of a change from outside (bundle, server, network). Table and column names are checked against the sync schema by the store. */
export const changeSchema = z
  .object({
    id: hlcSchema,
    hlc: hlcSchema,
    node: z.string().regex(/^[a-z0-9]{8,32}$/),
    author: z.string().min(1).max(200),
    campaign: z.string().regex(ROW_ID_PATTERN),
    table: z.string().regex(IDENTIFIER_PATTERN),
    rowId: z.string().regex(ROW_ID_PATTERN),
    column: z.string().regex(IDENTIFIER_PATTERN),
    value: jsonValue,
    prev: hlcSchema.nullable(),
    schema: z.number().int().min(1).max(10_000),
  })
  .strict()
  .refine((change) => change.id === change.hlc, { message: 'id must equal hlc', path: ['id'] })
  .refine((change) => change.hlc.endsWith(`-${change.node}`), { message: 'hlc must carry the node id', path: ['hlc'] })
  .refine((change) => JSON.stringify(change.value).length <= MAX_VALUE_BYTES, {
    message: 'value is larger than 1 MiB',
    path: ['value'],
  });
