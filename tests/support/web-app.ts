import path from 'node:path';
import { startBridge, type RunningBridge } from '../../web/bridge';
import { startServices, type Services, type StartServicesOptions } from '../../services/runtime';
import { ProfileSession } from '../../services/vault/session';
import { onTestFinished } from 'vitest';
import { TEST_SCRYPT_COST, tempDir, testProfileKey } from './profile';

export const RENDERER_DIST = path.resolve(import.meta.dirname, '../../dist/renderer');

export interface WebApp {
  readonly services: Services;
  readonly bridge: RunningBridge;
  stop(): Promise<void>;
}

/** Browser mode in-process: the services on a profile plus the HTTP bridge serving the built renderer. */
export async function startWebApp(
  profileDir: string,
  options: { staticDir?: string | null; lan?: StartServicesOptions['lan'] } = {},
): Promise<WebApp> {
  const services = startServices({
    profileDir,
    key: testProfileKey(profileDir),
    transport: 'http',
    ...(options.lan ? { lan: options.lan } : {}),
  });
  const staticDir = options.staticDir === undefined ? RENDERER_DIST : options.staticDir;
  const bridge = await startBridge({
    dispatch: services.dispatch,
    events: services.events,
    ...(staticDir ? { staticDir } : {}),
  });
  return {
    services,
    bridge,
    stop: async () => {
      await bridge.close();
      await services.close();
    },
  };
}

/**
 * The duo partner's laptop for one test: browser mode on a fresh profile, stopped and removed when
 * the test ends. Answers the app and its profile folder (where a test leaves files to import).
 */
export async function startPartnerApp(prefix: string): Promise<WebApp & { readonly dir: string }> {
  const folder = tempDir(prefix);
  const app = await startWebApp(folder.dir);
  onTestFinished(async () => {
    await app.stop();
    folder.remove();
  });
  return { ...app, dir: folder.dir };
}

export interface LockedWebApp {
  readonly session: ProfileSession;
  readonly bridge: RunningBridge;
  stop(): Promise<void>;
}

/**
 * Browser mode as `veldwerk web` runs it without a passphrase: the profile starts locked (or, new,
 * asks how to protect it) and the page unlocks it. The passphrase's scrypt cost is the tests' one.
 */
export async function startLockedWebApp(profileDir: string): Promise<LockedWebApp> {
  const session = new ProfileSession({ profileDir, transport: 'http', scryptCost: TEST_SCRYPT_COST });
  const bridge = await startBridge({ dispatch: session.dispatch, events: session.events, staticDir: RENDERER_DIST });
  return {
    session,
    bridge,
    stop: async () => {
      await bridge.close();
      await session.close();
    },
  };
}
