import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeBase64, yjsClientId } from '../../db/store/text';
import type { Services } from '../../services/runtime';
import { editSection, sectionText, textBlocks } from '../../shared/report/document';
import { seedFieldwork } from '../support/seed';
import { call, until, useLaptopsWithServer } from '../support/services';
import { TEST_PASSWORD, seed, pushTeamAsLead } from './server-support';

// Reports through a real sync server on 127.0.0.1: two laptops edit one section concurrently and
// both end with the merged text; an edit of a section its owner locked is held on the server
// until the owner (or the team lead) decides; finalising records the blocks' values, frozen.

/** An edit as the editor makes it: a Yjs update of the section's fragment, sent through the contract. */
async function edit(services: Services, sectionId: string, change: (fragment: Y.XmlFragment) => void): Promise<string> {
  const state = await call(services, 'reports.section.state', { sectionId });
  const { update } = editSection(Buffer.from(state.update, 'base64'), yjsClientId(services.profile.store.node), change);
  return encodeBase64(update);
}

const append = (text: string) => (fragment: Y.XmlFragment) => {
  const block = textBlocks(fragment).at(-1);
  if (block) block.insert(block.length, text);
  else {
    const paragraph = new Y.XmlElement('paragraph');
    const content = new Y.XmlText();
    content.insert(0, text);
    paragraph.insert(0, [content]);
    fragment.push([paragraph]);
  }
};

describe('reports through the sync server', () => {
  const env = useLaptopsWithServer('veldwerk-report-sync-');

  it("merges two laptops' concurrent edits of one section, holds a locked section's foreign edit, freezes values at finalise", async () => {
    const ann = env.laptop();
    const seeded = await seedFieldwork(ann, { visits: 2 });
    const [annMember, bartMember] = seeded.members;
    ann.profile.store.update('members', annMember, { email: 'anna@inspectie.be' });
    ann.profile.store.update('members', bartMember, { email: 'bart@inspectie.be' });
    await call(ann, 'reports.createMissing', { campaignId: seeded.campaignId });
    const final = (await call(ann, 'reports.list', { campaignId: seeded.campaignId })).find(
      (report) => report.kind === 'final',
    );
    if (!final) throw new Error('no final report');
    expect(final.penHolderId).toBe(bartMember);
    const sectionId = (await call(ann, 'reports.get', { reportId: final.id })).sections[0]?.id ?? '';

    await seed(
      env.server.store,
      [seeded.campaignId],
      [
        { email: 'anna@inspectie.be', roles: [{ role: 'inspector' }] },
        { email: 'bart@inspectie.be', roles: [{ role: 'team-lead' }] },
      ],
    );
    // Bart, the team lead, made the team (member rows are the lead's, server/authorship.ts).
    await pushTeamAsLead(
      env.server.url,
      'bart@inspectie.be',
      seeded.campaignId,
      ann.profile.store.list('members', { campaign_id: seeded.campaignId }),
    );
    await call(ann, 'sync.connect', { serverUrl: env.server.url, email: 'anna@inspectie.be', password: TEST_PASSWORD });
    await until(
      () => call(ann, 'sync.status', {}),
      (status) => status.state === 'up-to-date' && status.pendingChanges === 0,
      'the first push',
    );
    const bart = env.laptop();
    await call(bart, 'sync.connect', {
      serverUrl: env.server.url,
      email: 'bart@inspectie.be',
      password: TEST_PASSWORD,
    });
    await until(
      async () => bart.profile.store.get('report_sections', sectionId)?.title ?? null,
      (title) => title !== null,
      'the report on the second laptop',
    );
    await call(bart, 'identity.set', { campaignId: seeded.campaignId, memberId: bartMember });

    // Both type in the same section from the same state, before either has the other's words.
    const annUpdate = await edit(ann, sectionId, append('De centra werken samen.'));
    const bartUpdate = await edit(bart, sectionId, append('Vier van de acht centra hebben een wachtlijst.'));
    await call(ann, 'reports.section.update', { sectionId, update: annUpdate });
    await call(bart, 'reports.section.update', { sectionId, update: bartUpdate });
    for (const laptop of [ann, bart]) await call(laptop, 'sync.now', {});
    const merged = (laptop: Services) => async () => {
      await call(laptop, 'sync.now', {});
      return sectionText(laptop.profile.store.textState('report_sections', sectionId, 'body'));
    };
    const both = (text: string) =>
      text.includes('De centra werken samen.') && text.includes('Vier van de acht centra hebben een wachtlijst.');
    const annText = await until(merged(ann), both, "the merged text on Anna's laptop");
    const bartText = await until(merged(bart), both, "the merged text on Bart's laptop");
    expect(bartText).toBe(annText);

    // Bart holds the pen and locks the section; Anna, offline before the lock reached her, types on.
    await call(bart, 'reports.section.lock', { sectionId, locked: true });
    await call(bart, 'sync.now', {});
    const pushed = (laptop: Services) => async () => {
      await call(laptop, 'sync.now', {});
      return call(laptop, 'sync.status', {});
    };
    await until(pushed(bart), (status) => status.pendingChanges === 0, 'the lock on the server');
    const late = await edit(ann, sectionId, append(' Laat toegevoegd.'));
    ann.profile.store.applyTextUpdate('report_sections', sectionId, 'body', Buffer.from(late, 'base64'));
    await call(ann, 'sync.now', {});
    const held = await until(
      () => call(bart, 'workflow.held', { campaignId: seeded.campaignId }),
      (list) => list.some((entry) => entry.field === 'report_sections.body'),
      'the held edit',
    );
    const heldEdit = held.find((entry) => entry.field === 'report_sections.body');
    expect(heldEdit?.reason).toContain('locked');
    await call(bart, 'sync.now', {});
    expect(sectionText(bart.profile.store.textState('report_sections', sectionId, 'body'))).not.toContain(
      'Laat toegevoegd.',
    );
    // Anna now sees the lock before she types: the section refuses her edits here too.
    await until(
      async () => (await call(ann, 'reports.get', { reportId: final.id })).sections[0]?.locked,
      (locked) => locked === true,
      "the lock on Anna's laptop",
    );
    expect(await ann.dispatch('reports.section.update', { sectionId, update: late })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // The owner accepts it (and the snapshot of it Anna's laptop may have pushed since): then it reaches everyone.
    for (const entry of await call(bart, 'workflow.held', { campaignId: seeded.campaignId })) {
      await call(bart, 'workflow.decide', {
        campaignId: seeded.campaignId,
        changeId: entry.changeId,
        decision: 'accept',
      });
    }
    await until(merged(bart), (text) => text.includes('Laat toegevoegd.'), "the accepted edit on Bart's laptop");

    // A SWOT block in the section; finalising records its values on the server, and the report then shows them frozen.
    await call(bart, 'reports.section.lock', { sectionId, locked: false });
    const blockUpdate = await edit(bart, sectionId, (fragment) => {
      const block = new Y.XmlElement('swotTable');
      block.setAttribute('blockId', 'b1');
      block.setAttribute('sectorId', seeded.sectorId);
      block.setAttribute('groupId', seeded.groupId);
      block.setAttribute('quadrant', 'strengths');
      fragment.push([block]);
    });
    await call(bart, 'reports.section.update', { sectionId, update: blockUpdate });
    await call(bart, 'swot.items.add', {
      conversationId: seeded.conversations[0] as string,
      quadrant: 'strengths',
      text: 'Sterk team',
    });
    await call(bart, 'swot.items.add', {
      conversationId: seeded.conversations[1] as string,
      quadrant: 'strengths',
      text: 'Sterk team',
    });
    await call(bart, 'sync.now', {});
    await until(pushed(bart), (status) => status.pendingChanges === 0, 'the block on the server');
    // Anna (an inspector) may not submit the final report; Bart (team lead) submits, approves, finalises.
    expect(await ann.dispatch('reports.workflow', { reportId: final.id, action: 'submit' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call(bart, 'reports.workflow', { reportId: final.id, action: 'submit' })).toEqual({
      status: 'submitted',
    });
    expect(await call(bart, 'reports.workflow', { reportId: final.id, action: 'approve' })).toEqual({
      status: 'approved',
    });
    expect(await call(bart, 'reports.workflow', { reportId: final.id, action: 'finalise', comment: '' })).toEqual({
      status: 'final',
    });
    const block = {
      type: 'swotTable' as const,
      attrs: { blockId: 'b1', sectorId: seeded.sectorId, groupId: seeded.groupId, quadrant: 'strengths' as const },
    };
    const [frozen] = await until(
      async () => {
        await call(ann, 'sync.now', {});
        return call(ann, 'reports.blocks.resolve', {
          campaignId: seeded.campaignId,
          reportId: final.id,
          blocks: [block],
        });
      },
      (answer) => answer[0]?.ok === true && answer[0].frozen,
      "the frozen values on Anna's laptop",
    );
    expect(frozen).toMatchObject({
      ok: true,
      frozen: true,
      value: {
        type: 'swotTable',
        conversationCount: 2,
        quadrants: [{ quadrant: 'strengths', rows: [{ lemma: 'Sterk team', k: 2, display: '10,0' }] }],
      },
    });
    expect((await call(ann, 'reports.get', { reportId: final.id })).frozen).toBe(true);
    // A later item changes the live board, not the final report's frozen values.
    await call(ann, 'swot.items.add', {
      conversationId: seeded.conversations[0] as string,
      quadrant: 'strengths',
      text: 'Nieuw punt',
    });
    const again = await call(ann, 'reports.blocks.resolve', {
      campaignId: seeded.campaignId,
      reportId: final.id,
      blocks: [block],
    });
    expect(again[0]).toEqual(frozen);
    expect(
      (await call(bart, 'reports.versions.list', { reportId: final.id })).map((version) => version.reason),
    ).toEqual(['submitted', 'approved', 'final']);
    // Sent back with a comment: a draft again, the comment kept, the blocks live again.
    expect(
      await call(bart, 'reports.workflow', { reportId: final.id, action: 'sendBack', comment: 'Cijfers nakijken' }),
    ).toEqual({ status: 'draft' });
    const reopened = await until(
      async () => {
        await call(ann, 'sync.now', {});
        return call(ann, 'reports.get', { reportId: final.id });
      },
      (detail) => detail.report.status === 'draft',
      "the reopened report on Anna's laptop",
    );
    expect(reopened).toMatchObject({ frozen: false, sentBackComment: 'Cijfers nakijken' });
    const live = await call(ann, 'reports.blocks.resolve', {
      campaignId: seeded.campaignId,
      reportId: final.id,
      blocks: [block],
    });
    expect(live[0]).toMatchObject({ ok: true, frozen: false });
  });
});
