import { existsSync } from 'node:fs';
import path from 'node:path';
import { generateDemo } from '../../db/demo/demo';
import { searchCampaign } from '../../services/search/search';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium } from '../support/browser';
import { tempDir, openTestProfile } from '../support/profile';
import { median, medianMs, round } from '../support/stats';
import { RENDERER_DIST, startWebApp } from '../support/web-app';

/**
 * Issue 5's screens on a `demo --size season` campaign: (a) the campaign full-text search (FTS5
 * over about 5,000 pages of notes), median per query over a mix of common, rare, prefix and
 * accent-folded terms; (b) opening the planning screen in browser mode (real Chromium against the
 * built renderer) to its first render of the plan, median over fresh page loads.
 * Needs `npm run build:renderer` for (b); reports (b) as skipped when Chromium is missing.
 */
const QUERIES = [
  'wachtlijst',
  'samenwerking',
  'coordinatie',
  'vrijwilligers onthaal',
  'nt2',
  'kwaliteit',
  'OCMW',
  'stakeholders',
  'zzzonbestaand',
];

export async function run(options: { full: boolean }): Promise<Record<string, unknown>> {
  const work = tempDir('veldwerk-bench-planning-');
  try {
    const profile = openTestProfile(work.dir);
    let campaignId: string;
    let noteCharacters: number;
    try {
      const demo = generateDemo(profile.store, { size: 'season' });
      campaignId = demo.campaignId;
      noteCharacters = demo.noteCharacters;
    } finally {
      profile.close();
    }

    const reopened = openTestProfile(work.dir);
    const rounds = options.full ? 50 : 15;
    const perQuery: Record<string, { medianMs: number; hits: number }> = {};
    const all: number[] = [];
    try {
      for (const query of QUERIES) {
        const hits = searchCampaign(reopened, campaignId, query).hits.length;
        const times: number[] = [];
        for (let index = 0; index < rounds; index += 1) {
          const started = performance.now();
          searchCampaign(reopened, campaignId, query);
          times.push(performance.now() - started);
        }
        all.push(...times);
        perQuery[query] = { medianMs: round(median(times)), hits };
      }
    } finally {
      reopened.close();
    }

    return {
      season: { noteCharacters },
      ftsQuery: { medianMs: round(median(all)), goalMs: 10, rounds, perQuery },
      planningFirstRender: await planningFirstRender(work.dir, campaignId, options.full ? 15 : 5),
    };
  } finally {
    work.remove();
  }
}

async function planningFirstRender(
  profileDir: string,
  campaignId: string,
  runs: number,
): Promise<Record<string, unknown>> {
  if (!chromiumAvailable()) return { skipped: `Chromium not found at ${CHROMIUM_PATH}` };
  if (!existsSync(path.join(RENDERER_DIST, 'index.html')))
    return { skipped: 'renderer not built: run npm run build:renderer first' };
  const app = await startWebApp(profileDir);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'nl-BE' });
    const page = await context.newPage();
    // The token moves into session storage on the first load; later loads open the deep link directly.
    await page.goto(app.bridge.openUrl);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const url = `${app.bridge.url}#/campaigns/${campaignId}/planning`;
    const open = async () => {
      await page.goto('about:blank');
      await page.goto(url);
      await page.getByTestId('plan-region').first().waitFor();
    };
    await open();
    const ms = await medianMs(runs, open);
    const regions = await page.getByTestId('plan-region').count();
    await context.close();
    return { medianMs: round(ms), runs, regionsShown: regions };
  } finally {
    await browser.close();
    await app.stop();
  }
}
