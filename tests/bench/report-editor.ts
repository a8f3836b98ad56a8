import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { editSection } from '../../shared/report/document';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium } from '../support/browser';
import { tempDir } from '../support/profile';
import { seedFieldwork } from '../support/seed';
import { median, round } from '../support/stats';
import { startWebApp } from '../support/web-app';

/**
 * Issue 16's editor in browser mode (real Chromium against the built renderer, the services and
 * SQLite behind the bridge), on a 50-page section (about 25,000 words: 600 paragraphs of about
 * 40 words with a heading every 12): (a) opening the section until its last paragraph is in the
 * editor; (b) typing in the middle of it, keystroke to painted (keydown to the first task after
 * the next animation frame, i.e. after the frame that shows the character), median and p95;
 * (c) last keystroke of a burst to the durable save (the store answered the batched update:
 * SQLite, synchronous=FULL). Needs `npm run build:renderer`.
 */
const PARAGRAPHS = 600;
const WORDS = [
  'inspectie',
  'centrum',
  'samenwerking',
  'wachtlijst',
  'vrijwilligers',
  'onthaal',
  'traject',
  'netwerk',
  'kwaliteit',
  'gemeente',
];

function paragraphText(index: number): string {
  const words: string[] = [];
  for (let word = 0; word < 40; word += 1) words.push(WORDS[(index * 7 + word * 3) % WORDS.length] as string);
  return `Alinea ${index}: ${words.join(' ')}.`;
}

/** A 50-page section as one Yjs update (as if typed over weeks): headings and paragraphs. */
function fiftyPages(clientId: number): Uint8Array {
  return editSection(null, clientId, (fragment) => {
    const nodes: Y.XmlElement[] = [];
    for (let index = 0; index < PARAGRAPHS; index += 1) {
      if (index % 12 === 0) {
        const heading = new Y.XmlElement('heading');
        heading.setAttribute('level', 2 as never);
        heading.insert(0, [new Y.XmlText(`Deel ${index / 12 + 1}`)]);
        nodes.push(heading);
      }
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(paragraphText(index))]);
      nodes.push(paragraph);
    }
    fragment.insert(0, nodes);
  }).update;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Installs the keystroke-to-painted probe in the page: every keydown's time until after its frame. */
async function installProbe(page: Page): Promise<void> {
  // A string, not a function: the bundler's helpers (keepNames) do not exist in the page.
  await page.evaluate(`(() => {
    const probe = { paints: [], lastKeydown: 0 };
    window.__probe = probe;
    document.addEventListener('keydown', () => {
      const start = performance.now();
      probe.lastKeydown = start;
      // rAF runs before the frame is painted; the task queued from it runs after that paint.
      requestAnimationFrame(() => setTimeout(() => probe.paints.push(performance.now() - start), 0));
    }, true);
  })()`);
}

export async function run(options: { full: boolean }): Promise<Record<string, unknown>> {
  if (!chromiumAvailable()) return { skipped: `no Chromium at ${CHROMIUM_PATH}` };
  const work = tempDir('veldwerk-bench-report-editor-');
  const app = await startWebApp(work.dir);
  const browser = await launchChromium();
  try {
    const seeded = await seedFieldwork(app.services, { visits: 1 });
    const created = await app.services.dispatch('reports.createMissing', { campaignId: seeded.campaignId });
    if (!created.ok) throw new Error(created.error.message);
    const store = app.services.profile.store;
    const report = store
      .list('reports', { campaign_id: seeded.campaignId })
      .find((row) => row.kind === 'sector' && row.scope_id === seeded.sectorId);
    const sections = report
      ? store.list('report_sections', { report_id: report.id }, { orderBy: ['sort_order', 'id'] })
      : [];
    const big = sections.find((section) => section.title === 'Wat doen ze?');
    const small = sections.find((section) => section.title === 'Wie zijn ze?');
    if (!report || !big || !small) throw new Error('no sector chapter made from the template');
    store.applyTextUpdate('report_sections', big.id, 'body', fiftyPages(0x5eed));

    const page = await (
      await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'nl-BE' })
    ).newPage();
    await page.goto(app.bridge.openUrl);
    await page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    await page.goto(`${app.bridge.url}/#/campaigns/${seeded.campaignId}/reports/${report.id}`);
    const nav = page.getByRole('navigation', { name: 'Secties' });
    const lastParagraph = paragraphText(PARAGRAPHS - 1);

    // (a) Opening the 50-page section, from the click to its last paragraph in the editor.
    const opens: number[] = [];
    for (let round_ = 0; round_ < (options.full ? 8 : 4); round_ += 1) {
      await nav.getByRole('button', { name: /^Wie zijn ze\?/ }).click();
      await page.getByRole('heading', { level: 2, name: 'Wie zijn ze?' }).waitFor();
      const started = performance.now();
      await nav.getByRole('button', { name: /^Wat doen ze\?/ }).click();
      await page
        .getByRole('textbox', { name: /^Tekst van de sectie/ })
        .locator('p', { hasText: lastParagraph })
        .waitFor();
      opens.push(performance.now() - started);
    }

    // (b) Typing in the middle of it.
    await installProbe(page);
    const middle = page
      .getByRole('textbox', { name: /^Tekst van de sectie/ })
      .locator('p', { hasText: paragraphText(PARAGRAPHS / 2) });
    await middle.scrollIntoViewIfNeeded();
    await middle.click();
    await page.keyboard.press('End');
    const bursts = options.full ? 6 : 3;
    const saves: number[] = [];
    for (let burst = 0; burst < bursts; burst += 1) {
      await page.keyboard.type(` woord${burst} extra tekst in de sectie`, { delay: 60 });
      // (c) From the last keydown to the save state "saved" (the store answered the batched update).
      // A string, not a function: the bundler's helpers (keepNames) do not exist in the page.
      const saveMs = await page.evaluate<number>(`new Promise((resolve) => {
        const probe = window.__probe;
        const isSaved = () => document.querySelector('[data-save-state="saved"]') !== null;
        if (isSaved()) return resolve(performance.now() - probe.lastKeydown);
        const observer = new MutationObserver(() => {
          if (!isSaved()) return;
          observer.disconnect();
          resolve(performance.now() - probe.lastKeydown);
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      })`);
      saves.push(saveMs);
    }
    const paints = await page.evaluate<number[]>('window.__probe.paints');
    const storedText = store.textState('report_sections', big.id, 'body').byteLength;
    return {
      section: { paragraphs: PARAGRAPHS, words: PARAGRAPHS * 42, stateBytes: storedText },
      openSection: { medianMs: round(median(opens)), runs: opens.length },
      keystrokeToPaint: {
        medianMs: round(median(paints)),
        p95Ms: round(percentile(paints, 95)),
        goalMs: 16,
        keystrokes: paints.length,
      },
      lastKeystrokeToDurableSave: {
        medianMs: round(median(saves)),
        maxMs: round(Math.max(...saves)),
        goalMs: 1000,
        bursts: saves.length,
        note: 'includes the 300 ms batching pause',
      },
    };
  } finally {
    await browser.close();
    await app.stop();
    work.remove();
  }
}
