import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, screenshot } from '../support/browser';
import { tempDir } from '../support/profile';
import { seedFieldwork, type SeededCampaign } from '../support/seed';
import { startWebApp, type WebApp } from '../support/web-app';

// The SWOT work of a duo in Chromium: capture items in two conversations, cluster them by drag
// and by keyboard, watch scores and heat map follow, accept a suggestion, write a narrative,
// and fill the team's own SWOT.
describe('SWOT screens in Chromium (browser mode)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let app: WebApp;
  let seeded: SeededCampaign;
  const profile = tempDir('veldwerk-e2e-swot-');
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!chromiumAvailable())
      throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium"`);
    browser = await launchChromium();
    app = await startWebApp(profile.dir);
    seeded = await seedFieldwork(app.services);
    context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'nl-BE' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(app.bridge.openUrl);
    await page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await page.goto(`${app.bridge.url}/#/campaigns/${seeded.campaignId}/swot`);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.stop();
    profile.remove();
  });

  const quadrant = (name: string) => page.getByTestId(`capture-${name}`);
  async function type(where: string, text: string) {
    const input = quadrant(where).getByRole('textbox');
    await input.fill(text);
    await input.press('Enter');
    await quadrant(where).getByText(text, { exact: true }).waitFor();
    await expect.poll(() => input.inputValue()).toBe('');
  }
  const item = (text: string): Locator => page.locator(`[data-item-text="${text}"] [data-item-handle]`);

  it('captures the SWOT of two conversations, keyboard-first', async () => {
    await page.getByRole('tab', { name: 'Vastleggen per gesprek' }).click();
    await page.getByTestId('swot-capture').waitFor();
    await type('strengths', 'Sterk netwerk met lokale besturen');
    await type('strengths', 'Goede samenwerking met scholen');
    await type('weaknesses', 'Lange wachtlijsten voor cursussen');
    // Alt+ArrowDown moves the focused item from weaknesses to threats, below it.
    await quadrant('weaknesses').locator('[data-capture-item]').filter({ hasText: 'Lange wachtlijsten' }).focus();
    await page.keyboard.press('Alt+ArrowDown');
    await quadrant('threats').getByText('Lange wachtlijsten voor cursussen').waitFor();
    expect(await quadrant('weaknesses').getByRole('listitem').count()).toBe(0);
    await screenshot(page, 'swot-capture-conversation-1');

    await page.getByLabel('Gesprek', { exact: true }).selectOption({ index: 1 });
    await type('strengths', 'Netwerk met lokale besturen is sterk');
    await type('strengths', 'Samenwerking met de scholen loopt goed');
    await type('threats', 'Wachtlijsten voor de cursussen zijn lang');
    await type('opportunities', 'Nieuwe subsidies');
    await screenshot(page, 'swot-capture-conversation-2');
  });

  it('clusters by drag and by keyboard, and the scores and heat map follow', async () => {
    await page.getByRole('tab', { name: 'Clusteren en scoren' }).click();
    await page.getByTestId('cluster-board').waitFor();
    await page.getByText('2 gesprekken, 7 items, 0 lemma’s.').waitFor();
    await screenshot(page, 'swot-board-unclustered');

    // Drag one item onto another: a lemma of both, mentioned in 2 of 2 conversations.
    const source = await item('Sterk netwerk met lokale besturen').boundingBox();
    const target = await item('Netwerk met lokale besturen is sterk').boundingBox();
    if (!source || !target) throw new Error('items not on screen');
    await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
    await page.mouse.down();
    await page.mouse.move(source.x + source.width / 2 + 10, source.y + source.height / 2 + 10, { steps: 5 });
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 15 });
    await page.mouse.up();
    const strengths = page.getByTestId('score-table-strengths');
    await strengths.getByText('10,0').waitFor();
    await expect.poll(() => strengths.getByRole('row').nth(1).textContent()).toContain('2 van 2');
    await screenshot(page, 'swot-board-after-drag');

    // Keyboard: Space lifts an item, arrows move it to the next target, Space drops it.
    const handle = item('Goede samenwerking met scholen');
    await handle.focus();
    const live = page.locator('[id^="DndLiveRegion"]');
    await page.keyboard.press('Space');
    await expect.poll(() => live.textContent()).toContain('„Goede samenwerking met scholen”');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => live.textContent()).toContain('boven item „Samenwerking met de scholen loopt goed”');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('quadrant-strengths').locator('[data-lemma-id]').count()).toBe(2);
    await expect.poll(() => strengths.getByRole('row').count()).toBe(3);
    expect(await strengths.textContent()).not.toContain('–');
    // The heat map has a row per retained lemma, a column per conversation.
    await page.getByRole('tab', { name: 'Lemma × gesprek' }).click();
    const heatmap = page.getByTestId('heatmap');
    await expect.poll(() => heatmap.locator('tbody tr').count()).toBe(2);
    expect(await heatmap.locator('thead th').count()).toBe(3);
    await screenshot(page, 'swot-board-after-keyboard');
  });

  it('accepts a suggestion, writes a narrative and keeps it across a reload', async () => {
    await page.getByRole('tab', { name: 'Suggesties' }).click();
    await page.getByRole('button', { name: 'Suggesties berekenen' }).click();
    const suggestion = page
      .getByTestId('suggestions')
      .locator('[data-suggestion]')
      .filter({ hasText: 'Wachtlijsten' })
      .first();
    await suggestion.waitFor();
    // Each suggestion says why: the words its items share.
    await suggestion.getByText('omdat: wachtlijsten', { exact: false }).waitFor();
    await screenshot(page, 'swot-suggestions');
    await suggestion.getByRole('button', { name: 'Aanvaarden' }).click();
    await page.getByRole('tab', { name: 'Scores' }).click();
    const threats = page.getByTestId('score-table-threats');
    await threats.getByText('10,0').waitFor();
    expect(await page.getByTestId('not-retained').textContent()).toContain('Nieuwe subsidies');

    const card = page.getByTestId('quadrant-threats').locator('[data-lemma-id]').first();
    const narrative = 'Organisaties melden lange wachttijden voor de cursussen Nederlands.';
    await card.getByLabel('Toelichting').fill(narrative);
    await card.getByText('Bewaard om', { exact: false }).waitFor();
    // Real state instead of a fixed wait: the narrative is in the profile's database.
    await expect
      .poll(() =>
        app.services.profile.store
          .list('lemmas', { campaign_id: seeded.campaignId })
          .some((lemma) => lemma.narrative === narrative),
      )
      .toBe(true);
    await card.getByText('Bewaard om', { exact: false }).waitFor();
    await page.reload();
    await page.getByRole('tab', { name: 'Clusteren en scoren' }).waitFor();
    await page.getByTestId('cluster-board').waitFor();
    await expect
      .poll(() =>
        page.getByTestId('quadrant-threats').locator('[data-lemma-id]').first().getByLabel('Toelichting').inputValue(),
      )
      .toBe(narrative);
    await screenshot(page, 'swot-board-narrative');
  });

  it('fills the team SWOT with exactly five lemmas per quadrant', async () => {
    await page.getByRole('tab', { name: 'SWOT van het team' }).click();
    const strengths = page.getByTestId('team-strengths');
    await strengths.getByText('Nog 5 lemma’s nodig.').waitFor();
    for (const name of ['Netwerk', 'Aanbod op maat', 'Expertise', 'Bereik', 'Betrokken personeel']) {
      await strengths.getByRole('textbox').fill(name);
      await strengths.getByRole('textbox').press('Enter');
      await strengths.getByText(name, { exact: true }).waitFor();
    }
    await strengths.getByText('Compleet: vijf lemma’s.').waitFor();
    expect(await strengths.getByRole('textbox').isDisabled()).toBe(true);
    expect(await strengths.getByRole('list').locator('li span').allTextContents()).toEqual([
      'Aanbod op maat',
      'Bereik',
      'Betrokken personeel',
      'Expertise',
      'Netwerk',
    ]);
    await screenshot(page, 'swot-team');
    expect(pageErrors).toEqual([]);
  });
});
