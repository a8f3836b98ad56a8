import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useMe } from '../data/identity';
import { EntryQueue, storageJournal, type Entry, type SubmitResult } from './entry-queue';
import { draftStorage } from './useAutosave';

/** The DOM id of the "Ik ben" picker, so a screen that needs a name can put the focus there. */
export const IDENTITY_PICKER_ID = 'identity-picker';

/**
 * Where the keys go while the picker holds a focus the user did not give it (moved there after a
 * pause, see IdentityNotice): `returnTo` is the field the user was typing in. Null when the user
 * put the focus there (a click, the notice's button, Tab): the picker then works as usual.
 */
let guarded: { readonly returnTo: HTMLElement | null } | null = null;

/**
 * Puts the focus on the "Ik ben" picker. With `returnTo` (moved by the screen, not by the user)
 * the picker ignores type-ahead: keys typed on go back to that field (see pickerKeyGuard).
 */
export function focusIdentityPicker(options?: { readonly returnTo: HTMLElement | null }): void {
  const picker = document.getElementById(IDENTITY_PICKER_ID);
  if (!picker) return;
  guarded = options ? { returnTo: options.returnTo } : null;
  picker.focus();
}

/** The user acted on the picker (opened it, an arrow key, a click) or left it: it works as usual. */
export function releasePickerGuard(): void {
  guarded = null;
}

/** Keys that open the list or move in it on purpose. */
const DELIBERATE = new Set(['ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown', 'F4']);

/**
 * The picker's keydown while it holds a focus the screen moved there: a key the user meant for
 * the field they were typing in (a letter, space, Enter, Backspace) sends the focus back there
 * before the key acts, so the key lands in the field (the browser delivers it to the focused
 * element) and never picks a name by type-ahead or confirms one with Enter. Without a field to
 * go back to, the key is ignored. A deliberate key (arrows, F4, Alt+↓) lifts the guard. Answers
 * true when it handled the key.
 */
export function pickerKeyGuard(event: {
  readonly key: string;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  preventDefault(): void;
}): boolean {
  if (!guarded) return false;
  if (DELIBERATE.has(event.key)) {
    guarded = null;
    return false;
  }
  const typing =
    !event.ctrlKey &&
    !event.metaKey &&
    !event.altKey &&
    (event.key.length === 1 || event.key === 'Enter' || event.key === 'Backspace' || event.key === 'Delete');
  if (!typing) return false;
  const back = guarded.returnTo;
  if (back?.isConnected) {
    guarded = null;
    back.focus();
  } else event.preventDefault();
  return true;
}

/**
 * One queue per input (a conversation's capture, a sector's team SWOT) for the page's life: a
 * screen opened again, or a second render in StrictMode, gets the same queue, so entries still
 * saving when the user moved on are neither lost nor saved twice.
 */
const queues = new Map<string, EntryQueue<unknown>>();

/**
 * One queue of typed entries for a screen (see EntryQueue), named by `name` for its journal in
 * local storage: entries not yet stored (also those held because nobody was chosen as "Ik ben")
 * outlive a reload or a closed window. Held entries are saved as soon as a name is chosen.
 * `isTarget` checks the targets read back from the journal.
 */
export function useEntryQueue<K>(
  name: string,
  submit: (target: K, text: string) => Promise<SubmitResult>,
  isTarget: (value: unknown) => value is K,
): {
  entries: readonly Entry<K>[];
  queue: EntryQueue<K>;
  add: (target: K, text: string) => boolean;
  /** True while entries wait for a name: the screen shows IdentityNotice. */
  held: boolean;
} {
  // Per name: a screen whose scope changes (another sector) never saves one scope's entries into another.
  const queue = useMemo(() => {
    const existing = queues.get(name) as EntryQueue<K> | undefined;
    if (existing) return existing;
    const created = new EntryQueue(submit, storageJournal(draftStorage, name, isTarget));
    queues.set(name, created as EntryQueue<unknown>);
    return created;
    // The submit and the check of the first render create the queue; later ones reach it through setSubmit.
  }, [name]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => queue.setSubmit(submit), [queue, submit]);
  const entries = useSyncExternalStore(queue.subscribe, queue.snapshot, queue.snapshot);
  const memberId = useMe();

  // The screen shows IdentityNotice, which moves the focus to the picker once the user pauses;
  // keys typed on go back to the field (pickerKeyGuard), so none is lost or chooses a name.
  // Only a newly chosen name retries: a refusal with a name already chosen must not loop.
  useEffect(() => {
    if (memberId !== null && queue.held) queue.retry();
  }, [memberId, queue]);

  const add = (target: K, text: string): boolean => queue.enqueue(target, text);

  return { entries, queue, add, held: entries.some((entry) => entry.state === 'held') };
}
