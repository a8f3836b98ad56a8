import { describe, expect, it } from 'vitest';
import type { Change } from '../../shared/sync/change';
import { formatHlc } from '../../shared/sync/hlc';
import { guidingQuestionId, sectorId } from './ids';
import { openMemoryStore } from './memory';
import type { LocalStore } from './store';

/**
 * A row id is one campaign's on the laptop (db/store/row-claims.ts): a forged change of campaign
 * B carrying an id of campaign A never displaces, shadows or sets aside A's row, whichever of
 * the two arrives first.
 */
const T0 = Date.UTC(2026, 0, 10, 9, 0, 0);

function changes(node: string, campaign: string, at: number, fields: ReadonlyArray<[string, string, string, unknown]>) {
  return fields.map(([table, rowId, column, value], index): Change => {
    const hlc = formatHlc({ wallMs: at, counter: index, node });
    return {
      id: hlc,
      hlc,
      node,
      author: node,
      campaign,
      table,
      rowId,
      column,
      value: value as Change['value'],
      prev: null,
      schema: 1,
    };
  });
}

const sector = sectorId('ca', 'PZ');
const question = guidingQuestionId(sector, '1');

/** A member of B computes A's ids and makes rows with them (and a text in B). */
const forged = changes('hostile1', 'cb', T0, [
  ['sectors', sector, 'code', 'PZ'],
  ['sectors', sector, 'name', 'Vals'],
  ['guiding_questions', question, 'sector_id', sector],
  ['guiding_questions', question, 'number', '1'],
  ['guiding_questions', question, 'text', 'Valse vraag'],
]);
/** A's own rows, made later. */
const genuine = changes('genuine1', 'ca', T0 + 60_000, [
  ['sectors', sector, 'code', 'PZ'],
  ['sectors', sector, 'name', 'Personenzorg'],
  ['guiding_questions', question, 'sector_id', sector],
  ['guiding_questions', question, 'number', '1'],
  ['guiding_questions', question, 'text', 'Hoe verloopt de zorg?'],
]);

function laptop(): LocalStore {
  return openMemoryStore({ node: 'laptop01', now: () => T0 + 120_000 });
}

function expectGenuine(store: LocalStore): void {
  expect(store.get('sectors', sector)).toMatchObject({ campaign_id: 'ca', name: 'Personenzorg' });
  expect(store.get('guiding_questions', question)).toMatchObject({ campaign_id: 'ca', text: 'Hoe verloopt de zorg?' });
  const aside = store.listSetAside();
  expect(aside.map((item) => item.change.id).sort()).toEqual(forged.map((change) => change.id).sort());
  expect(new Set(aside.map((item) => item.code))).toEqual(new Set(['ROW_OF_OTHER_CAMPAIGN']));
}

describe('row ids of two campaigns on one laptop', () => {
  it('keeps the genuine rows when the forged ones arrive first, and sets the forged ones aside', () => {
    const store = laptop();
    store.applyRemote(forged, 'server', { setAside: true });
    expect(store.get('sectors', sector)?.campaign_id).toBe('cb');
    const report = store.applyRemote(genuine, 'server', { setAside: true });
    expect(report.setAside?.length).toBe(forged.length);
    expectGenuine(store);
    // The forged changes left the log with their row: nothing of them merges into A's rows later.
    expect(store.changesAfter(0, 100).map((logged) => logged.change.campaign)).toEqual(genuine.map(() => 'ca'));
    // Trying them again (as at open) changes nothing.
    expect(store.applyDeferred().stillDeferred).toBe(forged.length);
    expectGenuine(store);
  });

  it('keeps the genuine rows when the forged ones arrive afterwards', () => {
    const store = laptop();
    store.applyRemote(genuine, 'server', { setAside: true });
    const report = store.applyRemote(forged, 'server', { setAside: true });
    expect(report.applied).toBe(0);
    expectGenuine(store);
  });

  it('evicts a forged row also from a bundle applied whole', () => {
    const store = laptop();
    store.applyRemote(forged, 'bundle');
    store.applyRemote(genuine, 'bundle');
    expectGenuine(store);
  });

  it('leaves a random id with the campaign that holds it', () => {
    const store = laptop();
    store.applyRemote(changes('genuine1', 'ca', T0, [['good_practices', 'gp-1', 'text', 'in A']]), 'server');
    const report = store.applyRemote(
      changes('hostile1', 'cb', T0 + 1000, [['good_practices', 'gp-1', 'text', 'B']]),
      'server',
      {
        setAside: true,
      },
    );
    expect(report.setAside?.map((item) => item.code)).toEqual(['ROW_OF_OTHER_CAMPAIGN']);
    expect(store.get('good_practices', 'gp-1')).toMatchObject({ campaign_id: 'ca', text: 'in A' });
  });
});
