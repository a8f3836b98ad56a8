import { z } from 'zod';
import type { JsonValue } from './change';
import { syncTables, type ColumnName, type ColumnSpec, type TableName } from './schema';

/**
 * The input rules that the sync registry (schema.ts) already states, read from it: forms and the
 * contract take exactly what the store will take, so a value that passes validation is never
 * refused by the store (one source for every rule; a copied limit drifted once: issue 9).
 */

function specOf<T extends TableName>(table: T, column: ColumnName<T>): ColumnSpec {
  return (syncTables[table] as Record<string, ColumnSpec>)[column] as ColumnSpec;
}

/** The longest string a column takes (for a form's maxLength and messages). */
export function maxChars<T extends TableName>(table: T, column: ColumnName<T>): number {
  let schema: z.ZodType = specOf(table, column).value;
  if (schema instanceof z.ZodNullable) schema = schema.unwrap() as z.ZodType;
  if (!(schema instanceof z.ZodString) || schema.maxLength === null)
    throw new Error(`${table}.${column} has no length limit in the sync registry`);
  return schema.maxLength;
}

/** Whether the registry takes this value for the column: a refinement for input schemas. */
export function acceptedBy<T extends TableName>(table: T, column: ColumnName<T>): (value: unknown) => boolean {
  const schema = specOf(table, column).value;
  return (value) => schema.safeParse(value as JsonValue).success;
}
