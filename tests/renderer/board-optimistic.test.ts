import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contract/result';
import type { SwotBoard, SwotItemView } from '../../shared/contract/swot';
import type * as QueriesModule from '../../renderer/src/data/queries';
import type * as StoreModule from '../../renderer/src/swot/store';
import type * as ViewModule from '../../renderer/src/swot/board-view';

/**
 * A drop on the board moves the item at once (before the store answers) and the read after the
 * write confirms it, or puts it back when the store refused. The transport is a fake preload
 * whose assign answers only when the test says so.
 */
const scope = { campaignId: 'c1', sectorId: 's1', groupId: 'g1' };
const item = (id: string, lemmaId: string | null): SwotItemView => ({
  id,
  conversationId: 'k1',
  quadrant: 'strengths',
  text: `Item ${id}`,
  authorId: 'm1',
  authorName: 'Anna',
  lemmaId,
});
let stored: SwotBoard = {
  scope,
  conversations: [{ id: 'k1', label: 'Gesprek 1' }],
  items: [item('i1', null), item('i2', 'l1')],
  lemmas: [{ id: 'l1', quadrant: 'strengths', name: 'Netwerk', narrative: '' }],
  scored: { strengths: [], weaknesses: [], opportunities: [], threats: [] },
  notRetainedItemIds: [],
  matrix: { rows: [], maxCell: 0 },
  conflicts: [],
  members: [],
} as unknown as SwotBoard;
let answerAssign: ((result: Result<unknown>) => void) | null = null;

Object.defineProperty(window, 'veldwerk', {
  value: {
    invoke: (channel: string): Promise<Result<unknown>> => {
      if (channel === 'swot.board') return Promise.resolve({ ok: true, value: stored });
      if (channel === 'swot.items.assign')
        return new Promise((resolve) => {
          answerAssign = resolve;
        });
      return Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message: channel } });
    },
    subscribe: () => () => undefined,
  },
});

let queries: typeof QueriesModule;
let store: typeof StoreModule;
let view: typeof ViewModule;
beforeAll(async () => {
  // Imported after the fake preload is in place: api.ts picks its transport at load.
  [queries, store, view] = await Promise.all([
    import('../../renderer/src/data/queries'),
    import('../../renderer/src/swot/store'),
    import('../../renderer/src/swot/board-view'),
  ]);
});

function renderBoard() {
  const client = queries.createQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => createElement(QueryClientProvider, { client, children });
  const hook = renderHook(() => store.useSwotBoard(), { wrapper });
  act(() => hook.result.current.load(scope));
  return hook;
}
const lemmaOf = (board: SwotBoard | null, id: string) => board?.items.find((one) => one.id === id)?.lemmaId;
const place = (board: SwotBoard) => view.withItemPlaced(board, 'i1', { lemmaId: 'l1', quadrant: 'strengths' });

describe('an optimistic drop on the board', () => {
  it('shows the item under the lemma before the store answers, and keeps it once stored', async () => {
    const { result } = renderBoard();
    await waitFor(() => expect(lemmaOf(result.current.board, 'i1')).toBeNull());
    let done: Promise<unknown> = Promise.resolve();
    act(() => {
      done = result.current.edit('swot.items.assign', { itemIds: ['i1'], lemmaId: 'l1' }, undefined, place);
    });
    await waitFor(() => expect(answerAssign).not.toBeNull());
    // The store has not answered yet: the board shows the drop all the same.
    expect(lemmaOf(result.current.board, 'i1')).toBe('l1');
    stored = { ...stored, items: [item('i1', 'l1'), item('i2', 'l1')] };
    await act(async () => {
      answerAssign?.({ ok: true, value: { assigned: 1, undo: [] } });
      expect(await done).toBeNull();
    });
    expect(lemmaOf(result.current.board, 'i1')).toBe('l1');
    answerAssign = null;
  });

  it('puts the item back where it was when the store refuses the drop', async () => {
    stored = { ...stored, items: [item('i1', null), item('i2', 'l1')] };
    const { result } = renderBoard();
    await waitFor(() => expect(lemmaOf(result.current.board, 'i1')).toBeNull());
    let done: Promise<unknown> = Promise.resolve();
    act(() => {
      done = result.current.edit('swot.items.assign', { itemIds: ['i1'], lemmaId: 'l1' }, undefined, place);
    });
    await waitFor(() => expect(lemmaOf(result.current.board, 'i1')).toBe('l1'));
    await act(async () => {
      answerAssign?.({ ok: false, error: { code: 'CONFLICT', message: 'no' } });
      expect(await done).toMatchObject({ code: 'CONFLICT' });
    });
    await waitFor(() => expect(lemmaOf(result.current.board, 'i1')).toBeNull());
  });
});
