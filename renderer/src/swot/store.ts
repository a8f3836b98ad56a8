import { create } from 'zustand';
import type { ChannelName, InputOf } from '../../../shared/contract/channels';
import type { ContractError } from '../../../shared/contract/result';
import type { SwotBoard, SwotScopeRef, SwotSuggestions } from '../../../shared/contract/swot';
import { api } from '../api';
import { recordUndo, undoStepsOf, type UndoAction } from '../input/undo';

/**
 * The clustering board's state. The board (items, lemmas, live scores, matrix, conflicts) is
 * computed by the services from the records; after every edit the board is read again, so what
 * the user sees is always what the scoring rule says about the stored data.
 */
interface BoardState {
  readonly scope: SwotScopeRef | null;
  readonly board: SwotBoard | null;
  readonly loading: boolean;
  readonly error: ContractError | null;
  readonly suggestions: SwotSuggestions | null;
  readonly suggesting: boolean;
  /** Suggestions the user rejected in this session (they never change data). */
  readonly rejected: ReadonlySet<string>;
  load(scope: SwotScopeRef): Promise<void>;
  reload(): Promise<void>;
  /**
   * Runs an edit, then reloads the board; answers the error to show, or null. With `undo`, an
   * edit that answers its inverse writes goes on the undo stack under that action and subject.
   */
  edit<C extends ChannelName>(channel: C, payload: InputOf<C>, undo?: { readonly action: UndoAction; readonly subject: string }): Promise<ContractError | null>;
  suggest(): Promise<void>;
  reject(key: string): void;
}

export const useSwotBoard = create<BoardState>((set, get) => ({
  scope: null,
  board: null,
  loading: false,
  error: null,
  suggestions: null,
  suggesting: false,
  rejected: new Set(),
  load: async (scope) => {
    const same = get().scope;
    const changed = !same || same.campaignId !== scope.campaignId || same.sectorId !== scope.sectorId || same.groupId !== scope.groupId;
    set({ scope, loading: true, error: null, ...(changed ? { board: null, suggestions: null, rejected: new Set<string>() } : {}) });
    const result = await api.invoke('swot.board', scope);
    if (get().scope !== scope) return;
    if (result.ok) set({ board: result.value, loading: false });
    else set({ error: result.error, loading: false });
  },
  reload: async () => {
    const scope = get().scope;
    if (scope) await get().load(scope);
  },
  edit: async (channel, payload, undo) => {
    const result = await api.invoke(channel, payload);
    if (result.ok && undo) recordUndo(undo.action, undo.subject, undoStepsOf(result.value));
    await get().reload();
    if (get().suggestions) await get().suggest();
    return result.ok ? null : result.error;
  },
  suggest: async () => {
    const scope = get().scope;
    if (!scope) return;
    set({ suggesting: true });
    const result = await api.invoke('swot.suggestions', scope);
    set({ suggesting: false, ...(result.ok ? { suggestions: result.value } : { error: result.error }) });
  },
  reject: (key) => set({ rejected: new Set([...get().rejected, key]) }),
}));
