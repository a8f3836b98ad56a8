import type { Profile } from '../../db/profile';
import { openConversation } from '../../db/repositories/fieldwork';
import type { LocalStore } from '../../db/store/store';
import type { planningChannels } from '../../shared/contract/planning';
import { ServiceError } from '../errors';
import type { HandlersOf } from '../handler';
import { signedBy } from '../identity';
import { retireRecord } from '../undo/retire';

type PlanningHandlers = HandlersOf<typeof planningChannels>;

function requireMembers(store: LocalStore, campaignId: string, ids: ReadonlyArray<string | null>): void {
  for (const id of ids) {
    if (id === null) continue;
    const member = store.get('members', id);
    if (!member || member.campaign_id !== campaignId) {
      throw new ServiceError('INVALID_INPUT', `No team member ${id} in this campaign`, [
        { path: 'memberA', message: 'Choose a member of the team.', key: 'planning.errors.memberUnknown' },
      ]);
    }
  }
}

function requireOrganisation(store: LocalStore, campaignId: string, id: string) {
  const organisation = store.get('organisations', id);
  if (!organisation || organisation.campaign_id !== campaignId) {
    throw new ServiceError('INVALID_INPUT', `No organisation ${id} in this campaign`, [
      { path: 'organisationId', message: 'Choose an organisation.', key: 'planning.errors.organisationRequired' },
    ]);
  }
  return organisation;
}

/**
 * The conversations a visit starts with: one per respondent group of the organisation's sector
 * (deterministic ids, so the duo's two laptops planning offline get the same rows).
 */
export function planDefaultConversations(store: LocalStore, visitId: string, sectorId: string | null): void {
  if (!sectorId) return;
  const groups = store.list('respondent_groups', { sector_id: sectorId }, { orderBy: ['sort_order', 'id'] });
  for (const group of groups) openConversation(store, visitId, [group.id]);
}

export function createPlanningHandlers(profile: Profile): PlanningHandlers {
  const store = profile.store;
  return {
    'planning.get': ({ campaignId }) => {
      if (!store.get('campaigns', campaignId)) throw new ServiceError('NOT_FOUND', `No campaign ${campaignId}`);
      return {
        visits: store.list('visits', { campaign_id: campaignId }, { orderBy: ['date', 'id'] }),
        retiredVisits: store.list(
          'visits',
          { campaign_id: campaignId, deleted: true },
          { includeDeleted: true, orderBy: ['date', 'id'] },
        ),
      };
    },
    'visits.create': (input) =>
      store.transaction(() => {
        if (!store.get('campaigns', input.campaignId))
          throw new ServiceError('NOT_FOUND', `No campaign ${input.campaignId}`);
        const organisation = requireOrganisation(store, input.campaignId, input.organisationId);
        requireMembers(store, input.campaignId, [input.memberA, input.memberB]);
        const id = store.insert('visits', input.campaignId, {
          organisation_id: input.organisationId,
          date: input.date,
          member_a: input.memberA,
          member_b: input.memberB,
          status: input.status,
        });
        planDefaultConversations(store, id, organisation.sector_id);
        return { id };
      }),
    'visits.update': (input) =>
      store.transaction(() => {
        const visit = store.get('visits', input.id);
        if (!visit) throw new ServiceError('NOT_FOUND', `No visit ${input.id}`);
        requireOrganisation(store, visit.campaign_id, input.organisationId);
        requireMembers(store, visit.campaign_id, [input.memberA, input.memberB]);
        store.update(
          'visits',
          input.id,
          {
            organisation_id: input.organisationId,
            date: input.date,
            member_a: input.memberA,
            member_b: input.memberB,
            ...(input.status ? { status: input.status } : {}),
          },
          signedBy(profile, visit.campaign_id),
        );
        return { id: input.id };
      }),
    'visits.retire': ({ id, retired }) => {
      if (!store.get('visits', id, { includeDeleted: true })) throw new ServiceError('NOT_FOUND', `No visit ${id}`);
      return retireRecord(profile, 'visits', id, retired);
    },
  };
}
