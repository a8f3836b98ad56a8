import { api } from '../api';
import type { StreamEvent } from './events';

/**
 * Waits for events instead of polling: `wait()` resolves at the next event that matches (at
 * once when one came since the last wait). Subscribe before the first read so nothing that
 * happens between the read and the wait is missed; `stop()` when done.
 */
export function wakeOn(
  match: (event: StreamEvent) => boolean,
  subscribe: typeof api.subscribe = api.subscribe,
): { wait(): Promise<void>; stop(): void } {
  let woken = false;
  let resolve: (() => void) | null = null;
  const stop = subscribe((event) => {
    if (event.type !== 'resync' && !match(event)) return;
    woken = true;
    resolve?.();
  });
  return {
    wait: () => {
      if (woken) {
        woken = false;
        return Promise.resolve();
      }
      return new Promise<void>((done) => {
        resolve = () => {
          resolve = null;
          woken = false;
          done();
        };
      });
    },
    stop,
  };
}

/** A job's progress changed (services/jobs.ts announces every step). */
export const isJobEvent = (event: StreamEvent): boolean => event.type === 'local' && event.topic === 'jobs';
