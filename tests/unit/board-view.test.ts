import { describe, expect, it } from 'vitest';
import type { SwotBoard, SwotItemView } from '../../shared/contract/swot';
import { boardView, foldText, NO_FILTER, rankSuggestions, withItemPlaced } from '../../renderer/src/swot/board-view';

const item = (id: string, text: string, conversationId: string, lemmaId: string | null): SwotItemView => ({
  id,
  conversationId,
  quadrant: 'strengths',
  text,
  authorId: 'm1',
  authorName: 'Anna',
  lemmaId,
});

const board = {
  scope: { campaignId: 'c', sectorId: 's', groupId: 'g' },
  conversations: [],
  items: [
    item('i1', 'Sterk netwerk met besturen', 'k1', 'l1'),
    item('i2', 'Netwerk met scholen', 'k2', 'l1'),
    item('i3', 'Ervaren team', 'k1', 'l2'),
    item('i4', 'Wachtlijst in Brügge', 'k2', null),
    item('i5', 'Goede opvang', 'k1', null),
  ],
  lemmas: [
    { id: 'l1', quadrant: 'strengths', name: 'Netwerk', narrative: '' },
    { id: 'l2', quadrant: 'strengths', name: 'Team', narrative: '' },
    { id: 'l3', quadrant: 'strengths', name: 'Leeg', narrative: '' },
  ],
} as unknown as SwotBoard;

const ids = (items: readonly SwotItemView[]) => items.map((one) => one.id);
const shown = (view: ReturnType<typeof boardView>) =>
  view.lemmas.strengths.map((one) => `${one.lemma.name}:${ids(one.items).join(',')}/${one.total}`);

describe('boardView', () => {
  it('groups items under their lemmas and in the pools, everything shown without a filter', () => {
    const view = boardView(board, NO_FILTER);
    expect(shown(view)).toEqual(['Netwerk:i1,i2/2', 'Team:i3/1', 'Leeg:/0']);
    expect(ids(view.pool.strengths)).toEqual(['i4', 'i5']);
    expect(view.poolTotal).toEqual({ strengths: 2, weaknesses: 0, opportunities: 0, threats: 0 });
    expect(view.filtering).toBe(false);
  });

  it('filters by every word typed, ignoring case and accents; a matching lemma name keeps all its items', () => {
    expect(shown(boardView(board, { text: 'SCHOLEN netwerk', conversationId: '' }))).toEqual(['Netwerk:i2/2']);
    expect(shown(boardView(board, { text: 'netwerk', conversationId: '' }))).toEqual(['Netwerk:i1,i2/2']);
    expect(shown(boardView(board, { text: 'team', conversationId: '' }))).toEqual(['Team:i3/1']);
    expect(shown(boardView(board, { text: 'leeg', conversationId: '' }))).toEqual(['Leeg:/0']);
    expect(ids(boardView(board, { text: 'brugge', conversationId: '' }).pool.strengths)).toEqual(['i4']);
  });

  it('filters by conversation, also inside a lemma whose name matches', () => {
    const view = boardView(board, { text: '', conversationId: 'k2' });
    expect(shown(view)).toEqual(['Netwerk:i2/2']);
    expect(ids(view.pool.strengths)).toEqual(['i4']);
    expect(view.poolTotal.strengths).toBe(2);
    expect(shown(boardView(board, { text: 'netwerk', conversationId: 'k1' }))).toEqual(['Netwerk:i1/2']);
    expect(shown(boardView(board, { text: 'leeg', conversationId: 'k1' }))).toEqual([]);
  });

  it('folds text for matching', () => {
    expect(foldText('Ééntje in BRÜGGE')).toBe('eentje in brugge');
  });
});

describe('withItemPlaced', () => {
  it('moves one item at once, under a lemma or back to a pool, and leaves the rest alone', () => {
    const placed = withItemPlaced(board, 'i4', { lemmaId: 'l2', quadrant: 'threats' });
    expect(placed.items.find((one) => one.id === 'i4')).toMatchObject({ lemmaId: 'l2', quadrant: 'threats' });
    expect(placed.items.filter((one) => one.id !== 'i4')).toEqual(board.items.filter((one) => one.id !== 'i4'));
    const back = withItemPlaced(board, 'i1', { lemmaId: null, quadrant: 'strengths' });
    expect(ids(boardView(back, NO_FILTER).pool.strengths)).toEqual(['i1', 'i4', 'i5']);
    expect(board.items[0]?.lemmaId).toBe('l1');
  });
});

describe('rankSuggestions', () => {
  it('puts groups and lemma hints in one list, the most confident first', () => {
    const group = (key: string, confidence: number) =>
      ({ key, quadrant: 'strengths', name: key, itemIds: [], confidence, terms: [] }) as const;
    const hint = (itemId: string, confidence: number) =>
      ({ itemId, lemmaId: 'l1', lemmaName: 'Netwerk', confidence, terms: [] }) as const;
    const ranked = rankSuggestions([group('g1', 0.4), group('g2', 0.9)], [hint('i1', 0.6), hint('i2', 0.9)]);
    expect(ranked.map((row) => `${row.key}:${row.confidence}`)).toEqual([
      'g2:0.9',
      'lemma:i2:l1:0.9',
      'lemma:i1:l1:0.6',
      'g1:0.4',
    ]);
  });
});
