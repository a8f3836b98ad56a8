import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main';
import { generateDemo } from '../../db/demo/demo';
import { openProfile } from '../../db/profile';
import { createMissingReports, listReports } from '../../services/reports/reports';
import { buildBoard } from '../../services/swot/handlers';
import type { ResolvedBlock } from '../../shared/contract/reports';
import { capturingIo } from '../support/cli';
import { tempDir } from '../support/profile';

const io = capturingIo;

// `veldwerk report list` and `veldwerk report show`: the reports of a demo profile, a sector
// chapter printed as Markdown and JSON with its SWOT blocks resolved to the board's numbers.
describe('veldwerk report', () => {
  const profile = tempDir('veldwerk-report-cli-');
  let sectorReport = '';
  let campaignId = '';

  beforeAll(() => {
    const opened = openProfile(profile.dir);
    try {
      generateDemo(opened.store, { size: 'small' });
      campaignId = opened.store.list('campaigns', {})[0]?.id ?? '';
      const author = opened.store.list('members', { campaign_id: campaignId })[0]?.id ?? '';
      createMissingReports(opened.store, campaignId, author);
      const ic = opened.store.list('sectors', { campaign_id: campaignId }).find((sector) => sector.code === 'IC');
      sectorReport =
        listReports(opened.store, campaignId).find((report) => report.kind === 'sector' && report.scopeId === ic?.id)
          ?.id ?? '';
    } finally {
      opened.close();
    }
  });

  afterAll(() => profile.remove());

  it('lists the reports with kind, scope, status and sections', async () => {
    const capture = io();
    expect(await main(['report', 'list', '--profile', profile.dir], capture)).toBe(0);
    expect(capture.err).toBe('');
    expect(capture.out).toContain(sectorReport);
    expect(capture.out).toMatch(/final +"Eindrapport" +draft/);
    expect(capture.out).toMatch(/7 sections/);
  });

  it('shows a sector chapter as Markdown with its SWOT tables resolved like the board', async () => {
    const capture = io();
    expect(await main(['report', 'show', '--profile', profile.dir, '--report', sectorReport], capture)).toBe(0);
    expect(capture.err).toBe('');
    const md = capture.out;
    for (const title of [
      '## Wie zijn ze?',
      '## Wat denken de stakeholders?',
      '## Wat vindt het team?',
      '## Uitdagingen voor',
    ])
      expect(md).toContain(title);
    expect(md).toContain('| Rang | Lemma | Score | Gesprekken |');
    expect(md).toMatch(/^Status: draft/m);

    const json = io();
    expect(
      await main(['report', 'show', '--profile', profile.dir, '--report', sectorReport, '--format', 'json'], json),
    ).toBe(0);
    const printed = JSON.parse(json.out) as { sections: { title: string }[]; blocks: Record<string, ResolvedBlock> };
    expect(printed.sections).toHaveLength(7);
    const tables = Object.values(printed.blocks).filter((block) => block.ok && block.value.type === 'swotTable');
    expect(tables.length).toBeGreaterThan(0);
    const opened = openProfile(profile.dir);
    try {
      for (const [key, block] of Object.entries(printed.blocks)) {
        if (!block.ok || block.value.type !== 'swotTable') continue;
        const attrs = Object.fromEntries(JSON.parse(key.slice(key.indexOf('|') + 1)) as [string, string][]);
        const board = buildBoard(opened, campaignId, attrs.sectorId ?? '', attrs.groupId ?? '');
        for (const { quadrant, rows } of block.value.quadrants) {
          expect(rows.map((row) => [row.lemma, row.display])).toEqual(
            board.scored[quadrant].map((row) => [row.name, row.display]),
          );
          // The Markdown shows the same scores.
          for (const row of rows)
            expect(md).toContain(`| ${row.rank} | ${row.lemma.replace(/\|/g, '\\|')} | ${row.display} |`);
        }
      }
    } finally {
      opened.close();
    }
  });

  it('refuses an unknown report and bad options clearly', async () => {
    const missing = io();
    expect(await main(['report', 'show', '--profile', profile.dir, '--report', 'nope'], missing)).toBe(1);
    expect(missing.err).toContain('No report "nope"');
    const bad = io();
    expect(
      await main(['report', 'show', '--profile', profile.dir, '--report', sectorReport, '--format', 'pdf'], bad),
    ).toBe(2);
    expect(bad.err).toContain('--format must be md or json');
  });
});
