import type { Profile } from '../../db/profile';
import { CampaignRepository } from '../../db/repositories/campaigns';
import type { LocalStore } from '../../db/store/store';
import type { setupChannels } from '../../shared/contract/setup';
import { findSameMember } from '../../shared/domain/members';
import { analyseOrganisationCsv } from '../../shared/domain/organisation-import';
import type { SetupListKind } from '../../shared/domain/setup';
import { ServiceError } from '../errors';
import type { HandlersOf } from '../handler';
import { accountRoles, signedBy } from '../identity';
import { retireRecord } from '../undo/retire';
import { requireMayChangeMembers } from './member-rights';

type SetupHandlers = HandlersOf<typeof setupChannels>;

/** Sortable lists: the others (regions) are shown in a fixed order (provinces, then cities, by name). */
const ORDERED_KINDS: ReadonlySet<SetupListKind> = new Set([
  'sectors',
  'respondent_groups',
  'stakeholder_categories',
  'guiding_questions',
]);

function requireRow(store: LocalStore, table: SetupListKind | 'organisations' | 'members', id: string): void {
  if (!store.get(table, id, { includeDeleted: true })) throw new ServiceError('NOT_FOUND', `No ${table} row ${id}`);
}

function requireCampaign(profile: Profile, campaignId: string): void {
  if (!new CampaignRepository(profile.db).get(campaignId))
    throw new ServiceError('NOT_FOUND', `No campaign ${campaignId}`);
}

/** Siblings of a sortable item: the same list (per sector where the list is per sector), retired ones included. */
function siblings(store: LocalStore, kind: SetupListKind, id: string) {
  const row = store.get(kind, id, { includeDeleted: true }) as
    { campaign_id: string; sector_id?: string | null } | undefined;
  if (!row) throw new ServiceError('NOT_FOUND', `No ${kind} row ${id}`);
  const where: Record<string, string> = { campaign_id: row.campaign_id };
  if ((kind === 'respondent_groups' || kind === 'guiding_questions') && row.sector_id) where.sector_id = row.sector_id;
  return store.list(kind as 'sectors', where, { includeDeleted: true, orderBy: ['sort_order', 'id'] });
}

function nextOrder(store: LocalStore, kind: SetupListKind, where: Record<string, string>): number {
  const rows = store.list(kind as 'sectors', where, { includeDeleted: true });
  return rows.reduce((max, row) => Math.max(max, (row.sort_order ?? -1) + 1), 0);
}

export function createSetupHandlers(profile: Profile): SetupHandlers {
  const store = profile.store;
  const campaigns = new CampaignRepository(profile.db);

  const lists = (campaignId: string) => ({
    sectors: store.list(
      'sectors',
      { campaign_id: campaignId },
      { includeDeleted: true, orderBy: ['sort_order', 'id'] },
    ),
    // Provinces first, then cities, each by name.
    regions: store
      .list('regions', { campaign_id: campaignId }, { includeDeleted: true, orderBy: ['name', 'id'] })
      .sort((a, b) => Number(a.kind === 'city') - Number(b.kind === 'city')),
    organisations: store.list(
      'organisations',
      { campaign_id: campaignId },
      { includeDeleted: true, orderBy: ['name', 'id'] },
    ),
  });

  return {
    'setup.get': ({ campaignId }) => {
      const campaign = campaigns.get(campaignId);
      if (!campaign) throw new ServiceError('NOT_FOUND', `No campaign ${campaignId}`);
      const { sectors, regions, organisations } = lists(campaignId);
      const visitsPerOrganisation: Record<string, number> = {};
      for (const visit of store.list('visits', { campaign_id: campaignId })) {
        if (visit.organisation_id)
          visitsPerOrganisation[visit.organisation_id] = (visitsPerOrganisation[visit.organisation_id] ?? 0) + 1;
      }
      return {
        campaign,
        sectors,
        regions,
        organisations,
        respondentGroups: store.list(
          'respondent_groups',
          { campaign_id: campaignId },
          { includeDeleted: true, orderBy: ['sort_order', 'id'] },
        ),
        stakeholderCategories: store.list(
          'stakeholder_categories',
          { campaign_id: campaignId },
          { includeDeleted: true, orderBy: ['sort_order', 'id'] },
        ),
        guidingQuestions: store.list(
          'guiding_questions',
          { campaign_id: campaignId },
          { includeDeleted: true, orderBy: ['sort_order', 'id'] },
        ),
        members: store.list('members', { campaign_id: campaignId }, { includeDeleted: true, orderBy: ['name', 'id'] }),
        visitsPerOrganisation,
        accountRoles: accountRoles(profile, campaignId),
      };
    },

    'setup.addItem': (input) => {
      requireCampaign(profile, input.campaignId);
      const perSector = input.kind === 'respondent_groups' || input.kind === 'guiding_questions';
      if (perSector) {
        if (!input.sectorId)
          throw new ServiceError('INVALID_INPUT', 'sectorId is required for this list', [
            { path: 'sectorId', message: 'Choose a sector.', key: 'setup.errors.sectorRequired' },
          ]);
        requireRow(store, 'sectors', input.sectorId);
      }
      const campaign = input.campaignId;
      switch (input.kind) {
        case 'sectors': {
          const code = input.code && input.code !== '' ? input.code : input.name.slice(0, 20);
          return {
            id: store.insert('sectors', campaign, {
              code,
              name: input.name,
              sort_order: nextOrder(store, 'sectors', { campaign_id: campaign }),
            }),
          };
        }
        case 'regions':
          return { id: store.insert('regions', campaign, { name: input.name, kind: input.regionKind ?? 'province' }) };
        case 'respondent_groups':
          return {
            id: store.insert('respondent_groups', campaign, {
              sector_id: input.sectorId as string,
              name: input.name,
              sort_order: nextOrder(store, 'respondent_groups', {
                campaign_id: campaign,
                sector_id: input.sectorId as string,
              }),
            }),
          };
        case 'stakeholder_categories':
          return {
            id: store.insert('stakeholder_categories', campaign, {
              name: input.name,
              sort_order: nextOrder(store, 'stakeholder_categories', { campaign_id: campaign }),
            }),
          };
        case 'guiding_questions': {
          const order = nextOrder(store, 'guiding_questions', {
            campaign_id: campaign,
            sector_id: input.sectorId as string,
          });
          const active = store.list('guiding_questions', {
            campaign_id: campaign,
            sector_id: input.sectorId as string,
          });
          return {
            id: store.insert('guiding_questions', campaign, {
              sector_id: input.sectorId as string,
              sort_order: order,
              number: String(active.length + 1),
              text: input.name,
              sub_questions: [],
            }),
          };
        }
      }
    },

    'setup.renameItem': ({ kind, id, name }) => {
      requireRow(store, kind, id);
      if (kind === 'guiding_questions') store.update('guiding_questions', id, { text: name });
      else store.update(kind as 'sectors', id, { name });
      return { id };
    },

    'setup.moveItem': ({ kind, id, direction }) => {
      if (!ORDERED_KINDS.has(kind)) throw new ServiceError('INVALID_INPUT', `${kind} has no manual order`);
      store.transaction(() => {
        const rows = siblings(store, kind, id);
        const index = rows.findIndex((row) => row.id === id);
        const target = direction === 'up' ? index - 1 : index + 1;
        if (index < 0 || target < 0 || target >= rows.length) return;
        const reordered = [...rows];
        const [moved] = reordered.splice(index, 1);
        if (moved) reordered.splice(target, 0, moved);
        // Renumber the whole list: positions stay unique even after concurrent edits elsewhere.
        reordered.forEach((row, position) => store.update(kind as 'sectors', row.id, { sort_order: position }));
      });
      return { id };
    },

    'setup.retireItem': ({ kind, id, retired }) => {
      requireRow(store, kind, id);
      return retireRecord(profile, kind, id, retired);
    },

    'organisations.add': (input) => {
      requireCampaign(profile, input.campaignId);
      requireRow(store, 'sectors', input.sectorId);
      requireRow(store, 'regions', input.regionId);
      const id = store.insert('organisations', input.campaignId, {
        name: input.name,
        sector_id: input.sectorId,
        region_id: input.regionId,
        address: input.address ?? null,
        contact: input.contact ?? null,
      });
      return { id };
    },

    'organisations.update': (input) => {
      requireRow(store, 'organisations', input.id);
      requireRow(store, 'sectors', input.sectorId);
      requireRow(store, 'regions', input.regionId);
      store.update(
        'organisations',
        input.id,
        {
          name: input.name,
          sector_id: input.sectorId,
          region_id: input.regionId,
          address: input.address ?? null,
          contact: input.contact ?? null,
        },
        signedBy(profile, store.campaignOf('organisations', input.id)),
      );
      return { id: input.id };
    },

    'organisations.retire': ({ id, retired }) => {
      requireRow(store, 'organisations', id);
      return retireRecord(profile, 'organisations', id, retired);
    },

    'organisations.importPreview': ({ campaignId, csv }) => {
      requireCampaign(profile, campaignId);
      return analyseOrganisationCsv(csv, lists(campaignId));
    },

    'organisations.importCommit': ({ campaignId, csv, includeDuplicates }) => {
      requireCampaign(profile, campaignId);
      return store.transaction(() => {
        const preview = analyseOrganisationCsv(csv, lists(campaignId));
        let imported = 0;
        for (const row of preview.rows) {
          const wanted = row.status === 'ok' || (row.status === 'duplicate' && includeDuplicates === true);
          if (!wanted || !row.sectorId || !row.regionId) continue;
          store.insert('organisations', campaignId, {
            name: row.name,
            sector_id: row.sectorId,
            region_id: row.regionId,
            address: row.address === '' ? null : row.address,
            contact: row.contact === '' ? null : row.contact,
          });
          imported += 1;
        }
        return { imported, skipped: preview.rows.length - imported };
      });
    },

    'members.add': (input) => {
      requireCampaign(profile, input.campaignId);
      requireMayChangeMembers(profile, input.campaignId);
      const same = input.allowDuplicate
        ? null
        : findSameMember(store.list('members', { campaign_id: input.campaignId }, { includeDeleted: true }), input);
      if (same) {
        const message = `A team member with this name and e-mail already exists (${same.id}); add with allowDuplicate if this is another person.`;
        throw new ServiceError('CONFLICT', message, [{ path: 'name', message, key: 'setup.errors.memberExists' }]);
      }
      const id = store.insert('members', input.campaignId, {
        name: input.name,
        email: input.email ?? null,
        is_inspector: input.isInspector,
        is_team_lead: input.isTeamLead,
        coordinator_of: [...input.coordinatorOf],
        sector_lead_of: [...input.sectorLeadOf],
      });
      return { id };
    },

    'members.update': (input) => {
      requireRow(store, 'members', input.id);
      requireMayChangeMembers(profile, store.campaignOf('members', input.id));
      store.update(
        'members',
        input.id,
        {
          name: input.name,
          email: input.email ?? null,
          is_inspector: input.isInspector,
          is_team_lead: input.isTeamLead,
          coordinator_of: [...input.coordinatorOf],
          sector_lead_of: [...input.sectorLeadOf],
        },
        signedBy(profile, store.campaignOf('members', input.id)),
      );
      return { id: input.id };
    },

    'members.retire': ({ id, retired }) => {
      requireRow(store, 'members', id);
      requireMayChangeMembers(profile, store.campaignOf('members', id));
      return retireRecord(profile, 'members', id, retired);
    },
  };
}
