import { create } from 'zustand';
import type { SyncView } from '../../../shared/contract/sync';
import { api } from '../api';

/** The sync indicator's state: read from the services by polling (faster while a round runs). */
interface SyncState {
  readonly status: SyncView | null;
  refresh(): Promise<void>;
  set(status: SyncView): void;
}

export const useSync = create<SyncState>((set) => ({
  status: null,
  refresh: async () => {
    const result = await api.invoke('sync.status', {});
    if (result.ok) set({ status: result.value });
  },
  set: (status) => set({ status }),
}));

export function pollInterval(status: SyncView | null): number {
  return status?.state === 'syncing' ? 700 : 4000;
}
