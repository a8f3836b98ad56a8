import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBundle, importBundleBytes } from '../../db/store/bundle';
import { openConversation } from '../../db/repositories/fieldwork';
import type { ChannelName, InputOf, OutputOf } from '../../shared/contract/channels';
import type { Quadrant } from '../../shared/swot/quadrants';
import { startServices, type Services } from '../../services/runtime';
import { tempDir, testProfileKey } from '../support/profile';

// The SWOT services over the contract on real profiles: capture, clustering, the exact scoring
// rule, suggestions, the team SWOT rule, agreement and conflicts between two laptops.

interface Laptop {
  readonly services: Services;
  readonly remove: () => Promise<void>;
  /** Closes the app and starts it again on the same profile. */
  readonly restart: () => Promise<Laptop>;
  call<C extends ChannelName>(channel: C, payload: InputOf<C>): Promise<OutputOf<C>>;
  refuse<C extends ChannelName>(channel: C, payload: InputOf<C>): Promise<{ code: string; message: string }>;
}

function laptop(dir = tempDir('veldwerk-swot-')): Laptop {
  const services = startServices({
    profileDir: dir.dir,
    key: testProfileKey(dir.dir),
    transport: 'ipc',
    onInternalError: (_channel, error) => console.error(error),
  });
  return {
    services,
    remove: async () => {
      await services.close();
      dir.remove();
    },
    restart: async () => {
      await services.close();
      return laptop(dir);
    },
    call: async (channel, payload) => {
      const result = await services.dispatch(channel, payload);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      return result.value as never;
    },
    refuse: async (channel, payload) => {
      const result = await services.dispatch(channel, payload);
      if (result.ok) throw new Error(`${channel} was accepted`);
      return result.error;
    },
  };
}

interface Fixture {
  campaignId: string;
  sectorId: string;
  groupId: string;
  members: [string, string];
  conversations: string[];
}

/** A campaign with two inspectors and eight conversations with the staff of integration centres. */
async function seed(machine: Laptop, conversations = 8): Promise<Fixture> {
  const campaign = await machine.call('campaigns.create', { name: 'Integratie', workingYear: '2025-2026' });
  const store = machine.services.profile.store;
  const sector = store.list('sectors', { campaign_id: campaign.id }).find((row) => row.code === 'IC');
  const group = store
    .list('respondent_groups', { campaign_id: campaign.id, sector_id: sector?.id ?? '' })
    .find((row) => row.name === 'Personeel');
  const region = store.list('regions', { campaign_id: campaign.id })[0];
  if (!sector || !group || !region) throw new Error('the campaign template lacks IC, Personeel or a region');
  const anna = store.insert(
    'members',
    campaign.id,
    { name: 'Anna Peeters', is_inspector: true, is_team_lead: false, coordinator_of: [], sector_lead_of: [] },
    { id: 'm-anna' },
  );
  const bart = store.insert(
    'members',
    campaign.id,
    { name: 'Bart Claes', is_inspector: true, is_team_lead: false, coordinator_of: [], sector_lead_of: [] },
    { id: 'm-bart' },
  );
  const ids: string[] = [];
  for (let index = 0; index < conversations; index += 1) {
    const organisation = store.insert(
      'organisations',
      campaign.id,
      { sector_id: sector.id, region_id: region.id, name: `Centrum ${index + 1}` },
      { id: `org-${index + 1}` },
    );
    const visit = store.insert(
      'visits',
      campaign.id,
      {
        organisation_id: organisation,
        date: `2026-03-${String(index + 10).padStart(2, '0')}`,
        member_a: anna,
        member_b: bart,
        status: 'planned',
      },
      { id: `visit-${index + 1}` },
    );
    ids.push(openConversation(store, visit, [group.id]));
  }
  await machine.call('identity.set', { campaignId: campaign.id, memberId: anna });
  return { campaignId: campaign.id, sectorId: sector.id, groupId: group.id, members: [anna, bart], conversations: ids };
}

describe('SWOT services', () => {
  let a: Laptop;
  let f: Fixture;

  beforeEach(async () => {
    a = laptop();
    f = await seed(a);
  });

  afterEach(() => a.remove());

  const scope = () => ({ campaignId: f.campaignId, sectorId: f.sectorId, groupId: f.groupId });
  async function add(conversation: number, quadrant: Quadrant, text: string) {
    return a.call('swot.items.add', { conversationId: f.conversations[conversation] as string, quadrant, text });
  }

  it('refuses to capture before the user says who they are, and records the author after', async () => {
    const other = laptop();
    try {
      const campaign = await other.call('campaigns.create', { name: 'X', workingYear: '2025-2026' });
      const identity = await other.call('identity.get', { campaignId: campaign.id });
      expect(identity).toMatchObject({ memberId: null, members: [] });
    } finally {
      await other.remove();
    }
    const item = await add(0, 'strengths', 'Sterk netwerk');
    expect(item).toMatchObject({
      authorId: f.members[0],
      authorName: 'Anna Peeters',
      quadrant: 'strengths',
      lemmaId: null,
    });
    const capture = await a.call('swot.capture', { conversationId: f.conversations[0] as string });
    expect(capture.items.map((row) => row.text)).toEqual(['Sterk netwerk']);
    expect(capture.currentAuthorId).toBe(f.members[0]);
  });

  it('scores a lemma mentioned in 5 of 8 conversations as 6,3 and keeps single mentions out', async () => {
    const ids = [];
    for (const conversation of [0, 1, 2, 3, 4])
      ids.push((await add(conversation, 'strengths', `Goede samenwerking ${conversation}`)).id);
    ids.push((await add(4, 'strengths', 'Nog een keer samenwerking')).id);
    const lonely = await add(5, 'weaknesses', 'Wachtlijsten');
    await add(6, 'threats', 'Besparingen');
    await add(7, 'threats', '  besparingen ');
    const lemma = await a.call('swot.lemmas.create', {
      ...scope(),
      quadrant: 'strengths',
      name: 'Samenwerking',
      itemIds: ids,
    });

    const board = await a.call('swot.board', scope());
    expect(board.conversations).toHaveLength(8);
    expect(board.scored.strengths).toEqual([
      expect.objectContaining({
        rank: 1,
        lemmaId: lemma.id,
        name: 'Samenwerking',
        conversations: 5,
        score: 6.3,
        display: '6,3',
      }),
    ]);
    // Unclustered text in two conversations is retained by its text; a single mention is not.
    expect(board.scored.threats).toEqual([
      expect.objectContaining({ lemmaId: null, name: 'Besparingen', conversations: 2, display: '2,5' }),
    ]);
    expect(board.notRetainedItemIds).toEqual([lonely.id]);
    const row = board.matrix.rows.find((candidate) => candidate.lemmaId === lemma.id);
    expect(row?.cells).toEqual([1, 1, 1, 1, 2, 0, 0, 0]);
    // Nothing was deleted: the not-retained item is still on the board.
    expect(board.items.map((item) => item.id)).toContain(lonely.id);
  });

  it('merges, splits, moves and removes lemmas without losing an item', async () => {
    const first = await add(0, 'weaknesses', 'Te weinig personeel');
    const second = await add(1, 'weaknesses', 'Personeelstekort');
    const third = await add(2, 'weaknesses', 'Hoge werkdruk');
    const staff = await a.call('swot.lemmas.create', {
      ...scope(),
      quadrant: 'weaknesses',
      name: 'Personeel',
      itemIds: [first.id, second.id],
    });
    const load = await a.call('swot.lemmas.create', {
      ...scope(),
      quadrant: 'weaknesses',
      name: 'Werkdruk',
      itemIds: [third.id],
    });
    await a.call('swot.lemmas.narrative', { lemmaId: load.id, text: 'Medewerkers ervaren een hoge werkdruk.' });

    const merged = await a.call('swot.lemmas.merge', { sourceId: load.id, targetId: staff.id });
    expect(merged.narrative).toBe('Medewerkers ervaren een hoge werkdruk.');
    let board = await a.call('swot.board', scope());
    expect(board.lemmas.map((lemma) => lemma.name)).toEqual(['Personeel']);
    expect(board.scored.weaknesses[0]).toMatchObject({ conversations: 3, display: '3,8' });

    const split = await a.call('swot.lemmas.split', { lemmaId: staff.id, itemIds: [third.id], name: 'Werkdruk' });
    await a.call('swot.lemmas.move', { lemmaId: split.id, quadrant: 'threats' });
    board = await a.call('swot.board', scope());
    expect(board.items.find((item) => item.id === third.id)).toMatchObject({ lemmaId: split.id, quadrant: 'threats' });

    await a.call('swot.lemmas.remove', { lemmaId: split.id });
    board = await a.call('swot.board', scope());
    expect(board.items).toHaveLength(3);
    expect(board.items.find((item) => item.id === third.id)).toMatchObject({ lemmaId: null, quadrant: 'threats' });

    const self = await a.refuse('swot.lemmas.merge', { sourceId: staff.id, targetId: staff.id });
    expect(self.code).toBe('INVALID_INPUT');
    const blank = await a.refuse('swot.items.add', {
      conversationId: f.conversations[0] as string,
      quadrant: 'strengths',
      text: '   ',
    });
    expect(blank.code).toBe('INVALID_INPUT');
  });

  it('suggests groupings and lemmas without changing anything', async () => {
    await add(0, 'opportunities', 'Samenwerking met scholen versterken');
    await add(1, 'opportunities', 'Betere samenwerking met de scholen');
    await add(2, 'opportunities', 'Nieuwe subsidies voor taalcursussen');
    const before = await a.call('swot.board', scope());
    const suggestions = await a.call('swot.suggestions', scope());
    expect(suggestions.groups.length).toBeGreaterThan(0);
    expect(suggestions.groups[0]?.itemIds).toHaveLength(2);
    expect(suggestions.groups[0]?.terms.length).toBeGreaterThan(0);
    const after = await a.call('swot.board', scope());
    expect(after).toEqual(before);
  });

  it('never proposes a rejected suggestion again: after a restart and on the partner laptop', async () => {
    await add(0, 'opportunities', 'Samenwerking met scholen versterken');
    await add(1, 'opportunities', 'Betere samenwerking met de scholen');
    const loose = await add(2, 'threats', 'Lange wachtlijsten voor de taalcursus');
    await add(3, 'threats', 'Wachtlijsten voor de cursussen');
    const budget = await a.call('swot.lemmas.create', {
      ...scope(),
      quadrant: 'threats',
      name: 'Wachtlijsten',
      itemIds: [],
    });
    const courses = await a.call('swot.lemmas.create', {
      ...scope(),
      quadrant: 'threats',
      name: 'Taalcursussen',
      itemIds: [],
    });
    const first = await a.call('swot.suggestions', scope());
    const group = first.groups.find((candidate) => candidate.quadrant === 'opportunities');
    const hint = first.lemmas.find((candidate) => candidate.itemId === loose.id);
    expect(group?.itemIds).toHaveLength(2);
    expect([budget.id, courses.id]).toContain(hint?.lemmaId);
    await a.call('swot.suggestions.reject', { ...scope(), itemIds: [...(group?.itemIds ?? [])], lemmaId: null });
    await a.call('swot.suggestions.reject', { ...scope(), itemIds: [loose.id], lemmaId: hint?.lemmaId ?? null });
    // Rejecting twice is one record (a deterministic id), and the board's data is unchanged.
    await a.call('swot.suggestions.reject', {
      ...scope(),
      itemIds: [...(group?.itemIds ?? [])].reverse(),
      lemmaId: null,
    });
    expect(a.services.profile.store.list('suggestion_rejections', { campaign_id: f.campaignId })).toHaveLength(2);

    const without = (suggestions: Awaited<ReturnType<typeof a.call<'swot.suggestions'>>>) => {
      expect(suggestions.groups.some((candidate) => candidate.key === group?.key)).toBe(false);
      const next = suggestions.lemmas.find((candidate) => candidate.itemId === loose.id);
      // The next best lemma is proposed instead of the rejected one (or none).
      expect(next?.lemmaId).not.toBe(hint?.lemmaId);
    };
    without(await a.call('swot.suggestions', scope()));

    // A restart of the app reads the rejections from the profile.
    a = await a.restart();
    without(await a.call('swot.suggestions', scope()));
    // The partner's laptop gets them with the rest of the changes.
    const b = laptop();
    try {
      await importBundleBytes(b.services.profile.store, (await createBundle(a.services.profile.store)).bytes);
      without(await b.call('swot.suggestions', scope()));
    } finally {
      await b.remove();
    }
  });

  it('refuses to reject a suggestion outside the scope or of the wrong shape', async () => {
    const item = await add(0, 'strengths', 'Netwerk');
    expect((await a.refuse('swot.suggestions.reject', { ...scope(), itemIds: ['nope'], lemmaId: null })).code).toBe(
      'NOT_FOUND',
    );
    expect((await a.refuse('swot.suggestions.reject', { ...scope(), itemIds: [item.id], lemmaId: null })).code).toBe(
      'INVALID_INPUT',
    );
    expect(
      (await a.refuse('swot.suggestions.reject', { ...scope(), itemIds: [item.id], lemmaId: 'no-such-lemma' })).code,
    ).toBe('NOT_FOUND');
  });

  it('enforces exactly five lemmas per quadrant for the team SWOT, listed alphabetically', async () => {
    let team = await a.call('swot.team', { campaignId: f.campaignId, sectorId: f.sectorId });
    expect(team.missing).toEqual({ strengths: 5, weaknesses: 5, opportunities: 5, threats: 5 });
    for (const name of ['Netwerk', 'Aanbod', 'Expertise', 'Maatwerk', 'Bereik']) {
      await a.call('swot.lemmas.create', {
        campaignId: f.campaignId,
        sectorId: f.sectorId,
        groupId: team.groupId,
        quadrant: 'strengths',
        name,
        itemIds: [],
      });
    }
    const sixth = await a.refuse('swot.lemmas.create', {
      campaignId: f.campaignId,
      sectorId: f.sectorId,
      groupId: team.groupId,
      quadrant: 'strengths',
      name: 'Zesde',
      itemIds: [],
    });
    expect(sixth.code).toBe('CONFLICT');
    team = await a.call('swot.team', { campaignId: f.campaignId, sectorId: f.sectorId });
    expect(team.lemmas.strengths.map((lemma) => lemma.name)).toEqual([
      'Aanbod',
      'Bereik',
      'Expertise',
      'Maatwerk',
      'Netwerk',
    ]);
    expect(team.missing.strengths).toBe(0);
    // The team's lemmas are not part of any respondent group's scored board.
    const board = await a.call('swot.board', scope());
    expect(board.lemmas).toEqual([]);
  });

  it('computes agreement between two members who clustered blind on their own laptops', async () => {
    const items = [
      await add(0, 'strengths', 'Netwerk'),
      await add(1, 'strengths', 'Netwerk'),
      await add(2, 'strengths', 'Taal'),
      await add(3, 'strengths', 'Taal'),
    ];
    const b = laptop();
    try {
      await importBundleBytes(b.services.profile.store, (await createBundle(a.services.profile.store)).bytes);
      await b.call('identity.set', { campaignId: f.campaignId, memberId: f.members[1] });
      // Each makes their own lemmas; the same names on both sides mean the same theme.
      for (const [machine, choice] of [
        [a, [0, 0, 1, 1]],
        [b, [0, 0, 0, 1]],
      ] as const) {
        const network = await machine.call('swot.lemmas.create', {
          ...scope(),
          quadrant: 'strengths',
          name: 'Netwerk',
          itemIds: [],
        });
        const language = await machine.call('swot.lemmas.create', {
          ...scope(),
          quadrant: 'strengths',
          name: 'taal ',
          itemIds: [],
        });
        for (const [index, item] of items.entries()) {
          await machine.call('swot.items.assign', {
            itemIds: [item.id],
            lemmaId: choice[index] === 0 ? network.id : language.id,
          });
        }
      }
      await importBundleBytes(a.services.profile.store, (await createBundle(b.services.profile.store)).bytes);
      const agreement = await a.call('swot.agreement', { ...scope(), memberA: f.members[0], memberB: f.members[1] });
      // Observed 3/4; expected (2·3 + 2·1)/16 = 0.5; kappa (0.75 − 0.5)/(1 − 0.5) = 0.5.
      expect(agreement).toMatchObject({ items: 4, observed: 0.75, expected: 0.5, kappa: 0.5 });
    } finally {
      await b.remove();
    }
  });

  it('shows concurrent lemma choices of two laptops as a conflict and resolves it', async () => {
    const item = await add(0, 'strengths', 'Sterk netwerk');
    const one = await a.call('swot.lemmas.create', { ...scope(), quadrant: 'strengths', name: 'Netwerk', itemIds: [] });
    const two = await a.call('swot.lemmas.create', {
      ...scope(),
      quadrant: 'strengths',
      name: 'Samenwerking',
      itemIds: [],
    });
    const b = laptop();
    try {
      const storeA = a.services.profile.store;
      const storeB = b.services.profile.store;
      await importBundleBytes(storeB, (await createBundle(storeA)).bytes);
      await b.call('identity.set', { campaignId: f.campaignId, memberId: f.members[1] });
      await a.call('swot.items.assign', { itemIds: [item.id], lemmaId: one.id });
      await b.call('swot.items.assign', { itemIds: [item.id], lemmaId: two.id });
      await importBundleBytes(storeA, (await createBundle(storeB)).bytes);
      await importBundleBytes(storeB, (await createBundle(storeA)).bytes);
      const boardA = await a.call('swot.board', scope());
      const boardB = await b.call('swot.board', scope());
      expect(boardA.conflicts).toHaveLength(1);
      expect(boardA.conflicts[0]).toMatchObject({ itemId: item.id, column: 'lemma_id' });
      // The card names the record: the item's text, and the organisation and date of its visit.
      expect(boardA.conflicts[0]?.record).toMatchObject({
        table: 'swot_items',
        name: 'Sterk netwerk',
        organisation: 'Centrum 1',
        date: '2026-03-10',
      });
      expect([boardA.conflicts[0]?.mine, boardA.conflicts[0]?.theirs].sort()).toEqual(['Netwerk', 'Samenwerking']);
      expect(boardB.items.find((row) => row.id === item.id)?.lemmaId).toBe(
        boardA.items.find((row) => row.id === item.id)?.lemmaId,
      );

      await a.call('swot.conflicts.resolve', { conflictId: boardA.conflicts[0]!.id, choice: 'mine' });
      const resolved = await a.call('swot.board', scope());
      expect(resolved.conflicts).toEqual([]);
      expect(resolved.items.find((row) => row.id === item.id)?.lemmaId).toBe(one.id);
    } finally {
      await b.remove();
    }
  });
});
