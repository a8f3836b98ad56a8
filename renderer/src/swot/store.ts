import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { ChannelName, InputOf } from '../../../shared/contract/channels';
import type { ContractError } from '../../../shared/contract/result';
import type { SwotBoard, SwotScopeRef, SwotSuggestions } from '../../../shared/contract/swot';
import { api } from '../api';
import { contractKey } from '../data/invalidation';
import { useContractQuery } from '../data/queries';
import { recordUndo, undoStepsOf, type UndoAction } from '../input/undo';
import { NO_FILTER, type BoardFilter } from './board-view';

/**
 * The clustering board. The board (items, lemmas, live scores, matrix, conflicts) is computed by
 * the services from the records and read through the data layer, so it refreshes whenever a
 * change event touches the SWOT's tables: after every edit here, and when the partner's edits
 * arrive. What the user sees is always what the scoring rule says about the stored data.
 * The zustand part holds UI state only: the scope shown, whether suggestions were asked for,
 * the filter and which lemma cards the user folded or unfolded. A rejected suggestion is a
 * synced record (swot.suggestions.reject): the services leave it out of every later answer.
 */
interface BoardUi {
  readonly scope: SwotScopeRef | null;
  readonly suggestionsWanted: boolean;
  readonly filter: BoardFilter;
  /** Lemma cards folded (false) or unfolded (true) by the user; others follow the default. */
  readonly expanded: ReadonlyMap<string, boolean>;
  load(scope: SwotScopeRef): void;
  want(): void;
  setFilter(filter: BoardFilter): void;
  setExpanded(lemmaIds: readonly string[], expanded: boolean): void;
}

const sameScope = (a: SwotScopeRef | null, b: SwotScopeRef) =>
  a !== null && a.campaignId === b.campaignId && a.sectorId === b.sectorId && a.groupId === b.groupId;

export const useBoardUi = create<BoardUi>((set, get) => ({
  scope: null,
  suggestionsWanted: false,
  filter: NO_FILTER,
  expanded: new Map(),
  load: (scope) => {
    if (!sameScope(get().scope, scope))
      set({
        scope,
        suggestionsWanted: false,
        filter: NO_FILTER,
        expanded: new Map<string, boolean>(),
      });
  },
  want: () => set({ suggestionsWanted: true }),
  setFilter: (filter) => set({ filter }),
  setExpanded: (lemmaIds, expanded) => {
    const next = new Map(get().expanded);
    for (const id of lemmaIds) next.set(id, expanded);
    set({ expanded: next });
  },
}));

export interface BoardState {
  readonly scope: SwotScopeRef | null;
  readonly board: SwotBoard | null;
  readonly loading: boolean;
  readonly error: ContractError | null;
  readonly suggestions: SwotSuggestions | null;
  readonly suggesting: boolean;
  /** Shows a scope (the board of another scope starts without suggestions). */
  load(scope: SwotScopeRef): void;
  /** Reads the board again now (it also refreshes by itself on change events). */
  reload(): Promise<void>;
  /**
   * Runs an edit; answers, once the board shows it, the error to show, or null. (The board
   * refreshes by the edit's change event; waiting for that read keeps callers that act on the
   * new board, such as undo and focus, in step.) With `undo`, an edit that answers its inverse
   * writes goes on the undo stack under that action and subject. With `optimistic`, the board
   * shows that change at once (a drop), until the read after the write replaces it by what the
   * store holds, so a refused edit shows its item back where it was.
   */
  edit<C extends ChannelName>(
    channel: C,
    payload: InputOf<C>,
    undo?: { readonly action: UndoAction; readonly subject: string },
    optimistic?: (board: SwotBoard) => SwotBoard,
  ): Promise<ContractError | null>;
  /** Asks for suggestions (computed again when asked again, and on every change while shown). */
  suggest(): Promise<void>;
  /**
   * Turns a suggestion down for good: a group (its items, lemmaId null) or an item → lemma hint.
   * It leaves the list at once and is never proposed again (a synced record); answers the error
   * to show, or null (a refused rejection shows the suggestion again).
   */
  reject(suggestion: {
    readonly itemIds: readonly string[];
    readonly lemmaId: string | null;
  }): Promise<ContractError | null>;
}

/** The suggestions without one (a group by its members, or a hint by item and lemma). */
function withoutSuggestion(
  suggestions: SwotSuggestions,
  { itemIds, lemmaId }: { readonly itemIds: readonly string[]; readonly lemmaId: string | null },
): SwotSuggestions {
  const members = [...itemIds].sort().join(',');
  return lemmaId === null
    ? { ...suggestions, groups: suggestions.groups.filter((group) => [...group.itemIds].sort().join(',') !== members) }
    : {
        ...suggestions,
        lemmas: suggestions.lemmas.filter((hint) => hint.itemId !== itemIds[0] || hint.lemmaId !== lemmaId),
      };
}

const NO_SCOPE: SwotScopeRef = { campaignId: '', sectorId: '', groupId: '' };

/** The board's state, whole or through a selector (like a zustand store). */
export function useSwotBoard(): BoardState;
export function useSwotBoard<T>(selector: (state: BoardState) => T): T;
export function useSwotBoard<T>(selector?: (state: BoardState) => T): T | BoardState {
  const { scope, suggestionsWanted, load, want } = useBoardUi(
    useShallow((ui) => ({
      scope: ui.scope,
      suggestionsWanted: ui.suggestionsWanted,
      load: ui.load,
      want: ui.want,
    })),
  );
  const client = useQueryClient();
  const boardQuery = useContractQuery('swot.board', scope ?? NO_SCOPE, { enabled: scope !== null });
  const suggestionsQuery = useContractQuery('swot.suggestions', scope ?? NO_SCOPE, {
    enabled: scope !== null && suggestionsWanted,
  });
  const { refetch } = boardQuery;
  const reload = useCallback(async () => {
    await refetch();
  }, [refetch]);
  const edit = useCallback(
    async <C extends ChannelName>(
      channel: C,
      payload: InputOf<C>,
      undo?: { readonly action: UndoAction; readonly subject: string },
      optimistic?: (board: SwotBoard) => SwotBoard,
    ): Promise<ContractError | null> => {
      if (optimistic && scope) {
        // TanStack Query's optimistic update: a read under way would overwrite the change.
        const key = contractKey('swot.board', scope);
        await client.cancelQueries({ queryKey: key });
        client.setQueryData<SwotBoard>(key, (board) => (board ? optimistic(board) : board));
      }
      const result = await api.invoke(channel, payload);
      if (result.ok && undo && scope)
        recordUndo(scope.campaignId, undo.action, undo.subject, undoStepsOf(result.value));
      if (scope) await client.refetchQueries({ queryKey: contractKey('swot.board', scope), type: 'active' });
      return result.ok ? null : result.error;
    },
    [client, scope],
  );
  const suggest = useCallback(async () => {
    if (!scope) return;
    if (!useBoardUi.getState().suggestionsWanted) want();
    else await client.invalidateQueries({ queryKey: contractKey('swot.suggestions', scope) });
  }, [client, scope, want]);
  const reject = useCallback(
    async (suggestion: { readonly itemIds: readonly string[]; readonly lemmaId: string | null }) => {
      if (!scope) return null;
      const key = contractKey('swot.suggestions', scope);
      await client.cancelQueries({ queryKey: key });
      client.setQueryData<SwotSuggestions>(key, (current) =>
        current ? withoutSuggestion(current, suggestion) : current,
      );
      const result = await api.invoke('swot.suggestions.reject', {
        ...scope,
        itemIds: [...suggestion.itemIds],
        lemmaId: suggestion.lemmaId,
      });
      await client.invalidateQueries({ queryKey: key });
      return result.ok ? null : result.error;
    },
    [client, scope],
  );
  const state: BoardState = {
    scope,
    board: scope ? (boardQuery.data ?? null) : null,
    loading: boardQuery.isFetching,
    error: boardQuery.error?.error ?? suggestionsQuery.error?.error ?? null,
    suggestions: scope && suggestionsWanted ? (suggestionsQuery.data ?? null) : null,
    suggesting: suggestionsQuery.isFetching,
    load,
    reload,
    edit,
    suggest,
    reject,
  };
  return selector ? selector(state) : state;
}
