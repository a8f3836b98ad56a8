import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, screenshot } from '../support/browser';
import { walkJson } from '../../shared/report/document';
import { tempDir } from '../support/profile';
import { seedAnalysis, type SeededAnalysis } from '../support/seed-reports';
import { call, until } from '../support/services';
import { startWebApp, type WebApp } from '../support/web-app';
import {
  TEST_PASSWORD,
  createTestStoreLocation,
  pushTeamAsLead,
  seed,
  startTestServer,
  type RunningTestServer,
  type TestStoreHandle,
} from '../integration/server-support';

// Finalising the final report in Chromium, two laptops and a real server on 127.0.0.1: Anna (an
// inspector) writes a SWOT block into the final report on her laptop, Bart (the team lead)
// finalises it on his; the server computes the frozen values from what it holds. Both then see
// the frozen values, also after Anna moves an item out of the lemma (the live count would drop).
describe('finalising a report in Chromium (two laptops, real server)', () => {
  let browser: Browser;
  let handle: TestStoreHandle;
  let server: RunningTestServer;
  let anna: WebApp;
  let bart: WebApp;
  let seeded: SeededAnalysis;
  let finalReport: string;
  const contexts: BrowserContext[] = [];
  const annaProfile = tempDir('veldwerk-e2e-final-anna-');
  const bartProfile = tempDir('veldwerk-e2e-final-bart-');
  const pageErrors: string[] = [];

  async function open(target: WebApp): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'nl-BE' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(target.bridge.openUrl);
    await page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await page.goto(`${target.bridge.url}/#/campaigns/${seeded.campaignId}/reports/${finalReport}`);
    await page.getByRole('heading', { level: 1, name: 'Eindrapport' }).waitFor();
    return page;
  }

  /** Sync rounds until the laptop has nothing left to push. */
  async function pushed(laptop: WebApp): Promise<void> {
    await until(
      async () => {
        await call(laptop.services, 'sync.now', {});
        return call(laptop.services, 'sync.status', {});
      },
      (status) => status.pendingChanges === 0 && status.lastSyncAt !== null,
      'the push',
      60_000,
    );
  }

  const swotBlock = (page: Page) => page.locator('[data-block-type="swotTable"]');
  const netwerkCount = (page: Page) =>
    swotBlock(page)
      .getByRole('button', { name: /gesprekken met Sterk netwerk/ })
      .textContent();

  beforeAll(async () => {
    if (!chromiumAvailable())
      throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium"`);
    browser = await launchChromium();
    handle = await createTestStoreLocation('sqlite');
    server = await startTestServer(handle.location);
    anna = await startWebApp(annaProfile.dir);
    seeded = await seedAnalysis(anna.services);
    const [annaId, bartId] = seeded.members;
    anna.services.profile.store.update('members', annaId, { email: 'anna@inspectie.be' });
    anna.services.profile.store.update('members', bartId, { email: 'bart@inspectie.be' });
    await call(anna.services, 'reports.createMissing', { campaignId: seeded.campaignId });
    finalReport =
      (await call(anna.services, 'reports.list', { campaignId: seeded.campaignId })).find(
        (report) => report.kind === 'final',
      )?.id ?? '';
    await seed(
      server.store,
      [seeded.campaignId],
      [
        { email: 'anna@inspectie.be', roles: [{ role: 'inspector' }] },
        { email: 'bart@inspectie.be', roles: [{ role: 'team-lead' }] },
      ],
    );
    // Only the team lead may write member rows: Bart pushes the team as Anna's laptop holds it.
    await pushTeamAsLead(
      server.url,
      'bart@inspectie.be',
      seeded.campaignId,
      anna.services.profile.store.list('members', { campaign_id: seeded.campaignId }),
    );
    await call(anna.services, 'sync.connect', {
      serverUrl: server.url,
      email: 'anna@inspectie.be',
      password: TEST_PASSWORD,
    });
    await pushed(anna);
    bart = await startWebApp(bartProfile.dir);
    await call(bart.services, 'sync.connect', {
      serverUrl: server.url,
      email: 'bart@inspectie.be',
      password: TEST_PASSWORD,
    });
    await until(
      async () => bart.services.profile.store.get('reports', finalReport)?.title ?? null,
      (title) => title === 'Eindrapport',
      'the reports on Bart’s laptop',
    );
    await call(bart.services, 'identity.set', { campaignId: seeded.campaignId, memberId: bartId ?? '' });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await anna?.stop();
    await bart?.stop();
    await server?.close();
    await handle?.destroy();
    for (const folder of [annaProfile, bartProfile]) folder.remove();
  });

  it('Bart finalises the report Anna wrote in, and both see the values the server froze', async () => {
    const annaPage = await open(anna);
    const editor = annaPage.getByRole('textbox', { name: /^Tekst van de sectie/ });
    await editor.click();
    await annaPage.keyboard.press('Control+End');
    await annaPage.keyboard.type('/swot personeel');
    await annaPage.getByRole('listbox', { name: 'Invoegen' }).waitFor();
    await annaPage.keyboard.press('Enter');
    await expect.poll(() => netwerkCount(annaPage), { timeout: 20_000 }).toBe('3 van 3');
    await annaPage.locator('[data-save-state="saved"]').waitFor();
    await pushed(anna);

    const bartPage = await open(bart);
    // Bart's laptop syncs in the background; a round more brings Anna's block sooner.
    await expect
      .poll(
        async () => {
          await call(bart.services, 'sync.now', {});
          return swotBlock(bartPage).count();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(1);
    await expect.poll(() => netwerkCount(bartPage), { timeout: 20_000 }).toBe('3 van 3');
    await bartPage.getByRole('button', { name: 'Definitief maken' }).click();
    await bartPage.getByRole('alertdialog').getByRole('button', { name: 'Definitief maken' }).click();
    await bartPage.getByText('Dit rapport is definitief', { exact: false }).waitFor({ timeout: 30_000 });
    await swotBlock(bartPage).getByText('bevroren waarden', { exact: true }).waitFor({ timeout: 20_000 });
    expect(await netwerkCount(bartPage)).toBe('3 van 3');
    await expect
      .poll(() => bartPage.getByRole('textbox', { name: /^Tekst van de sectie/ }).getAttribute('contenteditable'))
      .toBe('false');
    await screenshot(bartPage, 'reports-final-frozen-values');

    // Anna moves an item out of the lemma after the report became final: the live count drops,
    // the final report keeps what the server froze.
    const item = anna.services.profile.store.list('swot_items', {
      campaign_id: seeded.campaignId,
      text: 'Sterk lokaal netwerk',
    })[0];
    anna.services.profile.store.update('swot_items', item?.id ?? '', { lemma_id: null });
    await expect
      .poll(
        async () => {
          await call(anna.services, 'sync.now', {});
          return anna.services.profile.store.get('reports', finalReport)?.status ?? null;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe('final');
    await swotBlock(annaPage).getByText('bevroren waarden', { exact: true }).waitFor({ timeout: 20_000 });
    expect(await netwerkCount(annaPage)).toBe('3 van 3');
    await annaPage.getByText('Dit rapport is definitief', { exact: false }).waitFor();
    // The same block resolved live (outside the final report) counts what Anna's laptop holds now.
    const sections = (await call(anna.services, 'reports.get', { reportId: finalReport })).sections;
    const blocks = (
      await Promise.all(
        sections.map((section) => call(anna.services, 'reports.section.json', { sectionId: section.id })),
      )
    ).flatMap((section) => [...walkJson(section.content)].filter((node) => node.type === 'swotTable'));
    const live = await call(anna.services, 'reports.blocks.resolve', {
      campaignId: seeded.campaignId,
      reportId: null,
      blocks: blocks.map((node) => ({ type: 'swotTable' as const, attrs: node.attrs as never })),
    });
    const liveRow = live
      .flatMap((block) =>
        block.ok && block.value.type === 'swotTable' ? block.value.quadrants.flatMap((quadrant) => quadrant.rows) : [],
      )
      .find((row) => row.lemma === 'Sterk netwerk');
    expect(liveRow?.k).toBe(2);
    await screenshot(annaPage, 'reports-final-frozen-values-partner');
    expect(pageErrors).toEqual([]);
  });
});
