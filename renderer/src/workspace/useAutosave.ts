import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContractError } from '../../../shared/contract/result';

export type SaveState = { readonly kind: 'idle' } | { readonly kind: 'dirty' } | { readonly kind: 'saving' } | { readonly kind: 'saved'; readonly at: Date } | { readonly kind: 'error'; readonly error: ContractError };

/**
 * Autosave for a text the user types: every change is saved after a short pause (debounced),
 * at once when the field loses focus, and when the screen closes. Never a Save button: the
 * state tells the user whether what they see is stored.
 */
export function useAutosave(save: (value: string) => Promise<{ ok: true } | { ok: false; error: ContractError }>, delayMs = 500) {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const running = useRef<Promise<void> | null>(null);
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  const flush = useCallback(async (): Promise<void> => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    if (running.current) await running.current;
    const value = pending.current;
    if (value === null) return;
    pending.current = null;
    setState({ kind: 'saving' });
    const run = saveRef.current(value).then((result) => {
      // A newer keystroke is waiting: its own save reports the state.
      if (pending.current !== null) return;
      setState(result.ok ? { kind: 'saved', at: new Date() } : { kind: 'error', error: result.error });
      if (!result.ok) pending.current = pending.current ?? value;
    });
    running.current = run;
    await run;
    running.current = null;
  }, []);

  const change = useCallback(
    (value: string) => {
      pending.current = value;
      setState({ kind: 'dirty' });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), delayMs);
    },
    [delayMs, flush],
  );

  useEffect(
    () => () => {
      void flush();
    },
    [flush],
  );

  return { state, change, flush };
}
