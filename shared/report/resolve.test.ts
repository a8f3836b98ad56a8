import { describe, expect, it } from 'vitest';
import type { Conversation, Lemma, Organisation, SwotItem, Visit } from '../domain/model';
import { scoreSwot } from '../swot/score';
import { toScoringScope, type ScopeRecords } from '../swot/scoring-scope';
import { sourceFingerprint } from './model';
import { resolveBlock, type ReportSource } from './resolve';
import { numberInWords } from './number-words';

// The block resolvers against the SWOT scorer: a block's numbers are the scorer's numbers.

const campaign = 'c1';
const conversation = (id: string, visit: string, counts: Record<string, number> = {}): Conversation => ({
  id,
  campaign_id: campaign,
  visit_id: visit,
  respondent_group_ids: ['rg1'],
  starts_at: null,
  ends_at: null,
  participant_counts: counts,
  deleted: false,
});
const item = (id: string, conv: string, quadrant: string, text: string, lemma: string | null): SwotItem => ({
  id,
  campaign_id: campaign,
  visit_id: `v-${conv}`,
  conversation_id: conv,
  quadrant: quadrant as SwotItem['quadrant'],
  text,
  author_id: 'm1',
  lemma_id: lemma,
  deleted: false,
});
const lemma = (id: string, quadrant: string, name: string, narrative = ''): Lemma => ({
  id,
  campaign_id: campaign,
  sector_id: 's1',
  respondent_group_id: 'rg1',
  quadrant: quadrant as Lemma['quadrant'],
  name,
  narrative,
  deleted: false,
});

const conversations = Array.from({ length: 8 }, (_, index) =>
  conversation(`k${index}`, `v-k${index}`, { cat1: index + 1 }),
);
const records: ScopeRecords = {
  sectorName: 'Integratiecentra',
  groupName: 'Personeel',
  conversations: conversations.map((entry) => ({ conversation: entry, label: entry.id, date: null })),
  items: [
    ...[0, 1, 2, 3, 4].map((index) => item(`i${index}`, `k${index}`, 'strengths', 'Betrokken team', 'l1')),
    item('i5', 'k5', 'strengths', 'Goede huisvesting', null),
    item('i6', 'k6', 'strengths', 'goede huisvesting', null),
    item('i7', 'k7', 'weaknesses', 'Lange wachtlijst', 'l2'),
    item('i8', 'k0', 'threats', 'Eenmalig', null),
  ],
  lemmas: [
    lemma('l1', 'strengths', 'Betrokken team', 'Het team is betrokken.'),
    lemma('l2', 'weaknesses', 'Wachtlijsten'),
  ],
};

const organisation: Organisation = {
  id: 'o1',
  campaign_id: campaign,
  sector_id: 's1',
  region_id: 'r1',
  name: 'Centrum',
  address: null,
  contact: null,
  deleted: false,
};
const visits: Visit[] = conversations.map((entry, index) => ({
  id: entry.visit_id as string,
  campaign_id: campaign,
  organisation_id: 'o1',
  date: null,
  member_a: null,
  member_b: null,
  status: index < 6 ? 'done' : 'planned',
  deleted: false,
}));

const source: ReportSource = {
  scope: (sectorId, groupId) => (sectorId === 's1' && groupId === 'rg1' ? records : null),
  teamSwot: () => null,
  scopeName: (kind, id) =>
    kind === 'sector' && id === 's1' ? 'Integratiecentra' : kind === 'region' && id === 'r1' ? 'Gent' : null,
  organisations: () => [organisation, { ...organisation, id: 'o2' }],
  visits: () => visits.map((visit) => ({ visit, organisation })),
  conversations: (ids) => conversations.filter((entry) => ids.includes(entry.visit_id as string)),
  stakeholderCategories: () => [{ id: 'cat1', campaign_id: campaign, name: 'Cliënten', sort_order: 1, deleted: false }],
  quoteSource: (table, id) =>
    table === 'good_practices' && id === 'gp1'
      ? { text: 'Buddywerking, nu uitgebreid', visitId: 'v-k0', label: 'Centrum' }
      : null,
};

describe('block resolvers', () => {
  it("give a SWOT table exactly the scorer's ranks, lemmas, scores and k of N", () => {
    const expected = scoreSwot(toScoringScope(records).scope);
    const resolved = resolveBlock(
      { type: 'swotTable', attrs: { blockId: 'b', sectorId: 's1', groupId: 'rg1', quadrant: 'all' } },
      source,
    );
    if (!resolved.ok || resolved.value.type !== 'swotTable') throw new Error(JSON.stringify(resolved));
    expect(resolved.value.conversationCount).toBe(expected.conversationCount);
    for (const { quadrant, rows } of resolved.value.quadrants) {
      expect(rows.map((row) => [row.rank, row.lemma, row.k, row.score, row.display])).toEqual(
        expected.quadrants[quadrant].map((row) => [row.rank, row.lemma, row.conversations, row.score, row.display]),
      );
    }
    const strengths = resolved.value.quadrants[0]?.rows ?? [];
    expect(strengths[0]).toMatchObject({
      lemma: 'Betrokken team',
      lemmaId: 'l1',
      k: 5,
      display: '6,3',
      evidence: { items: ['i0', 'i1', 'i2', 'i3', 'i4'], conversations: ['k0', 'k1', 'k2', 'k3', 'k4'] },
    });
    // A retained unclustered text has no lemma id; a single mention is not in the table.
    expect(strengths[1]).toMatchObject({ lemma: 'Goede huisvesting', lemmaId: null, k: 2 });
    expect(resolved.value.quadrants[3]?.rows).toEqual([]);
  });

  it('gives lemma paragraphs in score order with their narratives, and a lemma counter in words', () => {
    const paragraphs = resolveBlock(
      { type: 'lemmaParagraphs', attrs: { blockId: null, sectorId: 's1', groupId: 'rg1', quadrant: 'strengths' } },
      source,
    );
    expect(paragraphs).toMatchObject({
      ok: true,
      value: {
        paragraphs: [
          { lemma: 'Betrokken team', narrative: 'Het team is betrokken.' },
          { lemma: 'Goede huisvesting', narrative: '' },
        ],
      },
    });
    const counter = resolveBlock(
      {
        type: 'counter',
        attrs: {
          blockId: null,
          metric: 'lemma',
          scopeKind: 'sector',
          scopeId: 's1',
          groupId: 'rg1',
          lemmaId: 'l1',
          form: 'kOfN',
        },
      },
      source,
    );
    expect(counter).toMatchObject({ ok: true, value: { k: 5, n: 8, text: 'vijf van de acht' } });
    expect(
      resolveBlock(
        {
          type: 'counter',
          attrs: {
            blockId: null,
            metric: 'lemma',
            scopeKind: 'sector',
            scopeId: 's1',
            groupId: 'rg1',
            lemmaId: 'l1',
            form: 'kOfN',
          },
        },
        source,
        'en',
      ),
    ).toMatchObject({ value: { text: 'five of the eight' } });
    expect(
      resolveBlock(
        {
          type: 'counter',
          attrs: {
            blockId: null,
            metric: 'organisations',
            scopeKind: 'region',
            scopeId: 'r1',
            groupId: null,
            lemmaId: null,
            form: 'kOfN',
          },
        },
        source,
      ),
    ).toMatchObject({ value: { k: 1, n: 2 } });
    expect(
      resolveBlock(
        {
          type: 'counter',
          attrs: {
            blockId: null,
            metric: 'visits',
            scopeKind: 'region',
            scopeId: 'r1',
            groupId: null,
            lemmaId: null,
            form: 'number',
          },
        },
        source,
      ),
    ).toMatchObject({ value: { k: 6, n: 8, text: '6' } });
  });

  it('sums participants per stakeholder category and says when a quoted source changed', () => {
    const participants = resolveBlock(
      { type: 'participants', attrs: { blockId: null, scopeKind: 'region', scopeId: 'r1' } },
      source,
    );
    expect(participants).toMatchObject({
      ok: true,
      value: { scopeName: 'Gent', total: 36, rows: [{ category: 'Cliënten', participants: 36, conversations: 8 }] },
    });
    const quote = (text: string) =>
      resolveBlock(
        {
          type: 'sourceQuote',
          attrs: {
            blockId: null,
            sourceTable: 'good_practices',
            sourceId: 'gp1',
            visitId: 'v-k0',
            fingerprint: sourceFingerprint(text),
            quotedAt: null,
          },
        },
        source,
      );
    expect(quote('Buddywerking')).toMatchObject({
      ok: true,
      value: { exists: true, changed: true, currentText: 'Buddywerking, nu uitgebreid' },
    });
    expect(quote('Buddywerking,  nu uitgebreid ')).toMatchObject({ value: { changed: false } });
  });

  it('answers why a block cannot be resolved instead of throwing', () => {
    expect(
      resolveBlock(
        { type: 'swotTable', attrs: { blockId: 'x', sectorId: 's1', groupId: 'nope', quadrant: 'all' } },
        source,
      ),
    ).toMatchObject({ ok: false, blockId: 'x', code: 'NOT_FOUND' });
    expect(
      resolveBlock({ type: 'teamSwot', attrs: { blockId: null, sectorId: 's1', quadrant: 'all' } }, source),
    ).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('writes numbers in Dutch and English words', () => {
    expect([0, 1, 4, 8, 21, 23, 38, 100, 101].map((n) => numberInWords(n, 'nl-BE'))).toEqual([
      'nul',
      'één',
      'vier',
      'acht',
      'eenentwintig',
      'drieëntwintig',
      'achtendertig',
      'honderd',
      '101',
    ]);
    expect([4, 21, 40].map((n) => numberInWords(n, 'en'))).toEqual(['four', 'twenty-one', 'forty']);
  });
});
