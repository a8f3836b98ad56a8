import { openConversation } from '../../db/repositories/fieldwork';
import type { Services } from '../../services/runtime';

export interface SeededCampaign {
  readonly campaignId: string;
  readonly sectorId: string;
  readonly groupId: string;
  readonly members: readonly [string, string];
  readonly visits: readonly string[];
  readonly conversations: readonly string[];
}

/**
 * A campaign made through the contract (so it has the default sectors, groups and regions), with
 * two inspectors and visits to integration centres, each with a conversation with the staff.
 */
export async function seedFieldwork(
  services: Services,
  options: { visits?: number; identity?: 0 | 1 | null; name?: string } = {},
): Promise<SeededCampaign> {
  const created = await services.dispatch('campaigns.create', {
    name: options.name ?? 'Doorlichting integratie',
    workingYear: '2025-2026',
  });
  if (!created.ok) throw new Error(created.error.message);
  const campaignId = (created.value as { id: string }).id;
  const store = services.profile.store;
  const sector = store.list('sectors', { campaign_id: campaignId }).find((row) => row.code === 'IC');
  const group = store
    .list('respondent_groups', { campaign_id: campaignId, sector_id: sector?.id ?? '' })
    .find((row) => row.name === 'Personeel');
  const region = store.list('regions', { campaign_id: campaignId }).find((row) => row.name === 'Gent');
  if (!sector || !group || !region) throw new Error('the campaign template lacks IC, Personeel or Gent');
  const members = [
    store.insert('members', campaignId, {
      name: 'Anna Peeters',
      // A member's address ties it to a server account: changes signed as Anna pass only from hers.
      email: 'anna@inspectie.be',
      is_inspector: true,
      is_team_lead: false,
      coordinator_of: [],
      sector_lead_of: [],
    }),
    store.insert('members', campaignId, {
      name: 'Bart Claes',
      email: 'bart@inspectie.be',
      is_inspector: true,
      is_team_lead: true,
      coordinator_of: [],
      sector_lead_of: [],
    }),
  ] as const;
  const names = ['Agentschap Integratie Gent', 'Integratiecentrum De Brug', 'Centrum Samenleven', 'Huis van Morgen'];
  const visits: string[] = [];
  const conversations: string[] = [];
  for (let index = 0; index < (options.visits ?? 2); index += 1) {
    const organisation = store.insert('organisations', campaignId, {
      sector_id: sector.id,
      region_id: region.id,
      name: names[index % names.length] ?? `Centrum ${index}`,
    });
    const visit = store.insert('visits', campaignId, {
      organisation_id: organisation,
      date: `2026-03-${String(10 + index).padStart(2, '0')}`,
      member_a: members[0],
      member_b: members[1],
      status: 'planned',
    });
    visits.push(visit);
    conversations.push(openConversation(store, visit, [group.id]));
  }
  const identity = options.identity === undefined ? 0 : options.identity;
  if (identity !== null) {
    const set = await services.dispatch('identity.set', { campaignId, memberId: members[identity] });
    if (!set.ok) throw new Error(set.error.message);
  }
  return { campaignId, sectorId: sector.id, groupId: group.id, members, visits, conversations };
}
