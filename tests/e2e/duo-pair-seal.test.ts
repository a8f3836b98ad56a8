import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { useBrowserApp } from '../support/e2e';
import { seedFieldwork } from '../support/seed';
import { call, importTrustingMaker, pairLaptops, until } from '../support/services';
import { startPartnerApp } from '../support/web-app';

// Issue 12: a duo file made for the partner this laptop paired with over the network is sealed
// with the pairing key: nobody types a passphrase, on either laptop.
describe('duo files for the paired partner, with no passphrase (browser mode)', () => {
  const ctx = useBrowserApp({
    profilePrefix: 'veldwerk-e2e-duo-pair-',
    viewport: { width: 1366, height: 768 },
    acceptDownloads: true,
  });

  it('exports for the paired partner without a passphrase, and says for whom', async () => {
    const anna = ctx.app.services;
    const seeded = await seedFieldwork(anna, { visits: 1 });
    const bart = await startPartnerApp('veldwerk-e2e-duo-pair-bart-');
    await pairLaptops(anna.profile, bart.services.profile);
    const bartNode = bart.services.profile.store.node;

    await ctx.openApp();
    await ctx.page.getByTestId('sync-indicator').click();
    const exchange = ctx.page.getByRole('dialog', { name: 'Synchronisatie' }).getByTestId('duo-exchange');
    await exchange.getByLabel('Voor', { exact: true }).selectOption(bartNode);
    await expect
      .poll(() => exchange.getByTestId('duo-paired-hint').textContent())
      .toContain('zonder wachtzin wordt het bestand versleuteld met de sleutel die jullie laptops delen');
    expect(await exchange.getByTestId('duo-passphrase').inputValue()).toBe('');
    await exchange.getByTestId('duo-paired-hint').scrollIntoViewIfNeeded();
    await screenshot(ctx.page, 'duo-pair-seal-export-nl');
    const [download] = await Promise.all([
      ctx.page.waitForEvent('download'),
      exchange.getByRole('button', { name: 'Exporteren' }).click(),
    ]);
    await exchange.getByText(/geëxporteerd naar .*, versleuteld voor de laptop van je duopartner\./).waitFor();
    const file = path.join(bart.dir, 'voor-bart.vwb');
    await download.saveAs(file);

    // Bart opens it with nothing typed; a laptop Anna is not paired with cannot.
    const base64 = readFileSync(file).toString('base64');
    const done = await importTrustingMaker(bart.services, base64);
    expect(done).toMatchObject({ state: 'done' });
    expect(bart.services.profile.store.get('campaigns', seeded.campaignId)).toBeTruthy();
    const stranger = await startPartnerApp('veldwerk-e2e-duo-pair-stranger-');
    const refused = await stranger.services.dispatch('duo.inspect', { base64 });
    expect(refused.ok).toBe(false);
    expect(ctx.pageErrors).toEqual([]);
  });

  it('imports a file sealed for this laptop with no passphrase typed', async () => {
    const bart = ctx.app.services;
    const anna = await startPartnerApp('veldwerk-e2e-duo-pair-anna-');
    await seedFieldwork(anna.services, { visits: 1 });
    await pairLaptops(anna.services.profile, bart.profile);
    const campaignId = anna.services.profile.store.knownCampaigns()[0]!;
    const { jobId } = await call(anna.services, 'duo.export', { campaignId, forPeer: bart.profile.store.node });
    const job = await until(
      () => call(anna.services, 'jobs.export', { jobId }),
      (view) => view.state !== 'running',
      'the export',
    );
    expect(job.result?.sealed).toBe('pair');
    const file = path.join(anna.dir, 'van-anna.vwb');
    writeFileSync(file, Buffer.from(job.result!.base64, 'base64'));

    await ctx.openApp();
    await ctx.page.getByTestId('sync-indicator').click();
    const exchange = ctx.page.getByRole('dialog', { name: 'Synchronisatie' }).getByTestId('duo-exchange');
    await exchange.getByTestId('duo-import-file').setInputFiles(file);
    const maker = exchange.getByTestId('duo-maker');
    await maker.getByRole('heading', { name: 'Wie maakte dit bestand?' }).waitFor();
    expect((await maker.textContent()) ?? '').toContain('Gemaakt door Anna Peeters');
    await screenshot(ctx.page, 'duo-pair-seal-import-nl');
    // A laptop paired by the code is known: its file needs no fingerprint check either.
    expect((await maker.textContent()) ?? '').not.toContain('vingerafdruk klopt');
    await maker.getByRole('button', { name: 'Importeren', exact: true }).click();
    await exchange.getByText(/wijzigingen gelezen: \d+ nieuw, 0 al aanwezig/).waitFor();
    await ctx.page.keyboard.press('Escape');
    await ctx.page.getByTestId('campaign-list').getByText('Doorlichting integratie').waitFor();
    expect(ctx.pageErrors).toEqual([]);
  });
});
