import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useMe } from '../data/identity';
import { EntryQueue, storageJournal, type Entry, type JournalStorage, type SubmitResult } from './entry-queue';

/** The DOM id of the "Ik ben" picker, so a screen that needs a name can put the focus there. */
export const IDENTITY_PICKER_ID = 'identity-picker';

export function focusIdentityPicker(): void {
  document.getElementById(IDENTITY_PICKER_ID)?.focus();
}

function localStorageOrNull(): JournalStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
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
    const created = new EntryQueue(submit, storageJournal(localStorageOrNull(), name, isTarget));
    queues.set(name, created as EntryQueue<unknown>);
    return created;
    // The submit and the check of the first render create the queue; later ones reach it through setSubmit.
  }, [name]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => queue.setSubmit(submit), [queue, submit]);
  const entries = useSyncExternalStore(queue.subscribe, queue.snapshot, queue.snapshot);
  const memberId = useMe();

  // The focus never moves to the picker by itself: the user may still be typing (the refusal
  // arrives after the Enter) and keys sent to the picker are lost or even choose a name. The
  // screen shows IdentityNotice instead, whose button moves the focus.
  // Only a newly chosen name retries: a refusal with a name already chosen must not loop.
  useEffect(() => {
    if (memberId !== null && queue.held) queue.retry();
  }, [memberId, queue]);

  const add = (target: K, text: string): boolean => queue.enqueue(target, text);

  return { entries, queue, add, held: entries.some((entry) => entry.state === 'held') };
}
