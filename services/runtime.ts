import { openProfile, type Profile } from '../db/profile';
import { createDispatch, type Dispatch } from './dispatch';
import { createHandlers } from './handlers';
import { APP_VERSION } from './version';

export interface Services {
  readonly profile: Profile;
  readonly dispatch: Dispatch;
  close(): void;
}

export interface StartServicesOptions {
  readonly profileDir: string;
  readonly transport: 'ipc' | 'http';
  readonly nativeBinding?: string;
  readonly onInternalError?: (channel: string, error: unknown) => void;
}

/** Opens the profile and wires the contract to its services. Used by Electron main and browser mode. */
export function startServices(options: StartServicesOptions): Services {
  const profile = openProfile(options.profileDir, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const handlers = createHandlers({ profile, version: APP_VERSION, transport: options.transport });
  const dispatch = createDispatch(handlers, options.onInternalError ? { onInternalError: options.onInternalError } : {});
  return { profile, dispatch, close: () => profile.close() };
}
