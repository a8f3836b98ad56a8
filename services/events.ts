import type { Profile } from '../db/profile';
import type { AppEvent, LocalTopic } from '../shared/contract/events';

export type AppEventListener = (event: AppEvent) => void;

/**
 * The services' one stream of events for the UI: the store's committed writes (db/store/commits.ts)
 * and changes of local state the services announce themselves (sync status, identity, jobs).
 * Transports subscribe: Electron main forwards over IPC, the bridge as server-sent events.
 */
export class EventHub {
  private readonly listeners = new Set<AppEventListener>();
  private readonly detach: () => void;

  constructor(profile: Profile) {
    this.detach = profile.store.onCommit((event) => this.emit(event));
  }

  subscribe(listener: AppEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Announces that local (non-synced) state changed. */
  local(topic: LocalTopic, campaign: string | null = null): void {
    this.emit({ type: 'local', topic, campaign });
  }

  emit(event: AppEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        console.error('event listener failed:', error);
      }
    }
  }

  close(): void {
    this.detach();
    this.listeners.clear();
  }
}
