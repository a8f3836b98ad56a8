import { describe, expect, it } from 'vitest';
import { startServices } from '../../services/runtime';
import { screenshot } from '../support/browser';
import { seedConcurrentEdits } from '../support/conflict-seed';
import { useBrowserApp } from '../support/e2e';
import { tempDir, testProfileKey } from '../support/profile';
import { DUO_TEST_PASSPHRASE, call, exchangeDuoFile, exportDuoFile } from '../support/services';

// The duo partner's file brings concurrent edits of an address and a visit status: the import
// says they were resolved automatically, the conflicts panel names the records and keeps the
// losing values, and "Terugzetten" restores one through the store so it reaches the partner.
describe('automatic resolutions of a duo merge (browser mode)', () => {
  const ctx = useBrowserApp({ profilePrefix: 'veldwerk-e2e-conflicts-', viewport: { width: 1366, height: 768 } });

  it('shows what the last writer replaced and restores it in one click', async () => {
    const partnerFolder = tempDir('veldwerk-e2e-conflicts-partner-');
    const partner = startServices({
      profileDir: partnerFolder.dir,
      key: testProfileKey(partnerFolder.dir),
      transport: 'http',
      backgroundSync: false,
    });
    try {
      const mine = ctx.app.services;
      const { campaignId, organisationId } = await seedConcurrentEdits(mine, partner);
      const file = await exportDuoFile(partner, campaignId, mine.profile.store.node);

      await ctx.openApp();
      await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
      await ctx.page.goto(`${ctx.app.bridge.url}/#/campaigns/${campaignId}/setup`);
      await ctx.page.getByTestId('sync-indicator').click();
      const exchange = ctx.page.getByRole('dialog', { name: 'Synchronisatie' }).getByTestId('duo-exchange');
      await exchange.getByLabel('Wachtzin voor het uitwisselbestand').fill(DUO_TEST_PASSPHRASE);
      await exchange.getByTestId('duo-import-file').setInputFiles({
        name: file.fileName,
        mimeType: 'application/octet-stream',
        buffer: Buffer.from(file.base64, 'base64'),
      });
      // The first file of the partner's laptop: its fingerprint is confirmed once.
      await exchange
        .getByTestId('duo-maker')
        .getByRole('button', { name: 'De vingerafdruk klopt, importeren' })
        .click();
      await exchange
        .getByText('2 wijzigingen automatisch opgelost (de laatste bleef): bekijk ze bij Conflicten.', {
          exact: false,
        })
        .waitFor();
      await ctx.page.keyboard.press('Escape');

      const nav = ctx.page.getByRole('navigation', { name: 'Onderdelen van de campagne' });
      await nav.getByTestId('nav-count').getByText('2 open').waitFor();
      await nav.getByRole('link', { name: /Conflicten/ }).click();
      const cards = ctx.page.getByTestId('conflict-card');
      await expect.poll(() => cards.count()).toBe(2);
      const address = cards.filter({ hasText: 'Adres' });
      expect(await address.getByTestId('conflict-record').textContent()).toBe('Huis van het Nederlands');
      await address.getByText('Die van Bert Claes is bewaard; de jouwe was').waitFor();
      await address.getByText('„Stationsstraat 4”').waitFor();
      const status = cards.filter({ hasText: 'Status' });
      await status.getByText('12 maart 2026').waitFor();
      await status.getByText('„Afgerond”').waitFor();
      await status.getByText('„Geannuleerd”').waitFor();
      await screenshot(ctx.page, 'conflicts-automatic-1366-nl');

      await address
        .getByRole('button', { name: 'Adres van Huis van het Nederlands terugzetten naar „Stationsstraat 4”' })
        .click();
      await ctx.page
        .getByRole('status')
        .getByText('Adres van Huis van het Nederlands teruggezet naar „Stationsstraat 4”.')
        .waitFor();
      await expect.poll(() => cards.count()).toBe(1);
      expect(mine.profile.store.get('organisations', organisationId)?.address).toBe('Stationsstraat 4');
      await screenshot(ctx.page, 'conflicts-restored-1366-nl');

      // The restore is an edit like any other: it reaches the partner and closes the conflict there.
      await exchangeDuoFile(mine, partner, campaignId);
      expect(partner.profile.store.get('organisations', organisationId)?.address).toBe('Stationsstraat 4');
      expect((await call(partner, 'conflicts.list', { campaignId })).map((view) => view.column)).toEqual(['status']);
      expect(ctx.pageErrors).toEqual([]);
    } finally {
      await partner.close();
      partnerFolder.remove();
    }
  });
});
