import { useEffect, useState, useSyncExternalStore } from 'react';
import { useMe } from '../data/identity';
import { EntryQueue, type Entry, type SubmitResult } from './entry-queue';

/** The DOM id of the "Ik ben" picker, so a screen that needs a name can put the focus there. */
export const IDENTITY_PICKER_ID = 'identity-picker';

export function focusIdentityPicker(): void {
  document.getElementById(IDENTITY_PICKER_ID)?.focus();
}

/**
 * One queue of typed entries for a screen (see EntryQueue). Entries held because nobody was
 * chosen as "Ik ben" are saved as soon as a name is chosen.
 */
export function useEntryQueue<K>(submit: (target: K, text: string) => Promise<SubmitResult>): {
  entries: readonly Entry<K>[];
  queue: EntryQueue<K>;
  add: (target: K, text: string) => boolean;
  /** True while entries wait for a name: the screen shows IdentityNotice. */
  held: boolean;
} {
  const [queue] = useState(() => new EntryQueue(submit));
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
