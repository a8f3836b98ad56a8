import { describe, expect, it } from 'vitest';
import { useBrowserApp } from '../support/e2e';
import { seedFieldwork } from '../support/seed';

// A CSV saved by Excel on Belgian Windows (Windows-1252) is read as what it is: the preview says
// which encoding was used and the organisation is imported as "Brügge", never "Br�gge".
describe('CSV import reads the file in its own encoding (browser mode)', () => {
  const ctx = useBrowserApp({ profilePrefix: 'veldwerk-e2e-import-' });

  it('imports a Windows-1252 CSV without garbling it and says how it was read', async () => {
    const seeded = await seedFieldwork(ctx.app.services);
    const csv = 'naam;sector;regio;adres;contact\nHuis van het Nederlands Brügge;HvN;Gent;Markt 1, 8000 Brügge;\n';
    const bytes = Buffer.from([...csv].map((char) => (char === 'ü' ? 0xfc : char.charCodeAt(0))));
    await ctx.openApp();
    await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await ctx.page.goto(`${ctx.app.bridge.url}/#/campaigns/${seeded.campaignId}/setup/organisations`);
    await ctx.page
      .locator('input[type=file][accept*="csv"]')
      .setInputFiles({ name: 'organisaties.csv', mimeType: 'text/csv', buffer: bytes });
    await ctx.page.getByTestId('import-encoding').getByText('Gelezen als Windows-1252 (Excel op Windows).').waitFor();
    await ctx.page.getByRole('button', { name: 'Voorbeeld bekijken' }).click();
    await ctx.page.getByTestId('import-preview').getByText('Huis van het Nederlands Brügge').waitFor();
    await ctx.page.getByRole('button', { name: '1 organisatie importeren' }).click();
    await expect
      .poll(() =>
        ctx.app.services.profile.store.list('organisations', { campaign_id: seeded.campaignId }).map((row) => row.name),
      )
      .toContain('Huis van het Nederlands Brügge');
    expect(
      ctx.app.services.profile.store
        .list('organisations', { campaign_id: seeded.campaignId })
        .find((row) => row.name?.includes('Nederlands'))?.address,
    ).toBe('Markt 1, 8000 Brügge');
  });
});
