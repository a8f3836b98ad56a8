import { describe, expect, it } from 'vitest';
import { seedFieldwork } from '../support/seed';
import type { Services } from '../../services/runtime';
import { call, until, useLaptopsWithServer } from '../support/services';
import { TEST_PASSWORD, seed } from './server-support';

// The review workflow from the app: the duo submits a visit, the region's coordinator approves it,
// a later edit of the approved visit is held and the coordinator decides; offline it is refused.

describe('workflow services', () => {
  const env = useLaptopsWithServer('veldwerk-workflow-');

  /** The region of a visit's organisation, as the laptop's store has it. */
  const regionOf = (laptop: Services, visitId: string): string =>
    laptop.profile.store.get('organisations', laptop.profile.store.get('visits', visitId)?.organisation_id ?? '')
      ?.region_id ?? '';

  /** Connects a laptop to the suite's server; with `settle`, waits until its first push is done. */
  const connect = async (laptop: Services, email: string, options: { settle?: boolean } = {}) => {
    await call(laptop, 'sync.connect', { serverUrl: env.server.url, email, password: TEST_PASSWORD });
    if (options.settle)
      await until(
        () => call(laptop, 'sync.status', {}),
        (status) => status.state === 'up-to-date' && status.pendingChanges === 0,
        'the first push',
      );
  };

  /** The inspector submits the visit, a new coordinator laptop approves it, the inspector pulls the approval. */
  const submitAndApprove = async (inspector: Services, coordinatorEmail: string, visitId: string) => {
    await call(inspector, 'workflow.visit', { visitId, to: 'submitted' });
    const coordinator = env.laptop();
    await connect(coordinator, coordinatorEmail);
    await until(
      async () => coordinator.profile.store.get('visits', visitId)?.status,
      (status) => status === 'submitted',
      'the submitted visit',
    );
    await call(coordinator, 'workflow.visit', { visitId, to: 'approved' });
    await call(inspector, 'sync.now', {});
    await until(
      async () => inspector.profile.store.get('visits', visitId)?.status,
      (status) => status === 'approved',
      'the approval on the inspector laptop',
    );
    return coordinator;
  };

  it('submits, approves, holds a late edit and lets the coordinator decide', async () => {
    const inspector = env.laptop();
    const seeded = await seedFieldwork(inspector, { visits: 1 });
    const visitId = seeded.visits[0] as string;
    const regionId = regionOf(inspector, visitId);

    // Offline (not connected) the workflow is refused with a clear message and nothing changes.
    const offline = await inspector.dispatch('workflow.visit', { visitId, to: 'submitted' });
    expect(offline).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(inspector.profile.store.get('visits', visitId)?.status).toBe('planned');

    await seed(
      env.server.store,
      [seeded.campaignId],
      [
        { email: 'anna@inspectie.be', roles: [{ role: 'inspector' }] },
        { email: 'coordinator@inspectie.be', roles: [{ role: 'region-coordinator', scope: regionId }] },
      ],
    );
    await connect(inspector, 'anna@inspectie.be', { settle: true });

    expect(await call(inspector, 'workflow.visit', { visitId, to: 'submitted' })).toEqual({ status: 'submitted' });
    expect(inspector.profile.store.get('visits', visitId)?.status).toBe('submitted');
    // An inspector may not approve.
    expect(await inspector.dispatch('workflow.visit', { visitId, to: 'approved' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    const coordinator = env.laptop();
    await connect(coordinator, 'coordinator@inspectie.be');
    await until(
      () => call(coordinator, 'campaigns.list', {}),
      (list) => list.length === 1,
      'the campaign on the coordinator laptop',
    );
    await until(
      async () => coordinator.profile.store.get('visits', visitId)?.status,
      (status) => status === 'submitted',
      'the submitted visit',
    );
    expect(await call(coordinator, 'workflow.visit', { visitId, to: 'approved' })).toEqual({ status: 'approved' });

    // The inspector edits the approved visit afterwards: the edit is kept on the server, held.
    await call(inspector, 'sync.now', {});
    await until(
      async () => inspector.profile.store.get('visits', visitId)?.status,
      (status) => status === 'approved',
      'the approval on the inspector laptop',
    );
    await call(inspector, 'swot.items.add', {
      conversationId: seeded.conversations[0] as string,
      quadrant: 'strengths',
      text: 'Laat toegevoegd',
    });
    await call(inspector, 'sync.now', {});
    const held = await until(
      () => call(coordinator, 'workflow.held', { campaignId: seeded.campaignId }),
      (list) => list.length > 0,
      'held edits',
    );
    expect(held.every((edit) => edit.visitId === visitId)).toBe(true);
    expect(held.map((edit) => edit.value)).toContain('Laat toegevoegd');
    for (const edit of held)
      expect(
        await call(coordinator, 'workflow.decide', {
          campaignId: seeded.campaignId,
          changeId: edit.changeId,
          decision: 'accept',
        }),
      ).toMatchObject({ state: 'accepted' });
    expect(await call(coordinator, 'workflow.held', { campaignId: seeded.campaignId })).toEqual([]);
    await call(coordinator, 'sync.now', {});
    await until(
      async () =>
        coordinator.profile.store.list('swot_items', { campaign_id: seeded.campaignId }).map((item) => item.text),
      (texts) => texts.includes('Laat toegevoegd'),
      'the accepted edit on the coordinator laptop',
    );
  });

  it('shows a held note edit with its record, its author by name and a before/after diff', async () => {
    const inspector = env.laptop();
    const seeded = await seedFieldwork(inspector, { visits: 1 });
    const visitId = seeded.visits[0] as string;
    const conversationId = seeded.conversations[0] as string;
    // This test's server account is An's: her member carries its address, so her changes are hers.
    inspector.profile.store.update('members', seeded.members[0], { email: 'an@inspectie.be' });
    const regionId = regionOf(inspector, visitId);
    await seed(
      env.server.store,
      [seeded.campaignId],
      [
        { email: 'an@inspectie.be', roles: [{ role: 'inspector' }] },
        { email: 'coord@inspectie.be', roles: [{ role: 'region-coordinator', scope: regionId }] },
      ],
    );
    await call(inspector, 'notes.save', { conversationId, guidingQuestionId: null, text: 'De werking loopt goed.' });
    await connect(inspector, 'an@inspectie.be', { settle: true });
    const coordinator = await submitAndApprove(inspector, 'coord@inspectie.be', visitId);
    await call(inspector, 'notes.save', {
      conversationId,
      guidingQuestionId: null,
      text: 'De werking loopt uitstekend.',
    });
    await call(inspector, 'sync.now', {});
    const held = await until(
      () => call(coordinator, 'workflow.held', { campaignId: seeded.campaignId }),
      (list) => list.some((edit) => edit.field === 'notes.text'),
      'the held note edit',
    );
    const edit = held.find((entry) => entry.field === 'notes.text');
    expect(edit).toMatchObject({
      record: { organisation: 'Agentschap Integratie Gent', visitDate: '2026-03-10', conversation: 'Personeel' },
      authorName: 'Anna Peeters',
      before: 'De werking loopt goed.',
      after: 'De werking loopt uitstekend.',
    });
    expect(edit?.diff.filter((part) => part.kind !== 'same').map((part) => `${part.kind}:${part.text}`)).toEqual([
      'removed:goed',
      'added:uitstekend',
    ]);
  });

  it('after a rejection the author laptop shows the approved values again and says who rejected what', async () => {
    const inspector = env.laptop();
    const seeded = await seedFieldwork(inspector, { visits: 1 });
    const visitId = seeded.visits[0] as string;
    const conversationId = seeded.conversations[0] as string;
    // This test's account is Ilse's: her member carries its address, so her changes are hers.
    inspector.profile.store.update('members', seeded.members[0], { email: 'ilse@inspectie.be' });
    const regionId = regionOf(inspector, visitId);
    await seed(
      env.server.store,
      [seeded.campaignId],
      [
        { email: 'ilse@inspectie.be', roles: [{ role: 'inspector' }] },
        { email: 'regio@inspectie.be', roles: [{ role: 'region-coordinator', scope: regionId }] },
      ],
    );
    await call(inspector, 'notes.save', { conversationId, guidingQuestionId: null, text: 'De werking loopt goed.' });
    const item = await call(inspector, 'swot.items.add', {
      conversationId,
      quadrant: 'strengths',
      text: 'Sterk team',
    });
    await connect(inspector, 'ilse@inspectie.be', { settle: true });
    const coordinator = await submitAndApprove(inspector, 'regio@inspectie.be', visitId);

    // Two late edits: the note's shared text and the item's text (last writer wins).
    await call(inspector, 'notes.save', { conversationId, guidingQuestionId: null, text: 'De werking loopt slecht.' });
    await call(inspector, 'swot.items.update', { itemId: item.id, text: 'Zwak team' });
    await call(inspector, 'sync.now', {});
    const pending = await until(
      () => call(inspector, 'workflow.ownHeld', { visitId }),
      (list) => list.length === 2,
      'the held edits on the author laptop',
    );
    expect(pending.map((edit) => edit.state)).toEqual(['pending', 'pending']);
    const held = await until(
      () => call(coordinator, 'workflow.held', { campaignId: seeded.campaignId }),
      (list) => list.length === 2,
      'the held edits on the coordinator laptop',
    );
    for (const edit of held)
      await call(coordinator, 'workflow.decide', {
        campaignId: seeded.campaignId,
        changeId: edit.changeId,
        decision: 'reject',
      });

    const noteText = () =>
      inspector.profile.store.list('notes', { conversation_id: conversationId }).map((note) => note.text)[0];
    await call(inspector, 'sync.now', {});
    await until(
      async () => [noteText(), inspector.profile.store.get('swot_items', item.id)?.text],
      (values) => values[0] === 'De werking loopt goed.' && values[1] === 'Sterk team',
      'the approved values back on the author laptop',
    );
    const rejected = await until(
      () => call(inspector, 'workflow.ownHeld', { visitId }),
      (list) => list.length === 2 && list.every((edit) => edit.state === 'rejected'),
      'the rejections on the author laptop',
    );
    expect(rejected.map((edit) => edit.decidedBy)).toEqual(['regio@inspectie.be', 'regio@inspectie.be']);
    expect(new Set(rejected.map((edit) => edit.editedText))).toEqual(
      new Set(['De werking loopt slecht.', 'Zwak team']),
    );
    expect(rejected.find((edit) => edit.field === 'notes.text')?.record).toMatchObject({
      organisation: 'Agentschap Integratie Gent',
      conversation: 'Personeel',
    });

    // Every laptop reads the same: the coordinator's too, after it pulls the rejection's changes.
    await call(coordinator, 'sync.now', {});
    await until(
      async () =>
        coordinator.profile.store.list('notes', { conversation_id: conversationId }).map((note) => note.text)[0],
      (text) => text === 'De werking loopt goed.',
      'the approved note on the coordinator laptop',
    );
    expect(coordinator.profile.store.get('swot_items', item.id)?.text).toBe('Sterk team');

    // Read and dismissed: it no longer shows; a new round does not bring it back.
    const note = rejected.find((edit) => edit.field === 'notes.text');
    expect(
      await call(inspector, 'workflow.dismissOwnHeld', {
        campaignId: seeded.campaignId,
        changeId: note?.changeId ?? '',
      }),
    ).toEqual({ dismissed: true });
    await call(inspector, 'sync.now', {});
    await until(
      () => call(inspector, 'sync.status', {}),
      (status) => status.state === 'up-to-date',
      'another round',
    );
    expect((await call(inspector, 'workflow.ownHeld', { visitId })).map((edit) => edit.field)).toEqual([
      'swot_items.text',
    ]);
  });
});
