import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BRIDGE_INVOKE_PATH } from '../../shared/contract/constants';
import { screenshot } from '../support/browser';
import { useBrowserApp } from '../support/e2e';
import { seedAnalysis } from '../support/seed-reports';

// Nothing typed in the report screens is lost: a comment or a reply typed but not yet posted is
// kept in the draft journal (useKeptText) through a reload or a crash, and goes once posted; a
// section draft the store refused for good is not retried at every start but shown with the
// reason, to copy or discard.
describe('Report drafts through a reload, a crash and a refusal (browser mode)', () => {
  const ctx = useBrowserApp({ profilePrefix: 'veldwerk-e2e-report-drafts-', viewport: { width: 1366, height: 768 } });
  const editorOf = (on: Page): Locator => on.getByRole('textbox', { name: /^Tekst van de sectie/ });
  const commentBox = (on: Page): Locator => on.getByLabel('Je opmerking');

  async function openSection(page: Page, campaignId: string) {
    await page.goto(`${ctx.app.bridge.url}/#/campaigns/${campaignId}/reports`);
    await page.getByRole('link', { name: 'Sectorhoofdstuk Integratiecentra', exact: true }).click();
    await page
      .getByRole('navigation', { name: 'Secties' })
      // Its name starts with "Vergrendeld" once it is locked.
      .getByRole('button', { name: /Wie zijn ze\?/ })
      .click();
    await page.getByRole('heading', { level: 2, name: 'Wie zijn ze?' }).waitFor();
    await editorOf(page).waitFor();
  }

  async function seeded() {
    const seed = await seedAnalysis(ctx.app.services);
    const created = await ctx.app.services.dispatch('reports.createMissing', { campaignId: seed.campaignId });
    expect(created.ok).toBe(true);
    await ctx.openApp();
    await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await openSection(ctx.page, seed.campaignId);
    const sectionId = await ctx.page
      .getByRole('heading', { level: 2, name: 'Wie zijn ze?' })
      .evaluate((heading) => heading.id.replace(/^section-title-/, ''));
    const { reportId } = await ctx.call('reports.section.state', { sectionId, stateVector: null });
    return { ...seed, sectionId, reportId };
  }

  /** Writes a sentence in the section and waits until it is stored (a comment needs text to sit on). */
  async function writeSection(page: Page, sectionId: string, text: string) {
    await editorOf(page).click();
    await page.keyboard.type(text, { delay: 0 });
    await expect.poll(async () => (await ctx.call('reports.section.json', { sectionId })).text).toBe(text);
  }

  const openComments = (page: Page) => page.getByRole('tab', { name: /^Opmerkingen/ }).click();

  it('keeps a comment typed right before a reload, and posts it once', async () => {
    const { sectionId, reportId } = await seeded();
    await writeSection(ctx.page, sectionId, 'De centra werken nauw samen.');
    await openComments(ctx.page);
    await commentBox(ctx.page).click();
    await ctx.page.keyboard.type('Welke centra bedoelen we?', { delay: 0 });
    // Reload within 100 ms of the last key.
    await ctx.page.reload();
    await ctx.page.getByRole('heading', { level: 2, name: 'Wie zijn ze?' }).waitFor();
    await openComments(ctx.page);
    await expect.poll(() => commentBox(ctx.page).inputValue()).toBe('Welke centra bedoelen we?');
    await screenshot(ctx.page, 'report-comment-restored');

    await editorOf(ctx.page).getByText('De centra werken nauw samen.').dblclick();
    await ctx.page.getByRole('button', { name: 'Plaatsen' }).click();
    const thread = ctx.page.getByTestId('comments-panel').locator('li[data-comment-id]');
    await thread.getByText('Welke centra bedoelen we?').waitFor();
    await expect.poll(() => commentBox(ctx.page).inputValue()).toBe('');
    // The focus stays in the comment box the user posted from.
    expect(await commentBox(ctx.page).evaluate((box) => box === document.activeElement)).toBe(true);

    // A reply typed right before a reload opens its box again with the text.
    await thread.getByRole('button', { name: 'Antwoorden' }).click();
    await ctx.page.getByLabel('Je antwoord').click();
    await ctx.page.keyboard.type('De centra van Gent.', { delay: 0 });
    await ctx.page.reload();
    await ctx.page.getByRole('heading', { level: 2, name: 'Wie zijn ze?' }).waitFor();
    await openComments(ctx.page);
    await expect.poll(() => ctx.page.getByLabel('Je antwoord').inputValue()).toBe('De centra van Gent.');
    expect(await commentBox(ctx.page).inputValue()).toBe('');
    await ctx.page
      .getByTestId('comments-panel')
      .locator('form')
      .last()
      .getByRole('button', { name: 'Plaatsen' })
      .click();
    await thread.getByText('De centra van Gent.').waitFor();

    await ctx.page.reload();
    await ctx.page.getByRole('heading', { level: 2, name: 'Wie zijn ze?' }).waitFor();
    await openComments(ctx.page);
    await thread.getByText('Welke centra bedoelen we?').waitFor();
    expect(await commentBox(ctx.page).inputValue()).toBe('');
    expect(await ctx.page.getByLabel('Je antwoord').count()).toBe(0);
    const comments = await ctx.call('reports.comments.list', { reportId });
    expect(comments.map((comment) => comment.text)).toEqual(['Welke centra bedoelen we?']);
    expect(comments[0]?.replies.map((reply) => reply.text)).toEqual(['De centra van Gent.']);

    // Resolving moves the focus to what is left (here the folded list's button), not to the page's top.
    await thread.getByRole('button', { name: 'Afhandelen' }).click();
    const toggle = ctx.page.getByRole('button', { name: 'Toon 1 afgehandelde opmerking' });
    await toggle.waitFor();
    await expect.poll(() => toggle.evaluate((button) => button === document.activeElement)).toBe(true);
  });

  it('keeps a comment typed right before a crash', async () => {
    const { campaignId, sectionId } = await seeded();
    await writeSection(ctx.page, sectionId, 'De centra werken nauw samen.');
    await openComments(ctx.page);
    await commentBox(ctx.page).click();
    await ctx.page.keyboard.type('Getypt vlak voor de crash.', { delay: 0 });
    const crashed = new Promise((resolve) => ctx.page.once('crash', resolve));
    const cdp = await ctx.page.context().newCDPSession(ctx.page);
    void cdp.send('Page.crash').catch(() => undefined);
    await crashed;
    const next = await ctx.page.context().newPage();
    await next.goto(ctx.app.bridge.openUrl);
    await next.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await openSection(next, campaignId);
    await openComments(next);
    await expect.poll(() => commentBox(next).inputValue()).toBe('Getypt vlak voor de crash.');
  });

  it('keeps a send-back comment through a reload until it is cancelled', async () => {
    const seed = await seedAnalysis(ctx.app.services);
    const store = ctx.app.services.profile.store;
    await ctx.call('reports.createMissing', { campaignId: seed.campaignId });
    const report = store
      .list('reports', { campaign_id: seed.campaignId })
      .find((each) => each.title === 'Sectorhoofdstuk Integratiecentra');
    // A submitted report the team lead may send back.
    store.update('members', seed.members[0], { is_team_lead: true }, { author: seed.members[0] });
    store.update('reports', report?.id ?? '', { status: 'submitted' }, { author: seed.members[0] });
    await ctx.openApp();
    await ctx.page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await openSection(ctx.page, seed.campaignId);
    await ctx.page.getByRole('button', { name: 'Terugsturen', exact: true }).click();
    const question = ctx.page.getByLabel('Wat moet er nog gebeuren?');
    await question.click();
    await ctx.page.keyboard.type('De cijfers van Gent ontbreken.', { delay: 0 });
    await ctx.page.reload();
    await expect.poll(() => question.inputValue()).toBe('De cijfers van Gent ontbreken.');
    await ctx.page.getByRole('button', { name: 'Annuleren' }).click();
    await ctx.page.reload();
    await ctx.page.getByRole('heading', { level: 2, name: 'Wie zijn ze?' }).waitFor();
    await ctx.page.getByRole('button', { name: 'Terugsturen', exact: true }).click();
    expect(await question.inputValue()).toBe('');

    // Sent (the server's answer played here: browser mode has no server): the text goes, and the
    // focus goes to what happened, not to the page's top.
    await ctx.page.route(`**${BRIDGE_INVOKE_PATH}`, (route) =>
      (route.request().postData() ?? '').includes('"reports.workflow"')
        ? route.fulfill({
            contentType: 'application/json',
            body: JSON.stringify({ ok: true, value: { status: 'draft' } }),
          })
        : route.continue(),
    );
    await question.click();
    await ctx.page.keyboard.type('Nog een alinea over Gent.', { delay: 0 });
    await ctx.page.getByRole('button', { name: 'Terugsturen met deze opmerking' }).click();
    const sent = ctx.page.getByText('Teruggestuurd.', { exact: true });
    await sent.waitFor();
    await expect.poll(() => sent.evaluate((notice) => notice === document.activeElement)).toBe(true);
    await ctx.page.reload();
    await ctx.page.getByRole('heading', { level: 2, name: 'Wie zijn ze?' }).waitFor();
    expect(await question.count()).toBe(0);
  });

  it('shows a section draft the store refused with the reason, tries it once, and copies or discards it', async () => {
    const { campaignId, sectionId, members } = await seeded();
    await editorOf(ctx.page).click();
    await ctx.page.keyboard.type('Getypt vlak voor de vergrendeling.', { delay: 0 });
    const crashed = new Promise((resolve) => ctx.page.once('crash', resolve));
    const cdp = await ctx.page.context().newCDPSession(ctx.page);
    void cdp.send('Page.crash').catch(() => undefined);
    await crashed;
    expect((await ctx.call('reports.section.json', { sectionId })).text).toBe('');

    // Meanwhile the other member takes the section and locks it: this laptop's draft is refused.
    await ctx.call('reports.section.setOwner', { sectionId, ownerId: members[1] });
    await ctx.call('identity.set', { campaignId, memberId: members[1] });
    await ctx.call('reports.section.lock', { sectionId, locked: true });
    await ctx.call('identity.set', { campaignId, memberId: members[0] });

    const next = await ctx.page.context().newPage();
    let sectionSaves = 0;
    await next.route(`**${BRIDGE_INVOKE_PATH}`, (route) => {
      if ((route.request().postData() ?? '').includes('"reports.section.update"')) sectionSaves += 1;
      void route.continue();
    });
    await next.goto(ctx.app.bridge.openUrl);
    await next.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await openSection(next, campaignId);
    const notice = next.getByTestId('refused-draft');
    await notice.waitFor();
    expect(sectionSaves).toBe(1);
    expect(await notice.textContent()).toContain('de eigenaar heeft deze sectie vergrendeld.');
    expect(await notice.getByRole('textbox').inputValue()).toBe('Getypt vlak voor de vergrendeling.');
    // The section list marks it too, for whoever works in another section.
    const link = next.getByRole('navigation', { name: 'Secties' }).getByRole('button', { name: /Wie zijn ze\?/ });
    expect(await link.textContent()).toContain('Niet opgeslagen tekst');
    await screenshot(next, 'report-refused-draft');

    // The next start does not try it again, and still shows it.
    await next.reload();
    await next.getByRole('heading', { level: 2, name: 'Wie zijn ze?' }).waitFor();
    await notice.waitFor();
    expect(sectionSaves).toBe(1);

    await next.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ctx.app.bridge.url });
    await notice.getByRole('button', { name: 'Tekst kopiëren' }).click();
    await notice.getByText(/De tekst staat op het klembord|De tekst is geselecteerd/).waitFor();

    // Discard asks once more; "no" keeps it with the focus back on "discard".
    await notice.getByRole('button', { name: 'Weggooien' }).click();
    await notice.getByRole('button', { name: 'Nee, bewaren' }).click();
    const discard = notice.getByRole('button', { name: 'Weggooien' });
    await expect.poll(() => discard.evaluate((button) => button === document.activeElement)).toBe(true);
    await discard.click();
    await notice.getByRole('button', { name: 'Ja, weggooien' }).click();
    await notice.waitFor({ state: 'detached' });
    await expect.poll(() => link.textContent()).not.toContain('Niet opgeslagen tekst');
    // The notice went: the focus is on the section it was about.
    expect(await next.evaluate(() => document.activeElement?.id ?? '')).toBe(`section-title-${sectionId}`);
    await next.reload();
    await next.getByRole('heading', { level: 2, name: 'Wie zijn ze?' }).waitFor();
    await editorOf(next).waitFor();
    expect(await next.getByTestId('refused-draft').count()).toBe(0);
    expect(sectionSaves).toBe(1);
    expect((await ctx.call('reports.section.json', { sectionId })).text).toBe('');
  });

  it('puts a refused draft back into the text once the section is editable again', async () => {
    const { campaignId, sectionId, members } = await seeded();
    await editorOf(ctx.page).click();
    await ctx.page.keyboard.type('Getypt voor de vergrendeling.', { delay: 0 });
    const crashed = new Promise((resolve) => ctx.page.once('crash', resolve));
    const cdp = await ctx.page.context().newCDPSession(ctx.page);
    void cdp.send('Page.crash').catch(() => undefined);
    await crashed;
    await ctx.call('reports.section.setOwner', { sectionId, ownerId: members[1] });
    await ctx.call('identity.set', { campaignId, memberId: members[1] });
    await ctx.call('reports.section.lock', { sectionId, locked: true });
    await ctx.call('identity.set', { campaignId, memberId: members[0] });
    // Refused at this start (the other member's lock): set aside.
    const next = await ctx.page.context().newPage();
    await next.goto(ctx.app.bridge.openUrl);
    await next.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await openSection(next, campaignId);
    const notice = next.getByTestId('refused-draft');
    await notice.waitFor();
    expect(await notice.getByRole('button', { name: 'Terugzetten in de tekst' }).count()).toBe(0);

    // Unlocked and given back: the draft goes back into the text and is saved like typing.
    await ctx.call('identity.set', { campaignId, memberId: members[1] });
    await ctx.call('reports.section.lock', { sectionId, locked: false });
    await ctx.call('reports.section.setOwner', { sectionId, ownerId: null });
    await ctx.call('identity.set', { campaignId, memberId: members[0] });
    await next.reload();
    await next.getByRole('heading', { level: 2, name: 'Wie zijn ze?' }).waitFor();
    await notice.getByRole('button', { name: 'Terugzetten in de tekst' }).click();
    await notice.waitFor({ state: 'detached' });
    await expect.poll(() => editorOf(next).textContent()).toBe('Getypt voor de vergrendeling.');
    await expect
      .poll(async () => (await ctx.call('reports.section.json', { sectionId })).text)
      .toBe('Getypt voor de vergrendeling.');
    await next.reload();
    await next.getByRole('heading', { level: 2, name: 'Wie zijn ze?' }).waitFor();
    await expect.poll(() => editorOf(next).textContent()).toBe('Getypt voor de vergrendeling.');
    expect(await next.getByTestId('refused-draft').count()).toBe(0);
  });
});
