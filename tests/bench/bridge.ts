import { BRIDGE_INVOKE_PATH, BRIDGE_TOKEN_HEADER } from '../../shared/contract/constants';
import { tempDir } from '../support/profile';
import { medianMs, round } from '../support/stats';
import { startWebApp } from '../support/web-app';

/** One contract call over the browser-mode HTTP bridge vs the same call dispatched in-process. */
export async function run(options: { full: boolean }): Promise<Record<string, unknown>> {
  const profile = tempDir('veldwerk-bench-bridge-');
  const app = await startWebApp(profile.dir, { staticDir: null });
  try {
    for (let index = 0; index < 50; index += 1)
      await app.services.dispatch('campaigns.create', { name: `Campagne ${index}`, workingYear: '2025-2026' });
    const runs = options.full ? 2000 : 300;
    const direct = await medianMs(runs, () => app.services.dispatch('campaigns.list', {}));
    const overHttp = await medianMs(runs, async () => {
      const response = await fetch(`${app.bridge.url}${BRIDGE_INVOKE_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [BRIDGE_TOKEN_HEADER]: app.bridge.token },
        body: JSON.stringify({ channel: 'campaigns.list', payload: {} }),
      });
      await response.json();
    });
    return {
      runs,
      campaignsListDirectMedianMs: round(direct),
      campaignsListHttpMedianMs: round(overHttp),
      httpOverDirectRatio: round(overHttp / direct, 2),
    };
  } finally {
    await app.stop();
    profile.remove();
  }
}
