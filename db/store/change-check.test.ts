import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeSchema } from '../../shared/sync/change';
import { fastCheckChange } from './change-check';

/**
 * fastCheckChange is a shortcut in front of changeSchema: whenever it answers, changeSchema must
 * agree (and give the same change), and for well-formed changes of ordinary values it must answer.
 */

const node = fc.stringMatching(/^[a-z0-9]{8,12}$/);
const hlcOf = (owner: string) =>
  fc
    .tuple(fc.integer({ min: 0, max: 1e14 }), fc.integer({ min: 0, max: 0xffff }))
    .map(([wall, counter]) => `${String(wall).padStart(15, '0')}-${counter.toString(16).padStart(4, '0')}-${owner}`);
const rowId = fc.stringMatching(/^[A-Za-z0-9_.:-]{1,24}$/);
const identifier = fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/);
const json = fc.jsonValue({ maxDepth: 4 });

const wellFormed = node.chain((owner) =>
  fc
    .record({
      id: hlcOf(owner),
      node: fc.constant(owner),
      author: fc.string({ minLength: 1, maxLength: 40 }),
      campaign: rowId,
      table: identifier,
      rowId,
      column: identifier,
      value: json,
      prev: fc.option(hlcOf(owner), { nil: null }),
      schema: fc.integer({ min: 1, max: 10_000 }),
    })
    .map((change) => ({ ...change, hlc: change.id })),
);

/** A well-formed change with one field replaced, removed or added: near misses of every kind. */
const nearMiss = fc
  .tuple(
    wellFormed,
    fc.constantFrom(
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
      'extra',
    ),
    fc.anything(),
    fc.boolean(),
  )
  .map(([change, key, replacement, drop]) => {
    const copy: Record<string, unknown> = { ...change };
    if (drop) delete copy[key];
    else copy[key] = replacement;
    return copy;
  });

const strings = fc.record({
  id: fc.string(),
  hlc: fc.string(),
  node: fc.string(),
  author: fc.string({ maxLength: 300 }),
  campaign: fc.string(),
  table: fc.string(),
  rowId: fc.string(),
  column: fc.string(),
  value: fc.anything(),
  prev: fc.oneof(fc.constant(null), fc.string()),
  schema: fc.oneof(fc.integer(), fc.double()),
});

function agrees(raw: unknown): void {
  const fast = fastCheckChange(raw);
  if (fast === null) return;
  const parsed = changeSchema.safeParse(raw);
  expect(parsed.success).toBe(true);
  if (parsed.success) {
    expect(fast.change).toEqual(parsed.data);
    expect(fast.json).toBe(JSON.stringify(parsed.data.value));
  }
}

describe('fastCheckChange', () => {
  it('accepts only what changeSchema accepts, and gives the same change', () => {
    fc.assert(fc.property(fc.oneof(wellFormed, nearMiss, strings, fc.anything()), agrees), { numRuns: 3000 });
  });

  it('leaves a value with an own "__proto__" key to the schema (found by the property above)', () => {
    const raw = JSON.parse(
      '{"id":"000000000000000-0000-mseq923x5","hlc":"000000000000000-0000-mseq923x5","node":"mseq923x5","author":" ","campaign":"-","table":"a","rowId":"A","column":"a","value":{"__proto__":{}},"prev":null,"schema":1}',
    ) as unknown;
    expect(fastCheckChange(raw)).toBeNull();
    agrees(raw);
  });

  it('answers every well-formed change of ordinary values, as changeSchema does', () => {
    fc.assert(
      fc.property(wellFormed, (change) => {
        expect(changeSchema.safeParse(change).success).toBe(true);
        expect(fastCheckChange(change)).not.toBeNull();
      }),
      { numRuns: 1000 },
    );
  });
});
