import { create } from 'zustand';
import type { ContractError } from '../../../shared/contract/result';
import type { UndoStep } from '../../../shared/contract/undo';
import { api } from '../api';

/**
 * The undo stack of the screens: every undoable edit answers the writes that take it back
 * (services/undo/inverse.ts); the stack keeps them, with what the user did, in session storage so
 * Ctrl+Z and the "Ongedaan maken" toast still work after a reload. An undo is written through
 * the store like any edit (so it syncs), then every screen that listens reads its data again.
 */
export type UndoAction =
  | 'merge'
  | 'split'
  | 'move'
  | 'removeLemma'
  | 'removeItem'
  | 'moveItem'
  | 'assign'
  | 'createLemma'
  | 'rename'
  | 'editItem'
  | 'retire'
  | 'restore';

export interface UndoEntry {
  readonly id: number;
  readonly action: UndoAction;
  /** What the action was about (a lemma's or an item's text), for the toast. */
  readonly subject: string;
  readonly steps: readonly UndoStep[];
}

const STORAGE_KEY = 'veldwerk.undo';
const MAX_ENTRIES = 50;

interface UndoState {
  readonly entries: readonly UndoEntry[];
  /** The last entry undone, for the "undone" confirmation; null after a new action. */
  readonly undone: UndoEntry | null;
  readonly busy: boolean;
  readonly error: ContractError | null;
}

function load(): UndoEntry[] {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as UndoEntry[]) : [];
  } catch {
    return [];
  }
}

function persist(entries: readonly UndoEntry[]): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(entries));
  } catch {
    // Without storage the stack still works for this page.
  }
}

export const useUndo = create<UndoState>(() => ({ entries: load(), undone: null, busy: false, error: null }));

const listeners = new Set<() => void>();

/** Screens that show undoable data read it again after an undo. */
export function onUndone(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The inverse writes an edit answered, if it is an undoable one. */
export function undoStepsOf(value: unknown): readonly UndoStep[] | undefined {
  if (typeof value !== 'object' || value === null || !('undo' in value)) return undefined;
  const steps = (value as { undo: unknown }).undo;
  return Array.isArray(steps) ? (steps as UndoStep[]) : undefined;
}

export function recordUndo(action: UndoAction, subject: string, steps: readonly UndoStep[] | undefined): void {
  if (!steps || steps.length === 0) return;
  const entries = useUndo.getState().entries;
  const id = (entries.at(-1)?.id ?? 0) + 1;
  const next = [...entries, { id, action, subject, steps }].slice(-MAX_ENTRIES);
  persist(next);
  useUndo.setState({ entries: next, undone: null, error: null });
}

/** Takes back the last recorded action; answers the refusal, or null. */
export async function undoLast(): Promise<ContractError | null> {
  const { entries, busy } = useUndo.getState();
  const last = entries.at(-1);
  if (!last || busy) return null;
  useUndo.setState({ busy: true });
  const result = await api.invoke('undo.apply', { steps: [...last.steps] });
  const rest = useUndo.getState().entries.filter((entry) => entry.id !== last.id);
  if (result.ok) {
    persist(rest);
    useUndo.setState({ entries: rest, undone: last, busy: false, error: null });
    for (const listener of listeners) listener();
    return null;
  }
  useUndo.setState({ busy: false, error: result.error });
  return result.error;
}

export function dismissUndo(): void {
  useUndo.setState({ undone: null, error: null });
}

/** True when a key goes to a text field (where Ctrl+Z undoes typing, not an edit). */
export function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}
