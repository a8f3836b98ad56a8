import type { Result } from '../../shared/contract/result';

declare global {
  interface Window {
    /** Present only in Electron: the single function the preload exposes through contextBridge. */
    readonly veldwerk?: {
      readonly invoke: (channel: string, payload: unknown) => Promise<Result<unknown>>;
    };
  }
}
