import { afterEach, describe, expect, it } from 'vitest';
import { saveNote } from '../../db/repositories/fieldwork';
import type { ChannelName, InputOf, OutputOf } from '../../shared/contract/channels';
import { tempDir } from '../support/profile';
import { startServices, type Services } from '../../services/runtime';

// The campaign search against a real profile: notes and documents, Dutch-aware, and every write path indexed.
describe('campaign search (FTS5) over captured notes and documents', () => {
  let services: Services | undefined;
  let profile: ReturnType<typeof tempDir> | undefined;

  afterEach(async () => {
    await services?.close();
    profile?.remove();
  });

  async function call<C extends ChannelName>(channel: C, payload: InputOf<C>): Promise<OutputOf<C>> {
    const result = await services!.dispatch(channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as OutputOf<C>;
  }

  it('finds notes and document text regardless of accents and case, follows edits and deletes, and keeps campaigns apart', async () => {
    profile = tempDir('veldwerk-search-');
    services = startServices({ profileDir: profile.dir, transport: 'http' });
    const campaign = await call('campaigns.create', { name: 'A', workingYear: '2014-2015' });
    const other = await call('campaigns.create', { name: 'B', workingYear: '2014-2015' });
    const setup = await call('setup.get', { campaignId: campaign.id });
    const organisation = await call('organisations.add', {
      campaignId: campaign.id,
      name: 'IC Gent',
      sectorId: setup.sectors[0]!.id,
      regionId: setup.regions[0]!.id,
    });
    const anna = await call('members.add', {
      campaignId: campaign.id,
      name: 'Anna',
      isInspector: true,
      isTeamLead: false,
      coordinatorOf: [],
      sectorLeadOf: [],
    });
    await call('identity.set', { campaignId: campaign.id, memberId: anna.id });
    const visit = await call('visits.create', {
      campaignId: campaign.id,
      organisationId: organisation.id,
      date: '2015-03-12',
      memberA: anna.id,
      memberB: null,
      status: 'planned',
    });
    const detail = await call('visit.get', { visitId: visit.id });
    const conversation = detail.conversations[0]!.conversation.id;

    await call('notes.save', {
      conversationId: conversation,
      guidingQuestionId: null,
      text: 'Samenwerking met het OCMW loopt stroef; coördinatie ontbreekt.',
    });
    await call('documents.add', {
      visitId: visit.id,
      title: 'Beleidsplan',
      fileName: 'beleidsplan.txt',
      mimeType: 'text/plain',
      content: Buffer.from('Het beleidsplan noemt de Coöperatie met scholen.').toString('base64'),
    });

    const notes = await call('search.query', { campaignId: campaign.id, query: 'COORDINATIE' });
    expect(notes.hits.map((hit) => [hit.kind, hit.organisationName, hit.authorName])).toEqual([
      ['note', 'IC Gent', 'Anna'],
    ]);
    expect(notes.hits[0]!.snippet).toContain('[[coördinatie]]');
    const documents = await call('search.query', { campaignId: campaign.id, query: 'cooperatie schol' });
    expect(documents.hits.map((hit) => [hit.kind, hit.title])).toEqual([['document', 'Beleidsplan']]);
    expect((await call('search.query', { campaignId: other.id, query: 'coordinatie' })).hits).toEqual([]);

    // An edit replaces the indexed text; a note arriving as a change (as sync applies it) is indexed too.
    await call('notes.save', { conversationId: conversation, guidingQuestionId: null, text: 'Alles loopt vlot.' });
    expect((await call('search.query', { campaignId: campaign.id, query: 'coordinatie' })).hits).toEqual([]);
    saveNote(services.profile.store, {
      conversationId: conversation,
      guidingQuestionId: setup.guidingQuestions[0]!.id,
      authorId: 'someone-else',
      text: 'Vrijwilligers helpen bij het onthaal.',
    });
    expect((await call('search.query', { campaignId: campaign.id, query: 'vrijwillig' })).hits).toHaveLength(1);

    // A retired document leaves the results; the index survives a restart.
    await call('documents.retire', {
      id: (await call('visit.get', { visitId: visit.id })).documents[0]!.document.id,
      retired: true,
    });
    expect((await call('search.query', { campaignId: campaign.id, query: 'beleidsplan' })).hits).toEqual([]);
    await services.close();
    services = startServices({ profileDir: profile.dir, transport: 'http' });
    expect((await call('search.query', { campaignId: campaign.id, query: 'onthaal' })).hits).toHaveLength(1);
  });
});
