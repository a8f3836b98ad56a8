import { useEffect, useState, useSyncExternalStore } from 'react';
import { useMe } from '../data/identity';
import { EntryQueue, type Entry, type SubmitResult } from './entry-queue';

/** The DOM id of the "Ik ben" picker, so a screen that needs a name can put the focus there. */
export const IDENTITY_PICKER_ID = 'identity-picker';

/** How long an empty entry field must stay untouched before a held entry moves the focus to the picker. */
const PICKER_FOCUS_PAUSE_MS = 700;

export function focusIdentityPicker(): void {
  document.getElementById(IDENTITY_PICKER_ID)?.focus();
}

/**
 * One queue of typed entries for a screen (see EntryQueue). Entries held because nobody was
 * chosen as "Ik ben" are saved as soon as a name is chosen; the first hold focuses the picker.
 */
export function useEntryQueue<K>(submit: (target: K, text: string) => Promise<SubmitResult>): {
  entries: readonly Entry<K>[];
  queue: EntryQueue<K>;
  add: (target: K, text: string) => boolean;
} {
  const [queue] = useState(() => new EntryQueue(submit));
  useEffect(() => queue.setSubmit(submit), [queue, submit]);
  const entries = useSyncExternalStore(queue.subscribe, queue.snapshot, queue.snapshot);
  const held = entries.some((entry) => entry.state === 'held');
  const memberId = useMe();

  // The refusal arrives while the user may still be typing the next entry: the focus moves to the
  // picker at once only from outside a text field; from an empty one (the last entry was just
  // taken) only after a pause, so keys typed at full speed still land in the field; otherwise at
  // the next Enter (add below). Never mid-word.
  useEffect(() => {
    if (!held || memberId !== null) return undefined;
    const active = document.activeElement;
    const field = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement ? active : null;
    if (!field) {
      focusIdentityPicker();
      return undefined;
    }
    if (field.value !== '') return undefined;
    const timer = setTimeout(() => {
      if (document.activeElement === field && field.value === '') focusIdentityPicker();
    }, PICKER_FOCUS_PAUSE_MS);
    return () => clearTimeout(timer);
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
