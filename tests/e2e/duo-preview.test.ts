import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from '../support/browser';
import { useBrowserApp } from '../support/e2e';
import { seedFieldwork } from '../support/seed';
import type { Services } from '../../services/runtime';
import { call, exportDuoFile, importTrustingMaker } from '../support/services';
import { startPartnerApp } from '../support/web-app';

// Issue 10 (sync trust): before a duo file is imported, the synchronisation dialog shows who made
// it and whether its signature checks out, which campaigns it holds (new ones each with a consent
// box) and how many changes it carries. Bart's laptop holds the duo's first campaign and chose
// nobody as "Ik ben", so Anna's second campaign is one the services take only with his consent.
describe('the duo file preview before import (browser mode)', () => {
  const ctx = useBrowserApp({ profilePrefix: 'veldwerk-e2e-duo-preview-', viewport: { width: 1366, height: 768 } });

  const countChanges = (services: Services): number => services.profile.store.changesAfter(0, 1_000_000).length;

  /** Anna's laptop with two campaigns; Bart has the first one. Returns the second one's file (a signed duo file). */
  async function partnerWithSecondCampaign(): Promise<{
    secondId: string;
    file: { name: string; mimeType: string; buffer: Buffer };
    count: number;
  }> {
    const anna = await startPartnerApp('veldwerk-e2e-duo-preview-anna-');
    const bart = ctx.app.services;
    const first = await seedFieldwork(anna.services, { visits: 1 });
    const firstFile = await exportDuoFile(anna.services, first.campaignId);
    expect(await importTrustingMaker(bart, firstFile.base64)).toMatchObject({ state: 'done' });
    const second = await call(anna.services, 'campaigns.create', { name: 'Opvolging 2027', workingYear: '2026-2027' });
    const member = await call(anna.services, 'members.add', {
      campaignId: second.id,
      name: 'Anna Peeters',
      email: 'anna@inspectie.be',
      isInspector: true,
      isTeamLead: true,
      coordinatorOf: [],
      sectorLeadOf: [],
    });
    await call(anna.services, 'identity.set', { campaignId: second.id, memberId: member.id });
    const exported = await exportDuoFile(anna.services, second.id);
    return {
      secondId: second.id,
      count: exported.count,
      file: {
        name: 'opvolging.vwb',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from(exported.base64, 'base64'),
      },
    };
  }

  async function openExchange(page: Page) {
    await ctx.openApp();
    await page.getByTestId('campaign-list').getByText('Doorlichting integratie').waitFor();
    await page.getByTestId('sync-indicator').click();
    return page.getByRole('dialog', { name: 'Synchronisatie' }).getByTestId('duo-exchange');
  }

  it('shows maker, campaigns and changes, and takes the new campaign in at once after consent', async () => {
    const { secondId, file, count } = await partnerWithSecondCampaign();
    const bart = ctx.app.services;
    const exchange = await openExchange(ctx.page);
    await exchange.getByTestId('duo-import-file').setInputFiles(file);
    const preview = exchange.getByTestId('duo-maker');
    await preview.getByRole('heading', { name: 'Wie maakte dit bestand?' }).waitFor();
    const said = (await preview.textContent()) ?? '';
    expect(said).toContain('Gemaakt door Anna Peeters');
    expect(said).toContain('Deze laptop ken je');
    expect(await preview.getByTestId('duo-verified').textContent()).toBe('✓ Handtekening geverifieerd');
    expect(await preview.getByTestId('duo-change-count').textContent()).toBe(`${count} wijzigingen in 1 campagne.`);
    const campaign = preview.getByTestId('duo-campaign');
    expect(await campaign.textContent()).toContain('Opvolging 2027');
    expect(await campaign.textContent()).toContain('Nieuw op deze laptop');
    const consent = preview.getByLabel('Neem campagne Opvolging 2027 op deze laptop op');
    // Consent is not given for the person: the import waits for it.
    expect(await consent.isChecked()).toBe(false);
    const importButton = preview.getByRole('button', { name: 'Importeren', exact: true });
    expect(await importButton.isDisabled()).toBe(true);
    await expect.poll(() => preview.isVisible()).toBe(true);
    await screenshot(ctx.page, 'duo-preview-consent-nl');

    await consent.check();
    expect(await importButton.isEnabled()).toBe(true);
    expect(await preview.getByTestId('duo-declined').count()).toBe(0);
    await importButton.click();
    await exchange.getByText(/wijzigingen gelezen: \d+ nieuw, 0 al aanwezig/).waitFor();
    await screenshot(ctx.page, 'duo-preview-imported-nl');
    await ctx.page.keyboard.press('Escape');
    // At once, without a reload.
    await ctx.page.getByTestId('campaign-list').getByText('Opvolging 2027').waitFor();
    expect(bart.profile.store.knownCampaigns()).toContain(secondId);
    expect(ctx.pageErrors).toEqual([]);
  });

  it('shows the preview in English too', async () => {
    const { file, count } = await partnerWithSecondCampaign();
    await ctx.openApp();
    await ctx.page.getByLabel('Taal').selectOption('en');
    await ctx.page.getByTestId('sync-indicator').click();
    const exchange = ctx.page.getByRole('dialog', { name: 'Synchronisation' }).getByTestId('duo-exchange');
    await exchange.getByTestId('duo-import-file').setInputFiles(file);
    const preview = exchange.getByTestId('duo-maker');
    await preview.getByRole('heading', { name: 'Who made this file?' }).waitFor();
    expect(await preview.getByTestId('duo-verified').textContent()).toBe('✓ Signature verified');
    expect(await preview.getByTestId('duo-change-count').textContent()).toBe(`${count} changes in 1 campaign.`);
    expect(await preview.getByTestId('duo-campaign').textContent()).toContain('New on this laptop');
    await preview.getByLabel('Take campaign Opvolging 2027 onto this laptop').waitFor();
    expect(await preview.getByTestId('duo-declined').textContent()).toContain(
      'To import this file, take Opvolging 2027',
    );
    await expect.poll(() => preview.isVisible()).toBe(true);
    await screenshot(ctx.page, 'duo-preview-consent-en');
    expect(ctx.pageErrors).toEqual([]);
  });

  it('imports nothing of a file whose new campaign is declined', async () => {
    const { secondId, file } = await partnerWithSecondCampaign();
    const bart = ctx.app.services;
    const before = countChanges(bart);
    const exchange = await openExchange(ctx.page);
    await exchange.getByTestId('duo-import-file').setInputFiles(file);
    const preview = exchange.getByTestId('duo-maker');
    const consent = preview.getByLabel('Neem campagne Opvolging 2027 op deze laptop op');
    await consent.waitFor();
    // Ticked and taken back: declined.
    await consent.check();
    await consent.uncheck();
    const declined = preview.getByTestId('duo-declined');
    await declined.waitFor();
    expect(await declined.textContent()).toContain(
      'Om dit bestand te importeren, neem je Opvolging 2027 op deze laptop op.',
    );
    expect(await preview.getByRole('button', { name: 'Importeren', exact: true }).isDisabled()).toBe(true);
    await screenshot(ctx.page, 'duo-preview-declined-nl');
    await preview.getByRole('button', { name: 'Niet importeren' }).click();
    await exchange.getByText('Niet geïmporteerd: er is niets veranderd.').waitFor();
    expect(await exchange.getByTestId('duo-maker').count()).toBe(0);
    expect(countChanges(bart)).toBe(before);
    expect(bart.profile.store.knownCampaigns()).not.toContain(secondId);
    await ctx.page.keyboard.press('Escape');
    expect(await ctx.page.getByTestId('campaign-list').getByText('Opvolging 2027').count()).toBe(0);
    expect(ctx.pageErrors).toEqual([]);
  });

  it('flags a file changed after it was signed as not verified and offers no import', async () => {
    const { secondId, file } = await partnerWithSecondCampaign();
    const bart = ctx.app.services;
    const before = countChanges(bart);
    // One byte of the signed bundle changed on the way (the header, and its signature, untouched).
    const tampered = Buffer.from(file.buffer);
    const last = tampered.length - 1;
    tampered[last] = (tampered[last] ?? 0) ^ 0xff;
    const exchange = await openExchange(ctx.page);
    await exchange.getByTestId('duo-import-file').setInputFiles({ ...file, buffer: tampered });
    const refused = exchange.getByTestId('duo-refused');
    await refused.getByRole('heading', { name: 'Niet geverifieerd: dit bestand wordt niet geïmporteerd' }).waitFor();
    const said = (await refused.textContent()) ?? '';
    expect(said).toContain('✗ Handtekening niet geverifieerd');
    expect(said).toContain('Reden: het bestand werd gewijzigd nadat de maker het ondertekende.');
    expect(said).toContain('Er is niets veranderd op deze laptop.');
    // Nothing to confirm: no preview, no import button.
    expect(await exchange.getByTestId('duo-maker').count()).toBe(0);
    expect(await refused.getByRole('button', { name: /importeren/i }).count()).toBe(0);
    await expect.poll(() => refused.isVisible()).toBe(true);
    await screenshot(ctx.page, 'duo-preview-tampered-nl');
    expect(countChanges(bart)).toBe(before);
    expect(bart.profile.store.knownCampaigns()).not.toContain(secondId);
    await refused.getByRole('button', { name: 'Sluiten' }).click();
    expect(await exchange.getByTestId('duo-refused').count()).toBe(0);
    expect(ctx.pageErrors).toEqual([]);
  });
});
