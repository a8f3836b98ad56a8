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
 * chosen as "Ik ben" are saved as soon as a name is chosen; the first hold focuses the picker.
 */
export function useEntryQueue<K>(submit: (target: K, text: string) => Promise<SubmitResult>): { entries: readonly Entry<K>[]; queue: EntryQueue<K>; add: (target: K, text: string) => boolean } {
  const [queue] = useState(() => new EntryQueue(submit));
  useEffect(() => queue.setSubmit(submit), [queue, submit]);
  const entries = useSyncExternalStore(queue.subscribe, queue.snapshot, queue.snapshot);
  const held = entries.some((entry) => entry.state === 'held');
  const memberId = useMe();

  // The refusal arrives while the user may still be typing the next entry: the focus moves to the
  // picker only from outside a text field, or at the next Enter (add below), never mid-word.
  useEffect(() => {
    const active = document.activeElement;
    const typing = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement;
    if (held && memberId === null && !typing) focusIdentityPicker();
  }, [held, memberId]);
  // Only a newly chosen name retries: a refusal with a name already chosen must not loop.
  useEffect(() => {
    if (memberId !== null && queue.held) queue.retry();
  }, [memberId, queue]);

  const add = (target: K, text: string): boolean => {
    const taken = queue.enqueue(target, text);
    if (taken && queue.held) focusIdentityPicker();
    return taken;
  };

  return { entries, queue, add };
}
