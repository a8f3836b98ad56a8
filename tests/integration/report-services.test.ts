import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBundle, importBundleBytes } from '../../db/store/bundle';
import { encodeBase64, yjsClientId } from '../../db/store/text';
import { buildBoard } from '../../services/swot/handlers';
import { startServices, type Services } from '../../services/runtime';
import type { ResolvedBlock } from '../../shared/contract/reports';
import { editSection, sectionJson, textBlocks, walkJson } from '../../shared/report/document';
import { tempDir } from '../support/profile';
import { seedFieldwork } from '../support/seed';
import { call, refusal } from '../support/services';

// The report services on real profiles (SQLite): reports from templates with deterministic ids
// and content, live blocks scored by the SWOT board's own code, comments, locks and versions.

const open: { services: Services; remove: () => void }[] = [];

function laptop(): Services {
  const dir = tempDir('veldwerk-reports-');
  const services = startServices({
    profileDir: dir.dir,
    transport: 'ipc',
    onInternalError: (_channel, error) => console.error(error),
  });
  open.push({ services, remove: dir.remove });
  return services;
}

afterEach(async () => {
  for (const entry of open.splice(0)) {
    await entry.services.close();
    entry.remove();
  }
});

async function exchange(from: Services, to: Services): Promise<void> {
  await importBundleBytes(to.profile.store, (await createBundle(from.profile.store)).bytes);
}

async function typeInto(services: Services, sectionId: string, text: string): Promise<void> {
  const state = await call(services, 'reports.section.state', { sectionId });
  const { update } = editSection(
    Buffer.from(state.update, 'base64'),
    yjsClientId(services.profile.store.node),
    (fragment) => {
      const paragraph = new Y.XmlElement('paragraph');
      const content = new Y.XmlText();
      content.insert(0, text);
      paragraph.insert(0, [content]);
      fragment.push([paragraph]);
    },
  );
  await call(services, 'reports.section.update', { sectionId, update: encodeBase64(update) });
}

describe('report services', () => {
  it('names a province and a city of the same name apart in their report titles', async () => {
    const ann = laptop();
    const seeded = await seedFieldwork(ann, { visits: 1 });
    const store = ann.profile.store;
    // The default regions hold the province Antwerpen and the city Antwerpen.
    const kinds = store
      .list('regions', { campaign_id: seeded.campaignId })
      .filter((region) => region.name === 'Antwerpen')
      .map((region) => region.kind)
      .sort();
    expect(kinds).toEqual(['city', 'province']);
    await call(ann, 'reports.createMissing', { campaignId: seeded.campaignId });
    const titles = (await call(ann, 'reports.list', { campaignId: seeded.campaignId }))
      .filter((report) => report.kind === 'region' && report.scopeName === 'Antwerpen')
      .map((report) => report.title)
      .sort();
    expect(titles).toEqual(['Regiorapport Antwerpen', 'Regiorapport Antwerpen (stad)']);
  });

  it('creates the reports from templates once, with the sector chapter in the template order', async () => {
    const ann = laptop();
    const seeded = await seedFieldwork(ann, { visits: 2 });
    const first = await call(ann, 'reports.createMissing', { campaignId: seeded.campaignId });
    expect(first.created).toBeGreaterThan(2);
    expect(await call(ann, 'reports.createMissing', { campaignId: seeded.campaignId })).toEqual({
      created: 0,
      sectionsCreated: 0,
    });
    const reports = await call(ann, 'reports.list', { campaignId: seeded.campaignId });
    expect(reports.filter((report) => report.kind === 'final')).toHaveLength(1);
    const sector = reports.find((report) => report.kind === 'sector' && report.scopeId === seeded.sectorId);
    if (!sector) throw new Error('no sector report');
    const detail = await call(ann, 'reports.get', { reportId: sector.id });
    expect(detail.sections.map((section) => section.title)).toEqual([
      'Wie zijn ze?',
      'Wat moeten ze doen?',
      'Wat doen ze?',
      'Hoe beoordelen ze zichzelf?',
      'Wat denken de stakeholders?',
      'Wat vindt het team?',
      `Uitdagingen voor ${sector.scopeName ?? ''}`,
    ]);
    // The region report has one section per visit of the region, between context and findings.
    const region = reports.find((report) => report.kind === 'region' && report.sectionCount > 3);
    if (!region) throw new Error('no region report with visits');
    const regionDetail = await call(ann, 'reports.get', { reportId: region.id });
    expect(regionDetail.sections.map((section) => section.templateKey)).toEqual([
      'context',
      'bezoek',
      'bezoek',
      'bevindingen',
      'goede-praktijken',
    ]);
    expect(
      regionDetail.sections.filter((section) => section.visitId !== null).map((section) => section.visitId),
    ).toEqual(seeded.visits);
  });

  it("creates reports from the campaign's own template when it has one", async () => {
    const ann = laptop();
    const seeded = await seedFieldwork(ann, { visits: 1 });
    const templates = await call(ann, 'reports.templates.get', { campaignId: seeded.campaignId });
    expect(templates.final.map((section) => section.key)).toEqual([
      'sectoroverschrijdend',
      'finale-swot',
      'uitdagingen',
    ]);
    await call(ann, 'reports.templates.save', {
      campaignId: seeded.campaignId,
      kind: 'final',
      sections: [
        {
          key: 'samenvatting',
          title: 'Samenvatting',
          content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Kort.' }] }] },
        },
        { key: 'uitdagingen', title: 'Uitdagingen' },
      ],
    });
    await call(ann, 'reports.createMissing', { campaignId: seeded.campaignId });
    const final = (await call(ann, 'reports.list', { campaignId: seeded.campaignId })).find(
      (report) => report.kind === 'final',
    );
    const sections = (await call(ann, 'reports.get', { reportId: final?.id ?? '' })).sections;
    expect(sections.map((section) => [section.title, section.wordCount])).toEqual([
      ['Samenvatting', 1],
      ['Uitdagingen', 0],
    ]);
    expect(
      (
        await refusal(ann, 'reports.templates.save', {
          campaignId: seeded.campaignId,
          kind: 'final',
          sections: [
            { key: 'a', title: 'A' },
            { key: 'a', title: 'B' },
          ],
        })
      ).code,
    ).toBe('INVALID_INPUT');
  });

  it('two laptops creating the same reports offline end with one of each, template content once', async () => {
    const ann = laptop();
    const seeded = await seedFieldwork(ann, { visits: 1 });
    const bob = laptop();
    await exchange(ann, bob);
    await call(ann, 'reports.createMissing', { campaignId: seeded.campaignId });
    await call(bob, 'identity.set', { campaignId: seeded.campaignId, memberId: seeded.members[1] });
    await call(bob, 'reports.createMissing', { campaignId: seeded.campaignId });
    await exchange(bob, ann);
    await exchange(ann, bob);
    const mine = await call(ann, 'reports.list', { campaignId: seeded.campaignId });
    const theirs = await call(bob, 'reports.list', { campaignId: seeded.campaignId });
    expect(mine.map((report) => report.id)).toEqual(theirs.map((report) => report.id));
    const sector = mine.find((report) => report.kind === 'sector' && report.scopeId === seeded.sectorId);
    const stakeholders = (await call(ann, 'reports.get', { reportId: sector?.id ?? '' })).sections.find(
      (section) => section.templateKey === 'stakeholders',
    );
    const groups = ann.profile.store.list('respondent_groups', {
      campaign_id: seeded.campaignId,
      sector_id: seeded.sectorId,
    });
    const content = sectionJson(ann.profile.store.textState('report_sections', stakeholders?.id ?? '', 'body'));
    expect([...walkJson(content)].filter((node) => node.type === 'swotTable')).toHaveLength(groups.length);
  });

  it("resolves a SWOT block to the board's own scores, with the evidence behind each", async () => {
    const ann = laptop();
    const seeded = await seedFieldwork(ann, { visits: 4 });
    const [c1, c2, c3] = seeded.conversations as [string, string, string, string];
    for (const [conversationId, text] of [
      [c1, 'Sterk team'],
      [c2, 'Sterk team'],
      [c3, 'Goede sfeer'],
      [c1, 'Weinig tijd'],
    ] as const) {
      await call(ann, 'swot.items.add', { conversationId, quadrant: 'strengths', text });
    }
    const board = buildBoard(ann.profile, seeded.campaignId, seeded.sectorId, seeded.groupId);
    const [resolved] = (await call(ann, 'reports.blocks.resolve', {
      campaignId: seeded.campaignId,
      blocks: [
        {
          type: 'swotTable',
          attrs: { blockId: 'b1', sectorId: seeded.sectorId, groupId: seeded.groupId, quadrant: 'strengths' },
        },
      ],
    })) as [ResolvedBlock];
    if (!resolved.ok || resolved.value.type !== 'swotTable') throw new Error(JSON.stringify(resolved));
    expect(resolved.value.conversationCount).toBe(4);
    const rows = resolved.value.quadrants[0]?.rows ?? [];
    expect(rows.map((row) => [row.rank, row.lemma, row.k, row.display])).toEqual(
      board.scored.strengths.map((row) => [row.rank, row.name, row.conversations, row.display]),
    );
    expect(rows[0]).toMatchObject({ lemma: 'Sterk team', k: 2, display: '5,0' });
    const trail = await call(ann, 'reports.evidence', {
      campaignId: seeded.campaignId,
      items: [...(rows[0]?.evidence.items ?? [])],
    });
    expect(trail.items.map((item) => item.text)).toEqual(['Sterk team', 'Sterk team']);
    expect(trail.visits.map((visit) => visit.id).sort()).toEqual([seeded.visits[0], seeded.visits[1]].sort());
    // A counter in text: "twee van de vier".
    const counter = await call(ann, 'reports.blocks.resolve', {
      campaignId: seeded.campaignId,
      blocks: [
        {
          type: 'counter',
          attrs: {
            blockId: null,
            metric: 'conversations',
            scopeKind: 'sector',
            scopeId: seeded.sectorId,
            groupId: seeded.groupId,
            lemmaId: null,
            form: 'words',
          },
        },
      ],
    });
    expect(counter[0]).toMatchObject({ ok: true, value: { type: 'counter', k: 4, n: 4, text: 'vier' } });
  });

  it('keeps comments with replies, resolves them; a locked section refuses others and keeps the text', async () => {
    const ann = laptop();
    const seeded = await seedFieldwork(ann, { visits: 1 });
    await call(ann, 'reports.createMissing', { campaignId: seeded.campaignId });
    const final = (await call(ann, 'reports.list', { campaignId: seeded.campaignId })).find(
      (report) => report.kind === 'final',
    );
    const section = (await call(ann, 'reports.get', { reportId: final?.id ?? '' })).sections[0];
    if (!final || !section) throw new Error('no final report');
    await typeInto(ann, section.id, 'De centra werken samen.');

    const state = await call(ann, 'reports.section.state', { sectionId: section.id });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Buffer.from(state.update, 'base64'));
    const text = textBlocks(doc.getXmlFragment('doc'))[0] as Y.XmlText;
    const anchor = {
      start: encodeBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, 3))),
      end: encodeBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, 9))),
    };
    const { id } = await call(ann, 'reports.comments.add', {
      sectionId: section.id,
      text: 'Welke centra?',
      anchor,
      quote: 'centra',
    });
    await call(ann, 'reports.comments.add', { sectionId: section.id, text: 'Alle acht.', parentId: id });
    await call(ann, 'reports.comments.setResolved', { commentId: id, resolved: true });
    const [thread] = await call(ann, 'reports.comments.list', { reportId: final.id });
    expect(thread).toMatchObject({
      text: 'Welke centra?',
      resolved: true,
      quote: 'centra',
      anchor,
      replies: [{ text: 'Alle acht.' }],
    });

    // The team lead (Bart) holds the final report's pen: only he can lock; then Anna's edit is refused.
    expect((await refusal(ann, 'reports.section.lock', { sectionId: section.id, locked: true })).code).toBe(
      'FORBIDDEN',
    );
    await call(ann, 'identity.set', { campaignId: seeded.campaignId, memberId: seeded.members[1] });
    await call(ann, 'reports.section.lock', { sectionId: section.id, locked: true });
    await call(ann, 'identity.set', { campaignId: seeded.campaignId, memberId: seeded.members[0] });
    expect((await call(ann, 'reports.get', { reportId: final.id })).sections[0]).toMatchObject({
      locked: true,
      mayEdit: false,
    });
    const before = ann.profile.store.textState('report_sections', section.id, 'body');
    const attempt = await ann.dispatch('reports.section.update', { sectionId: section.id, update: state.update });
    expect(attempt).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      Buffer.from(ann.profile.store.textState('report_sections', section.id, 'body')).equals(Buffer.from(before)),
    ).toBe(true);
  });

  it('keeps named versions and compares them section by section', async () => {
    const ann = laptop();
    const seeded = await seedFieldwork(ann, { visits: 1 });
    await call(ann, 'reports.createMissing', { campaignId: seeded.campaignId });
    const final = (await call(ann, 'reports.list', { campaignId: seeded.campaignId })).find(
      (report) => report.kind === 'final',
    );
    const section = (await call(ann, 'reports.get', { reportId: final?.id ?? '' })).sections[0];
    if (!final || !section) throw new Error('no final report');
    await typeInto(ann, section.id, 'Eerste versie.');
    const { id: v1 } = await call(ann, 'reports.versions.create', {
      reportId: final.id,
      name: 'versie voor sectordag',
    });
    await typeInto(ann, section.id, 'Nieuwe alinea.');
    const { id: v2 } = await call(ann, 'reports.versions.create', { reportId: final.id, name: 'na sectordag' });
    expect((await call(ann, 'reports.versions.list', { reportId: final.id })).map((version) => version.name)).toEqual([
      'versie voor sectordag',
      'na sectordag',
    ]);
    expect((await call(ann, 'reports.versions.get', { versionId: v1 })).sections[0]?.text).toBe('Eerste versie.');
    const compared = await call(ann, 'reports.versions.compare', { from: v1, to: v2 });
    const changed = compared.find((entry) => entry.sectionId === section.id);
    expect(changed?.state).toBe('changed');
    expect(
      changed?.parts
        .filter((part) => part.kind === 'inserted')
        .map((part) => part.text.trim())
        .join(' '),
    ).toContain('Nieuwe alinea.');
    expect(compared.filter((entry) => entry.sectionId !== section.id).every((entry) => entry.state === 'same')).toBe(
      true,
    );
  });
});
