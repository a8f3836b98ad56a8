import { openProfile, type Profile } from '../db/profile';
import { createDispatch, type Dispatch } from './dispatch';
import { EventHub } from './events';
import { createHandlers } from './handlers';
import { JobRegistry } from './jobs';
import { watchMigrationMoves } from './reports/moves';
import { SyncController, type SyncControllerOptions } from './sync/controller';
import { LanController, type LanControllerOptions } from './lan/controller';
import { APP_VERSION } from './version';
import type { ExportHost } from './export/handlers';

export interface Services {
  readonly profile: Profile;
  readonly dispatch: Dispatch;
  readonly sync: SyncController;
  /** What changed, for the UI (change events): the transports forward it. */
  readonly events: EventHub;
  /** Stops the background sync engine, then closes the profile. */
  close(): Promise<void>;
}

export interface StartServicesOptions {
  readonly profileDir: string;
  /** The profile key (db/crypto/vault.ts obtainProfileKey): the profile opens only with it. */
  readonly key: Uint8Array;
  readonly transport: 'ipc' | 'http';
  readonly nativeBinding?: string;
  readonly onInternalError?: (channel: string, error: unknown) => void;
  /** Start the background sync engine when the profile has a server connection (default true). */
  readonly backgroundSync?: boolean;
  /** The background sync's timing: tests set a long periodic round to prove an edit travels without it. */
  readonly sync?: Pick<SyncControllerOptions, 'intervalMs' | 'pushDelayMs' | 'news'>;
  /** The desktop app's save dialog and PDF printer (Electron main passes them; browser mode has none). */
  readonly exportHost?: ExportHost;
  /** Where the duo's network part listens and announces (services/lan/controller.ts). */
  readonly lan?: Pick<LanControllerOptions, 'host' | 'mdnsPort' | 'discovery' | 'lifetimeMs'>;
}

/** Opens the profile and wires the contract to its services. Used by Electron main and browser mode. */
export function startServices(options: StartServicesOptions): Services {
  const profile = openProfile(options.profileDir, {
    key: options.key,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  const events = new EventHub(profile);
  // Two laptops' migrations of one old report text, met in a sync: merged once (services/reports/moves.ts).
  const unwatchMoves = watchMigrationMoves(profile.store);
  const lan = new LanController(profile, {
    ...options.lan,
    serverClient: () => sync.serverClient(),
    onChange: () => events.local('lan'),
  });
  const sync = new SyncController(profile, {
    ...options.sync,
    onChange: () => events.local('sync'),
    onStatus: (status) => events.emit({ type: 'sync', status }),
    afterRound: (client) => void lan.refreshFromServer(client),
  });
  const jobs = new JobRegistry({ onChange: () => events.local('jobs') });
  const handlers = createHandlers({
    profile,
    version: APP_VERSION,
    transport: options.transport,
    sync,
    jobs,
    events,
    lan,
    ...(options.exportHost ? { exportHost: options.exportHost } : {}),
  });
  const dispatch = createDispatch(
    handlers,
    options.onInternalError ? { onInternalError: options.onInternalError } : {},
  );
  if (options.backgroundSync ?? true) sync.resume();
  return {
    profile,
    dispatch,
    sync,
    events,
    close: async () => {
      await lan.close();
      await sync.close();
      unwatchMoves();
      events.close();
      profile.close();
    },
  };
}
