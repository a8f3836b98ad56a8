import { create } from 'zustand';
import type { ContractError } from '../../../shared/contract/result';
import type { UndoStep } from '../../../shared/contract/undo';
import { api } from '../api';
import { SealedStorage } from './sealed-storage';

/**
 * The undo stack of the screens: every undoable edit answers the writes that take it back
 * (services/undo/inverse.ts); the stack keeps them, with what the user did and in which campaign,
 * in session storage (sealed like the draft journals: the previous values are what people typed)
 * so Ctrl+Z and the "Ongedaan maken" toast still work after a reload. Each
 * campaign has its own stack: the toast and Ctrl+Z of a campaign's workspace show and undo only
 * that campaign's edits. An undo is written through the store like any edit (so it syncs), then
 * every screen that listens reads its data again.
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
  /** The campaign the edit was made in: only its workspace shows and undoes it. */
  readonly campaignId: string;
  readonly action: UndoAction;
  /** What the action was about (a lemma's or an item's text), for the toast. */
  readonly subject: string;
  readonly steps: readonly UndoStep[];
}

const STORAGE_KEY = 'veldwerk.undo';
const MAX_ENTRIES = 50;

interface UndoState {
  /** Every campaign's entries, oldest first. */
  readonly entries: readonly UndoEntry[];
  /** The last entry undone, for the "undone" confirmation; null after a new action. */
  readonly undone: UndoEntry | null;
  readonly busy: boolean;
  /** The refusal of the last undo, with the campaign it was tried in. */
  readonly error: ContractError | null;
  readonly errorCampaignId: string | null;
}

const isEntry = (value: unknown): value is UndoEntry =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { id?: unknown }).id === 'number' &&
  // An entry of an older page without its campaign is dropped: no screen could say where it was.
  typeof (value as { campaignId?: unknown }).campaignId === 'string' &&
  Array.isArray((value as { steps?: unknown }).steps);

function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** Where the stack outlives a reload: session storage, sealed under the profile's draft key (./sealed-storage.ts). */
export const undoStorage = new SealedStorage(sessionStorageOrNull(), (key) => key === STORAGE_KEY);

function load(): UndoEntry[] {
  try {
    const parsed = JSON.parse(undoStorage.getItem(STORAGE_KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
  } catch {
    return [];
  }
}

function persist(entries: readonly UndoEntry[]): void {
  try {
    undoStorage.setItem(STORAGE_KEY, JSON.stringify(entries));
  } catch {
    // Without storage the stack still works for this page.
  }
}

export const useUndo = create<UndoState>(() => ({
  entries: load(),
  undone: null,
  busy: false,
  error: null,
  errorCampaignId: null,
}));

/** Reads the stack an earlier page left, once the storage has its key (the vault gate calls it after unlocking). */
export function restoreUndo(): void {
  useUndo.setState({ entries: load() });
}

/** The last entry of a campaign's stack: what its toast offers and its Ctrl+Z undoes. */
export function lastUndoOf(entries: readonly UndoEntry[], campaignId: string): UndoEntry | undefined {
  return entries.findLast((entry) => entry.campaignId === campaignId);
}

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

/** Puts an edit made in a campaign on that campaign's undo stack (nothing without inverse writes). */
export function recordUndo(
  campaignId: string,
  action: UndoAction,
  subject: string,
  steps: readonly UndoStep[] | undefined,
): void {
  if (!steps || steps.length === 0) return;
  const entries = useUndo.getState().entries;
  const id = entries.reduce((max, entry) => Math.max(max, entry.id), 0) + 1;
  // At most MAX_ENTRIES per campaign: a busy campaign never pushes another's entries out.
  const mine = entries.filter((entry) => entry.campaignId === campaignId);
  const dropped = new Set(mine.slice(0, Math.max(0, mine.length + 1 - MAX_ENTRIES)).map((entry) => entry.id));
  const next = [...entries.filter((entry) => !dropped.has(entry.id)), { id, campaignId, action, subject, steps }];
  persist(next);
  useUndo.setState({ entries: next, undone: null, error: null, errorCampaignId: null });
}

/** Takes back the last action recorded in the campaign; answers the refusal, or null. */
export async function undoLast(campaignId: string): Promise<ContractError | null> {
  const { entries, busy } = useUndo.getState();
  const last = lastUndoOf(entries, campaignId);
  if (!last || busy) return null;
  useUndo.setState({ busy: true });
  const result = await api.invoke('undo.apply', { steps: [...last.steps] });
  const rest = useUndo.getState().entries.filter((entry) => entry.id !== last.id);
  if (result.ok) {
    persist(rest);
    useUndo.setState({ entries: rest, undone: last, busy: false, error: null, errorCampaignId: null });
    for (const listener of listeners) listener();
    return null;
  }
  useUndo.setState({ busy: false, error: result.error, errorCampaignId: campaignId });
  return result.error;
}

export function dismissUndo(): void {
  useUndo.setState({ undone: null, error: null, errorCampaignId: null });
}

/** True when a key goes to a text field (where Ctrl+Z undoes typing, not an edit). */
export function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}
