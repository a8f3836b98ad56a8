import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listNotes } from '../../db/repositories/fieldwork';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, screenshot } from '../support/browser';
import { tempDir } from '../support/profile';
import { call } from '../support/services';
import { seedFieldwork, type SeededCampaign } from '../support/seed';
import { startWebApp, type WebApp } from '../support/web-app';

// Two laptops of a duo in one room, no server: two browser-mode apps on 127.0.0.1 find each
// other by mDNS (a port of this test's own) in the synchronisation dialog, pair by comparing
// the code both screens show, and exchange the campaign and then an edit over the network.
describe('duo sync over the local network in Chromium', () => {
  const mdnsPort = 46_000 + (process.pid % 2000);
  const lan = { host: '127.0.0.1', mdnsPort };
  const folders = [tempDir('veldwerk-e2e-lan-anna-'), tempDir('veldwerk-e2e-lan-bart-')];
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let browser: Browser;
  let anna: WebApp;
  let bart: WebApp;
  let seeded: SeededCampaign;

  async function open(app: WebApp): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'nl-BE' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(app.bridge.openUrl);
    await page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await page.getByTestId('sync-indicator').click();
    await page.getByRole('dialog', { name: 'Synchronisatie' }).waitFor();
    return page;
  }

  const section = (page: Page) => page.getByTestId('lan-exchange');

  beforeAll(async () => {
    if (!chromiumAvailable())
      throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium"`);
    browser = await launchChromium();
    anna = await startWebApp(folders[0]!.dir, { lan });
    bart = await startWebApp(folders[1]!.dir, { lan });
    seeded = await seedFieldwork(anna.services);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await anna?.stop();
    await bart?.stop();
    for (const folder of folders) folder.remove();
  });

  it('finds the partner, pairs by one code, and brings the campaign and an edit across', async () => {
    const onAnna = await open(anna);
    const onBart = await open(bart);
    await section(onAnna).getByRole('button', { name: 'Zichtbaar worden en zoeken' }).click();
    await section(onBart).getByRole('button', { name: 'Zichtbaar worden en zoeken' }).click();
    await section(onAnna).getByTestId('lan-listening').waitFor();

    const annaShort = (await call(anna.services, 'lan.status', {})).fingerprintShort;
    const bartShort = (await call(bart.services, 'lan.status', {})).fingerprintShort;
    // Bart's laptop sees Anna's, not paired yet.
    const pairButton = section(onBart).getByRole('button', { name: `Koppelen met laptop ${annaShort}` });
    await pairButton.waitFor({ timeout: 20_000 });
    await expect
      .poll(() => section(onBart).getByRole('list', { name: 'Laptops in de buurt' }).textContent())
      .toContain('niet gekoppeld');
    await screenshot(onBart, 'lan-nearby-nl');
    await pairButton.click();

    // Both screens show the same code; both people say so.
    const codeOf = async (page: Page) => {
      const group = page.getByRole('group', { name: 'Vergelijk de code' });
      await group.waitFor({ timeout: 20_000 });
      return (await group.getByText(/^\d{3} \d{3}$/).textContent()) ?? '';
    };
    const [codeAnna, codeBart] = await Promise.all([codeOf(onAnna), codeOf(onBart)]);
    expect(codeAnna).toMatch(/^\d{3} \d{3}$/);
    expect(codeBart).toBe(codeAnna);
    await screenshot(onAnna, 'lan-code-nl');
    await onAnna.getByRole('button', { name: 'Ja, dezelfde code' }).click();
    await onBart.getByRole('button', { name: 'Ja, dezelfde code' }).click();
    await expect
      .poll(() => section(onBart).getByTestId('lan-outcome').textContent(), { timeout: 20_000 })
      .toContain(`Gekoppeld met laptop ${annaShort}`);
    await expect
      .poll(() => section(onAnna).getByTestId('lan-outcome').textContent(), { timeout: 20_000 })
      .toContain(`Gekoppeld met laptop ${bartShort}`);
    await section(onAnna).getByRole('list', { name: 'Gekoppelde laptops' }).waitFor();

    // Bart syncs: the campaign arrives on his laptop, no file, no server.
    await section(onBart)
      .getByRole('button', { name: `Synchroniseren met laptop ${annaShort}` })
      .click();
    await expect
      .poll(() => section(onBart).getByTestId('lan-outcome').textContent(), { timeout: 30_000 })
      .toContain(`Gesynchroniseerd met laptop ${annaShort}`);
    const firstOutcome = await section(onBart).getByTestId('lan-outcome').textContent();
    expect(firstOutcome).toMatch(/wijzigingen ontvangen \(\d+ nieuw/);
    await screenshot(onBart, 'lan-synced-nl');
    await onBart.getByRole('button', { name: 'Sluiten' }).click();
    await onBart.getByRole('link', { name: /Doorlichting integratie/ }).waitFor();

    // Anna writes a note; Bart's next sync brings exactly that one edit.
    const text = 'Via het netwerk: de partners zijn tevreden.';
    await call(anna.services, 'notes.save', {
      conversationId: seeded.conversations[0]!,
      guidingQuestionId: null,
      text,
    });
    // The dialog, opened again, starts listening again when asked; Anna's laptop is found again.
    await onBart.getByTestId('sync-indicator').click();
    await section(onBart).getByRole('button', { name: 'Zichtbaar worden en zoeken' }).click();
    await section(onBart)
      .getByRole('button', { name: `Synchroniseren met laptop ${annaShort}` })
      .click({ timeout: 20_000 });
    await expect
      .poll(() => listNotes(bart.services.profile.store, seeded.conversations[0]!).map((note) => note.text), {
        timeout: 30_000,
      })
      .toContain(text);
    // The screen tells this round's outcome: the few changes of one note, all new.
    await expect
      .poll(() => section(onBart).getByTestId('lan-outcome').textContent(), { timeout: 30_000 })
      .not.toBe(firstOutcome);
    expect(await section(onBart).getByTestId('lan-outcome').textContent()).toMatch(
      /Gesynchroniseerd met laptop .*\. (\d+) wijzigingen? ontvangen \(\1 nieuw hier\)/,
    );

    // Closing the dialog stops listening.
    await onBart.getByRole('button', { name: 'Sluiten' }).click();
    await expect.poll(async () => (await call(bart.services, 'lan.status', {})).open).toBe(false);
    expect(pageErrors).toEqual([]);
  });
});
