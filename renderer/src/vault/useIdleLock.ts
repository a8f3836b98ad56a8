import { useEffect } from 'react';
import { api } from '../api';

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Locks the profile after `minutes` without input in the window (0: never). The services close
 * the database and forget the key (vault.lock); the gate then asks for the passphrase or the OS
 * login again. The services keep an idle lock of their own too (services/vault/session.ts), for a
 * renderer that is gone or frozen; this one counts input, which the services cannot see.
 */
export function useIdleLock(minutes: number): void {
  useEffect(() => {
    if (minutes <= 0) return undefined;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const arm = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void api.invoke('vault.lock', {}), minutes * 60_000);
    };
    arm();
    for (const name of ACTIVITY) window.addEventListener(name, arm, { passive: true });
    return () => {
      if (timer) clearTimeout(timer);
      for (const name of ACTIVITY) window.removeEventListener(name, arm);
    };
  }, [minutes]);
}
