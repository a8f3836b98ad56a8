import { afterAll, describe, expect, it } from 'vitest';
import { createBundle } from '../../db/store/bundle';
import type { Services } from '../../services/runtime';
import { signBundle } from '../../services/duo/signed-file';
import { loadOrCreateIdentity } from '../../services/lan/identity';
import type { InputOf } from '../../shared/contract/channels';
import { seedFieldwork } from '../support/seed';
import { tempDir } from '../support/profile';
import { call, exportDuoFile, refusal, until, useLaptopsWithServer } from '../support/services';
import { makeChanges } from './server-support';

/**
 * Signed duo files (issue 10): a file names its maker (member, laptop fingerprint, date) under a
 * signature of the maker laptop's key; import verifies it, asks before trusting a laptop it does
 * not know, and refuses a forged file (a tampered body, an edited header, a change on the maker's
 * laptop signed as someone else, a change claiming the importing laptop, a known laptop's id
 * under another key) with nothing changed.
 */
describe('signed duo files', () => {
  const env = useLaptopsWithServer('veldwerk-duo-signed-');

  async function importFile(services: Services, payload: InputOf<'duo.import'>) {
    const { jobId } = await call(services, 'duo.import', payload);
    return until(
      () => call(services, 'jobs.import', { jobId }),
      (view) => view.state !== 'running',
      'the import',
    );
  }
  const count = (services: Services) => services.profile.store.changesAfter(0, 1_000_000).length;

  it('shows who made a file, imports it only once that laptop is confirmed, and refuses forged files', async () => {
    const anna = env.laptop();
    const seeded = await seedFieldwork(anna, { visits: 1 });
    const [annaMember, bartMember] = seeded.members;
    const file = await exportDuoFile(anna, seeded.campaignId);
    const bart = env.laptop();

    // Who made it, before anything is imported; an unconfirmed maker is refused, as is a wrong fingerprint.
    const shown = await call(bart, 'duo.inspect', { base64: file.base64 });
    expect(shown).toMatchObject({ trust: 'new', maker: { name: 'Anna Peeters', node: anna.profile.store.node } });
    expect(shown.maker.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(shown.maker.fingerprintShort).toMatch(/^([0-9a-f]{4} ){7}[0-9a-f]{4}$/);
    const unconfirmed = await importFile(bart, { fileName: 'a.vwb', base64: file.base64, campaignId: null });
    expect(unconfirmed).toMatchObject({ state: 'failed', errorCode: 'duo-unknown-maker' });
    const wrong = await importFile(bart, {
      fileName: 'a.vwb',
      base64: file.base64,
      campaignId: null,
      trustSigner: 'f'.repeat(64),
    });
    expect(wrong).toMatchObject({ state: 'failed', errorCode: 'duo-unknown-maker' });
    expect(count(bart)).toBe(0);
    const imported = await importFile(bart, {
      fileName: 'a.vwb',
      base64: file.base64,
      campaignId: null,
      trustSigner: shown.maker.fingerprint,
    });
    expect(imported).toMatchObject({ state: 'done', result: { applied: file.count } });
    // Pinned: Anna's next file is known.
    const next = await exportDuoFile(anna, seeded.campaignId);
    expect((await call(bart, 'duo.inspect', { base64: next.base64 })).trust).toBe('known');
    const before = count(bart);

    // A changed byte of the body, or an edited maker name: refused, nothing changed.
    const bytes = Buffer.from(next.base64, 'base64');
    const tampered = Buffer.from(bytes);
    tampered[tampered.length - 10] = (tampered[tampered.length - 10] ?? 0) ^ 0xff;
    const renamed = Buffer.from(bytes.toString('latin1').replace('"Anna Peeters"', '"Bart Claes!!"'), 'latin1');
    for (const [forged, code] of [
      [tampered, 'duo-tampered'],
      [renamed, 'duo-bad-signature'],
    ] as const) {
      const base64 = forged.toString('base64');
      const error = await refusal(bart, 'duo.inspect', { base64 });
      expect(error.code).toBe('CONFLICT');
      const result = await importFile(bart, { fileName: 'x.vwb', base64, campaignId: seeded.campaignId });
      expect(result).toMatchObject({ state: 'failed', errorCode: code });
    }
    // A plain, unsigned bundle (an older Veldwerk, or hand-made) is refused too.
    const plain = (await createBundle(anna.profile.store, { campaign: seeded.campaignId })).bytes;
    const unsigned = await importFile(bart, {
      fileName: 'x.vwb',
      base64: Buffer.from(plain).toString('base64'),
      campaignId: seeded.campaignId,
    });
    expect(unsigned).toMatchObject({ state: 'failed', errorCode: 'duo-unsigned' });

    // Another laptop's genuine key, but a change made on it signed as Bart (the team lead): refused.
    const mallory = env.laptop();
    await importFile(mallory, {
      fileName: 'a.vwb',
      base64: file.base64,
      campaignId: null,
      trustSigner: shown.maker.fingerprint,
    });
    await call(mallory, 'identity.set', { campaignId: seeded.campaignId, memberId: annaMember });
    mallory.profile.store.insert(
      'good_practices',
      seeded.campaignId,
      { visit_id: seeded.visits[0] as string, text: 'Bart zegt dat alles goed is' },
      { author: bartMember },
    );
    const forgedAuthor = await exportDuoFile(mallory, seeded.campaignId);
    const malloryShown = await call(bart, 'duo.inspect', { base64: forgedAuthor.base64 });
    const refusedAuthor = await importFile(bart, {
      fileName: 'm.vwb',
      base64: forgedAuthor.base64,
      campaignId: seeded.campaignId,
      trustSigner: malloryShown.maker.fingerprint,
    });
    expect(refusedAuthor).toMatchObject({ state: 'failed', errorCode: 'duo-forged-author' });

    // A change that claims to be made on Bart's own laptop, relayed in Mallory's signed file: refused.
    const claims = makeChanges(bart.profile.store.node, seeded.campaignId, [
      { table: 'good_practices', rowId: 'gp-claimed', column: 'visit_id', value: seeded.visits[0] as string },
      { table: 'good_practices', rowId: 'gp-claimed', column: 'text', value: 'Dit schreef Bart niet' },
    ]);
    const third = env.laptop();
    await importFile(third, {
      fileName: 'a.vwb',
      base64: file.base64,
      campaignId: null,
      trustSigner: shown.maker.fingerprint,
    });
    third.profile.store.applyRemote(claims, 'bundle');
    const ownNode = await exportDuoFile(third, seeded.campaignId);
    const thirdShown = await call(bart, 'duo.inspect', { base64: ownNode.base64 });
    const refusedOwn = await importFile(bart, {
      fileName: 't.vwb',
      base64: ownNode.base64,
      campaignId: seeded.campaignId,
      trustSigner: thirdShown.maker.fingerprint,
    });
    expect(refusedOwn).toMatchObject({ state: 'failed', errorCode: 'duo-own-node' });

    // Anna's laptop id under another key (someone who copied her node id): refused, even when "confirmed".
    const stranger = await loadOrCreateIdentity(tempDirFor('veldwerk-duo-stranger-'));
    const impostor = signBundle(
      (await createBundle(anna.profile.store, { campaign: seeded.campaignId })).bytes,
      stranger,
      { name: 'Anna Peeters', members: { [seeded.campaignId]: annaMember }, node: anna.profile.store.node },
    );
    const impostorBase64 = impostor.toString('base64');
    expect((await refusal(bart, 'duo.inspect', { base64: impostorBase64 })).message).toMatch(/another key/);
    const refusedImpostor = await importFile(bart, {
      fileName: 'i.vwb',
      base64: impostorBase64,
      campaignId: seeded.campaignId,
      trustSigner: stranger.fingerprint,
    });
    expect(refusedImpostor).toMatchObject({ state: 'failed', errorCode: 'duo-bad-signature' });

    expect(count(bart)).toBe(before);
    expect(bart.profile.store.get('good_practices', 'gp-claimed')).toBeUndefined();
  });

  // Issue 10: a duo partner brings a second campaign to a profile that has one; a campaign whose
  // team does not have this laptop's person stays refused as foreign.
  it("takes in a partner's second campaign whose team has this person, and refuses a stranger's", async () => {
    const anna = env.laptop();
    const first = await seedFieldwork(anna, { visits: 1 });
    const bart = env.laptop();
    const file = await exportDuoFile(anna, first.campaignId);
    const shown = await call(bart, 'duo.inspect', { base64: file.base64 });
    const trustSigner = shown.maker.fingerprint;
    expect(
      await importFile(bart, { fileName: 'a.vwb', base64: file.base64, campaignId: null, trustSigner }),
    ).toMatchObject({ state: 'done' });
    await call(bart, 'identity.set', { campaignId: first.campaignId, memberId: first.members[1] });

    // Anna's second campaign, with Bart (bart@inspectie.be) on its team.
    const second = await call(anna, 'campaigns.create', { name: 'Tweede campagne', workingYear: '2026-2027' });
    for (const [name, email] of [
      ['Anna Peeters', 'anna@inspectie.be'],
      ['Bart Claes', 'Bart@inspectie.be'],
    ] as const)
      await call(anna, 'members.add', {
        campaignId: second.id,
        name,
        email,
        isInspector: true,
        isTeamLead: name === 'Bart Claes',
        coordinatorOf: [],
        sectorLeadOf: [],
      });
    const secondFile = await exportDuoFile(anna, second.id);
    const brought = await importFile(bart, { fileName: 'b.vwb', base64: secondFile.base64, campaignId: null });
    expect(brought).toMatchObject({ state: 'done', result: { applied: secondFile.count } });
    expect(bart.profile.store.knownCampaigns()).toContain(second.id);

    // A campaign whose team does not have Bart: refused, nothing changed.
    const third = await call(anna, 'campaigns.create', { name: 'Andermans campagne', workingYear: '2026-2027' });
    await call(anna, 'members.add', {
      campaignId: third.id,
      name: 'Carl Smet',
      email: 'carl@inspectie.be',
      isInspector: true,
      isTeamLead: true,
      coordinatorOf: [],
      sectorLeadOf: [],
    });
    const thirdFile = await exportDuoFile(anna, third.id);
    const before = count(bart);
    const refused = await importFile(bart, { fileName: 'c.vwb', base64: thirdFile.base64, campaignId: null });
    expect(refused).toMatchObject({ state: 'failed', errorCode: 'bundle-foreign-campaign' });
    expect(count(bart)).toBe(before);
    expect(bart.profile.store.knownCampaigns()).not.toContain(third.id);
  });

  // Issue 10: a laptop whose person has no "Ik ben" with an address and no sync account cannot
  // tell that a partner's second campaign is theirs: it is refused as foreign unless the person,
  // shown who signed the file and which campaign it brings, allows it (as the CLI's --allow-new-campaign).
  it('takes a campaign refused as foreign only when the person allows it, after seeing signer and campaign', async () => {
    const anna = env.laptop();
    const first = await seedFieldwork(anna, { visits: 1 });
    const bart = env.laptop();
    const firstFile = await exportDuoFile(anna, first.campaignId);
    const trustSigner = (await call(bart, 'duo.inspect', { base64: firstFile.base64 })).maker.fingerprint;
    await importFile(bart, { fileName: 'a.vwb', base64: firstFile.base64, campaignId: null, trustSigner });
    // Bart chose nobody as "Ik ben" and has no sync account.
    const second = await call(anna, 'campaigns.create', { name: 'Opvolging 2027', workingYear: '2026-2027' });
    const member = await call(anna, 'members.add', {
      campaignId: second.id,
      name: 'Anna Peeters',
      email: 'anna@inspectie.be',
      isInspector: true,
      isTeamLead: true,
      coordinatorOf: [],
      sectorLeadOf: [],
    });
    await call(anna, 'identity.set', { campaignId: second.id, memberId: member.id });
    const file = await exportDuoFile(anna, second.id);

    const shown = await call(bart, 'duo.inspect', { base64: file.base64 });
    expect(shown).toMatchObject({
      trust: 'known',
      maker: { name: 'Anna Peeters' },
      needsNewCampaignConsent: true,
      unverifiedRelayed: 0,
      campaigns: [{ id: second.id, name: 'Opvolging 2027', isNew: true, teamHasYou: false }],
    });
    const before = count(bart);
    const refused = await importFile(bart, { fileName: 'b.vwb', base64: file.base64, campaignId: null });
    expect(refused).toMatchObject({ state: 'failed', errorCode: 'bundle-foreign-campaign' });
    expect(count(bart)).toBe(before);
    const allowed = await importFile(bart, {
      fileName: 'b.vwb',
      base64: file.base64,
      campaignId: null,
      allowNewCampaign: true,
    });
    expect(allowed).toMatchObject({ state: 'done', result: { applied: file.count, setAside: 0 } });
    expect(bart.profile.store.get('campaigns', second.id)?.name).toBe('Opvolging 2027');
    // The same file again: nothing new, and no campaign left to consent to.
    expect((await call(bart, 'duo.inspect', { base64: file.base64 })).needsNewCampaignConsent).toBe(false);
  });

  // Issue 10: in a campaign the importer never had from the server, a change a file passes on
  // from a third laptop is not taken on the maker's word; what nothing trusted ties to its author
  // is set aside (RELAYED_UNVERIFIED), visibly, and applied by nobody.
  it('sets aside a relayed change whose author nothing trusted ties to its laptop, in a fresh campaign', async () => {
    const anna = env.laptop();
    const seeded = await seedFieldwork(anna, { visits: 1 });
    const [annaMember, bartMember] = seeded.members;
    const visit = seeded.visits[0] as string;
    anna.profile.store.insert(
      'good_practices',
      seeded.campaignId,
      { visit_id: visit, text: 'Anna schreef dit' },
      { author: annaMember },
    );
    const annaFile = await exportDuoFile(anna, seeded.campaignId);
    // Carl takes Anna's own file first: he pinned her laptop, with Anna as its member.
    const carl = env.laptop();
    const annaFingerprint = (await call(carl, 'duo.inspect', { base64: annaFile.base64 })).maker.fingerprint;
    await importFile(carl, {
      fileName: 'a.vwb',
      base64: annaFile.base64,
      campaignId: null,
      trustSigner: annaFingerprint,
    });
    // Then Anna writes more, which reaches Carl only through Mallory's file.
    anna.profile.store.insert(
      'good_practices',
      seeded.campaignId,
      { visit_id: visit, text: 'Anna schreef nog dit' },
      { author: annaMember },
    );
    const annaLater = await exportDuoFile(anna, seeded.campaignId);

    // Mallory took Anna's files, then forges a change "of the team lead" on a laptop id of her choosing.
    const mallory = env.laptop();
    for (const file of [annaFile, annaLater])
      await importFile(mallory, {
        fileName: 'a.vwb',
        base64: file.base64,
        campaignId: null,
        trustSigner: annaFingerprint,
      });
    const forged = makeChanges(
      'f0f0f0f0f0f0f0f0',
      seeded.campaignId,
      [
        { table: 'good_practices', rowId: 'gp-forged', column: 'visit_id', value: visit },
        { table: 'good_practices', rowId: 'gp-forged', column: 'text', value: 'Bart keurt alles goed' },
      ],
      { author: bartMember },
    );
    mallory.profile.store.applyRemote(forged, 'bundle');
    const malloryFile = await exportDuoFile(mallory, seeded.campaignId);
    const malloryFingerprint = (await call(carl, 'duo.inspect', { base64: malloryFile.base64 })).maker.fingerprint;
    const practiceOf = (services: Services, text: string) =>
      services.profile.store
        .list('good_practices', { campaign_id: seeded.campaignId })
        .find((row) => row.text === text);
    const annaPractice = practiceOf(anna, 'Anna schreef dit');
    expect(annaPractice).toBeDefined();

    // Carl: Anna's relayed change is tied to her laptop (pinned) and applies; the forgery is set aside.
    const carlImport = await importFile(carl, {
      fileName: 'm.vwb',
      base64: malloryFile.base64,
      campaignId: seeded.campaignId,
      trustSigner: malloryFingerprint,
    });
    expect(carlImport).toMatchObject({ state: 'done', result: { setAside: 2 } });
    expect(practiceOf(carl, 'Anna schreef nog dit')).toBeDefined();
    expect(carl.profile.store.get('good_practices', 'gp-forged')).toBeUndefined();
    const carlAside = await call(carl, 'setAside.list', { campaignId: seeded.campaignId });
    expect(carlAside.map((item) => item.code)).toEqual(['RELAYED_UNVERIFIED', 'RELAYED_UNVERIFIED']);
    expect(carlAside.every((item) => item.author === 'Bart Claes' && item.source === 'bundle')).toBe(true);
    // Trying again does not take it on the relayer's word after all.
    const retried = await call(carl, 'setAside.retry', {
      campaignId: seeded.campaignId,
      changeId: carlAside[0]?.id ?? '',
    });
    expect(retried).toEqual({ state: 'refused', code: 'RELAYED_UNVERIFIED' });
    expect(carl.profile.store.get('good_practices', 'gp-forged')).toBeUndefined();

    // Dave knows nobody: Mallory's own changes come in, every change relayed as a person is set aside,
    // which the preview says before anything is imported.
    const dave = env.laptop();
    const davePreview = await call(dave, 'duo.inspect', { base64: malloryFile.base64 });
    expect(davePreview.unverifiedRelayed).toBeGreaterThan(2);
    const daveImport = await importFile(dave, {
      fileName: 'm.vwb',
      base64: malloryFile.base64,
      campaignId: null,
      trustSigner: malloryFingerprint,
    });
    expect(daveImport.state).toBe('done');
    expect(dave.profile.store.get('good_practices', 'gp-forged')).toBeUndefined();
    expect(dave.profile.store.get('good_practices', annaPractice?.id ?? '')).toBeUndefined();
    const daveAside = await call(dave, 'setAside.list', { campaignId: seeded.campaignId });
    expect(daveAside.length).toBeGreaterThan(2);
    expect(new Set(daveAside.map((item) => item.code))).toEqual(new Set(['RELAYED_UNVERIFIED']));
    expect(daveAside.some((item) => item.author === 'Anna Peeters')).toBe(true);

    // Anna's own file verifies her changes: they apply and leave Dave's set-aside list; the forgery stays.
    await importFile(dave, {
      fileName: 'a.vwb',
      base64: annaLater.base64,
      campaignId: null,
      trustSigner: annaFingerprint,
    });
    expect(dave.profile.store.get('good_practices', annaPractice?.id ?? '')?.text).toBe('Anna schreef dit');
    const left = await call(dave, 'setAside.list', { campaignId: seeded.campaignId });
    expect(left.map((item) => item.author)).toEqual(['Bart Claes', 'Bart Claes']);
  });

  const folders: ReturnType<typeof tempDir>[] = [];
  afterAll(() => folders.forEach((folder) => folder.remove()));
  function tempDirFor(prefix: string): string {
    const folder = tempDir(prefix);
    folders.push(folder);
    return folder.dir;
  }
});
