import path from 'node:path';
import { startBridge, type RunningBridge } from '../../web/bridge';
import { startServices, type Services } from '../../services/runtime';

export const RENDERER_DIST = path.resolve(import.meta.dirname, '../../dist/renderer');

export interface WebApp {
  readonly services: Services;
  readonly bridge: RunningBridge;
  stop(): Promise<void>;
}

/** Browser mode in-process: the services on a profile plus the HTTP bridge serving the built renderer. */
export async function startWebApp(profileDir: string, options: { staticDir?: string | null } = {}): Promise<WebApp> {
  const services = startServices({ profileDir, transport: 'http' });
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
