import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { api } from '../api';
import { AutosaveRegistry, DRAFT_PREFIX, type SaveCall, type SaveState } from './autosave';
import { ENTRY_JOURNAL_PREFIX } from './entry-queue';
import { SealedStorage } from './sealed-storage';

export type { SaveCall, SaveState };

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * The draft journals' storage (autosave drafts and typed entries): local storage, every value
 * sealed under the profile's draft key (./sealed-storage.ts), which the vault gate hands over
 * once the profile is unlocked and takes back when it locks.
 */
export const draftStorage = new SealedStorage(
  localStorageOrNull(),
  (key) => key.startsWith(DRAFT_PREFIX) || key.startsWith(ENTRY_JOURNAL_PREFIX),
);

/**
 * The app's autosave registry: every autosaved field of every screen. A report section's refused
 * draft is set aside at start, not retried: its section shows it with the reason, copy and discard
 * (`RefusedDraftNotice`).
 */
export const autosave = new AutosaveRegistry(
  (call, options) => api.invoke(call.channel, call.payload as never, options),
  draftStorage,
  { keepsRefused: (key) => key.startsWith('report-section:') },
);

/**
 * Saves before the page goes: pagehide sends what waits (keepalive requests outlive the page;
 * the journal replays what they miss). In Electron, closing the window waits for the saves
 * first (a cancelled beforeunload keeps the window; it closes itself once they are stored).
 */
export function installUnloadGuards(): void {
  let closing = false;
  window.addEventListener('beforeunload', (event) => {
    if (!autosave.pending) return;
    if (api.transport === 'ipc' && !closing) {
      event.preventDefault();
      closing = true;
      void autosave.flushAll().finally(() => window.close());
      return;
    }
    void autosave.flushAll({ keepalive: true });
  });
  window.addEventListener('pagehide', () => void autosave.flushAll({ keepalive: true }));
}

/**
 * An autosaved field: `change` on every keystroke, `flush` on blur. The field saves after a
 * pause, on blur, on unmount and before unload, and `state` says unsaved / saving / saved.
 * `key` names the field for the draft journal (e.g. "lemma-narrative:<id>").
 */
export function useAutosave(
  key: string,
  toCall: (value: string) => SaveCall,
  options: { delayMs?: number; onSaved?: (value: string) => void } = {},
) {
  const [field] = useState(() => autosave.field(key, toCall, options));
  useEffect(() => field.configure(toCall, options.onSaved));
  useEffect(() => () => void autosave.release(field), [field]);
  const state = useSyncExternalStore(field.subscribe, field.state, field.state);
  return { state, change: (value: string) => field.change(value), flush: () => field.flush() };
}

/**
 * The text of a box that hands it over only on Enter (SWOT capture, team lemmas): every keystroke
 * is kept synchronously in the draft journal under `key`, so text typed but not yet handed over
 * comes back into the box after a reload, a crash or a closed window. Setting '' (the Enter
 * handed it over) drops it.
 */
export function useKeptText(key: string): readonly [string, (text: string) => void] {
  const [kept, setKept] = useState(() => ({ key, text: autosave.keptText(key) }));
  // Another box (another conversation in the same screen) shows its own kept text.
  const text = kept.key === key ? kept.text : autosave.keptText(key);
  const set = useCallback(
    (next: string) => {
      autosave.keepText(key, next);
      setKept({ key, text: next });
    },
    [key],
  );
  return [text, set] as const;
}
