import type { Result } from '../../shared/contract/result';

declare global {
  interface Window {
    /** Present only in Electron: the two functions the preload exposes through contextBridge. */
    readonly veldwerk?: {
      readonly invoke: (channel: string, payload: unknown) => Promise<Result<unknown>>;
      /** Listens to the change events main pushes; answers the unsubscribe. */
      readonly subscribe: (listener: (event: unknown) => void) => () => void;
    };
  }
}
