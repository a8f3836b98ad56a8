import type { Profile } from '../../db/profile';
import type { LocalStore } from '../../db/store/store';
import type { Lemma, SwotItem } from '../../shared/domain/model';
import type {
  MatrixRow,
  ScoredRow,
  SwotBoard,
  SwotConflictView,
  SwotItemView,
  SwotLemmaView,
  SwotScopeSummary,
  swotChannels,
} from '../../shared/contract/swot';
import { cohenKappa, type ClusteringLabel } from '../../shared/swot/agreement';
import { lemmaConversationMatrix } from '../../shared/swot/matrix';
import { normalizeText } from '../../shared/swot/normalize';
import { byQuadrant, type Quadrant } from '../../shared/swot/quadrants';
import { scoreSwot } from '../../shared/swot/score';
import { TEAM_SWOT_LEMMAS_PER_QUADRANT, sortTeamLemmas } from '../../shared/swot/team-swot';
import { toScoringScope } from '../../shared/swot/scoring-scope';
import { ServiceError } from '../errors';
import type { HandlersOf } from '../handler';
import { readIdentity, requireAuthor } from '../identity';
import { describeRecord } from '../conflicts/describe';
import { createSuggestionHandlers } from './suggestions';
import { withInverse, type RowRef } from '../undo/inverse';
import { conversationsByScope, memberNames, readScope, sortByCreation, teamGroupId, type ScopeRecords } from './scope';

type SwotHandlers = HandlersOf<typeof swotChannels>;

function itemView(item: SwotItem, names: Map<string, string>): SwotItemView {
  return {
    id: item.id,
    conversationId: item.conversation_id ?? '',
    quadrant: (item.quadrant ?? 'strengths') as Quadrant,
    text: item.text ?? '',
    authorId: item.author_id ?? '',
    authorName: names.get(item.author_id ?? '') ?? item.author_id ?? '',
    lemmaId: item.lemma_id ?? null,
  };
}

function lemmaView(lemma: Lemma): SwotLemmaView {
  return {
    id: lemma.id,
    quadrant: (lemma.quadrant ?? 'strengths') as Quadrant,
    name: lemma.name ?? '',
    narrative: lemma.narrative ?? '',
  };
}

export { toScoringScope };

function conflictViews(store: LocalStore, records: ScopeRecords, names: Map<string, string>): SwotConflictView[] {
  const itemIds = new Set(records.items.map((item) => item.id));
  const lemmaIds = new Set(records.lemmas.map((lemma) => lemma.id));
  const lemmaName = (value: unknown) =>
    typeof value === 'string' ? (store.get('lemmas', value, { includeDeleted: true })?.name ?? value) : '—';
  const views: SwotConflictView[] = [];
  for (const conflict of store.listConflicts()) {
    const onItem =
      conflict.table === 'swot_items' &&
      itemIds.has(conflict.rowId) &&
      (conflict.column === 'quadrant' || conflict.column === 'lemma_id');
    const onLemma = conflict.table === 'lemmas' && lemmaIds.has(conflict.rowId) && conflict.column === 'name';
    if (!onItem && !onLemma) continue;
    const mineIsLoser = conflict.loser.node === store.node && conflict.winner.node !== store.node;
    const mine = mineIsLoser ? conflict.loser : conflict.winner;
    const theirs = mineIsLoser ? conflict.winner : conflict.loser;
    const show = (value: unknown) => (conflict.column === 'lemma_id' ? lemmaName(value) : String(value ?? '—'));
    views.push({
      id: conflict.id,
      itemId: onItem ? conflict.rowId : null,
      lemmaId: onLemma ? conflict.rowId : null,
      column: conflict.column as SwotConflictView['column'],
      record: describeRecord(store, conflict.table, conflict.rowId),
      mine: show(mine.value),
      theirs: show(theirs.value),
      theirsAuthor: names.get(theirs.author) ?? theirs.author,
    });
  }
  return views;
}

export function buildBoard(profile: Profile, campaignId: string, sectorId: string, groupId: string): SwotBoard {
  const store = profile.store;
  const records = readScope(store, campaignId, sectorId, groupId);
  const names = memberNames(store, campaignId);
  const { scope, lemmaByKey } = toScoringScope(records);
  const result = scoreSwot(scope);
  const idOf = (quadrant: Quadrant, name: string) => lemmaByKey.get(`${quadrant}|${normalizeText(name)}`) ?? null;
  const scored = byQuadrant<ScoredRow[]>((quadrant) =>
    result.quadrants[quadrant].map((row) => ({
      rank: row.rank,
      lemmaId: idOf(quadrant, row.lemma),
      name: row.lemma,
      conversations: row.conversations,
      score: row.score,
      display: row.display,
      itemIds: row.items,
    })),
  );
  const matrix = lemmaConversationMatrix(scope);
  const rows: MatrixRow[] = matrix.rows.map((row) => ({
    quadrant: row.quadrant,
    lemmaId: idOf(row.quadrant, row.lemma),
    name: row.lemma,
    display: row.display,
    cells: row.cells,
  }));
  return {
    scope: { campaignId, sectorId, groupId, sectorName: records.sectorName, groupName: records.groupName },
    conversations: records.conversations.map(({ conversation, label, date }) => ({
      id: conversation.id,
      label,
      visitId: conversation.visit_id ?? '',
      date,
    })),
    items: records.items.map((item) => itemView(item, names)),
    lemmas: sortByCreation(store, 'lemmas', campaignId, records.lemmas).map(lemmaView),
    scored,
    notRetainedItemIds: result.notRetained.map((item) => item.id),
    matrix: { rows, maxCell: matrix.maxCell },
    conflicts: conflictViews(store, records, names),
    members: readIdentity(profile, campaignId).members,
  };
}

function requireItem(store: LocalStore, itemId: string): SwotItem {
  const item = store.get('swot_items', itemId);
  if (!item) throw new ServiceError('NOT_FOUND', `No SWOT item ${itemId}`);
  return item;
}

function requireLemma(store: LocalStore, lemmaId: string): Lemma {
  const lemma = store.get('lemmas', lemmaId);
  if (!lemma) throw new ServiceError('NOT_FOUND', `No lemma ${lemmaId}`);
  return lemma;
}

/** Puts items under a lemma (or none); an item follows its lemma's quadrant. One transaction. */
function assign(store: LocalStore, itemIds: readonly string[], lemma: Lemma | null, author: string): number {
  return store.transaction(() => {
    let count = 0;
    for (const itemId of itemIds) {
      const item = requireItem(store, itemId);
      if (lemma && item.campaign_id !== lemma.campaign_id)
        throw new ServiceError('INVALID_INPUT', `Item ${itemId} belongs to another campaign than lemma ${lemma.id}`);
      store.update(
        'swot_items',
        itemId,
        {
          lemma_id: lemma?.id ?? null,
          ...(lemma && lemma.quadrant !== item.quadrant ? { quadrant: lemma.quadrant as Quadrant } : {}),
        },
        { author },
      );
      count += 1;
    }
    return count;
  });
}

export function createSwotHandlers(profile: Profile): SwotHandlers {
  const store = profile.store;
  const names = (campaignId: string) => memberNames(store, campaignId);
  const itemRef = (id: string): RowRef => ({ table: 'swot_items', id });
  const lemmaRef = (id: string): RowRef => ({ table: 'lemmas', id });
  const itemsOf = (lemmaId: string): RowRef[] =>
    store.list('swot_items', { lemma_id: lemmaId }).map((item) => itemRef(item.id));

  return {
    ...createSuggestionHandlers(profile),
    'swot.scopes': ({ campaignId }) => {
      if (!store.get('campaigns', campaignId)) throw new ServiceError('NOT_FOUND', `No campaign ${campaignId}`);
      const byScope = conversationsByScope(store, campaignId);
      const lemmas = store.list('lemmas', { campaign_id: campaignId });
      const summaries: SwotScopeSummary[] = [];
      for (const sector of store.list('sectors', { campaign_id: campaignId }, { orderBy: ['sort_order', 'id'] })) {
        for (const group of store.list(
          'respondent_groups',
          { campaign_id: campaignId, sector_id: sector.id },
          { orderBy: ['sort_order', 'id'] },
        )) {
          const conversations = byScope.get(`${sector.id}|${group.id}`) ?? [];
          const itemCount = conversations.reduce(
            (sum, { conversation }) => sum + store.list('swot_items', { conversation_id: conversation.id }).length,
            0,
          );
          summaries.push({
            sectorId: sector.id,
            sectorName: sector.name ?? sector.code ?? sector.id,
            groupId: group.id,
            groupName: group.name ?? group.id,
            conversationCount: conversations.length,
            itemCount,
            lemmaCount: lemmas.filter(
              (lemma) => lemma.sector_id === sector.id && lemma.respondent_group_id === group.id,
            ).length,
          });
        }
      }
      return summaries;
    },

    'swot.board': ({ campaignId, sectorId, groupId }) => buildBoard(profile, campaignId, sectorId, groupId),

    'swot.capture': ({ conversationId }) => {
      const conversation = store.get('conversations', conversationId);
      if (!conversation) throw new ServiceError('NOT_FOUND', `No conversation ${conversationId}`);
      const campaignId = conversation.campaign_id;
      const visit = conversation.visit_id ? store.get('visits', conversation.visit_id) : undefined;
      const organisation = visit?.organisation_id ? store.get('organisations', visit.organisation_id) : undefined;
      const identity = readIdentity(profile, campaignId);
      return {
        conversationId,
        label: organisation?.name ?? conversationId,
        items: sortByCreation(
          store,
          'swot_items',
          campaignId,
          store.list('swot_items', { conversation_id: conversationId }),
        ).map((item) => itemView(item, names(campaignId))),
        currentAuthorId: identity.memberId ?? '',
      };
    },

    'swot.items.add': ({ conversationId, quadrant, text }) => {
      const conversation = store.get('conversations', conversationId);
      if (!conversation?.visit_id) throw new ServiceError('NOT_FOUND', `No conversation ${conversationId}`);
      const author = requireAuthor(profile, conversation.campaign_id);
      const id = store.insert(
        'swot_items',
        conversation.campaign_id,
        {
          visit_id: conversation.visit_id,
          conversation_id: conversationId,
          quadrant,
          text,
          author_id: author,
          lemma_id: null,
        },
        { author },
      );
      return itemView(requireItem(store, id), names(conversation.campaign_id));
    },

    'swot.items.update': ({ itemId, text, quadrant }) => {
      const item = requireItem(store, itemId);
      const author = requireAuthor(profile, item.campaign_id);
      const lemma = item.lemma_id ? store.get('lemmas', item.lemma_id) : undefined;
      // Moving an item to another quadrant takes it out of a lemma of the old quadrant.
      const leavesLemma = quadrant !== undefined && lemma !== undefined && lemma.quadrant !== quadrant;
      const { undo } = withInverse(store, [itemRef(itemId)], () =>
        store.update(
          'swot_items',
          itemId,
          {
            ...(text !== undefined ? { text } : {}),
            ...(quadrant !== undefined ? { quadrant } : {}),
            ...(leavesLemma ? { lemma_id: null } : {}),
          },
          { author },
        ),
      );
      return { ...itemView(requireItem(store, itemId), names(item.campaign_id)), undo };
    },

    'swot.items.remove': ({ itemId }) => {
      const item = requireItem(store, itemId);
      const author = requireAuthor(profile, item.campaign_id);
      const { undo } = withInverse(store, [itemRef(itemId)], () => store.remove('swot_items', itemId, { author }));
      return { removed: itemId, undo };
    },

    'swot.items.assign': ({ itemIds, lemmaId }) => {
      const first = requireItem(store, itemIds[0] as string);
      const author = requireAuthor(profile, first.campaign_id);
      const { result, undo } = withInverse(store, itemIds.map(itemRef), () =>
        assign(store, itemIds, lemmaId ? requireLemma(store, lemmaId) : null, author),
      );
      return { assigned: result, undo };
    },

    'swot.lemmas.create': ({ campaignId, sectorId, groupId, quadrant, name, itemIds }) => {
      if (groupId !== teamGroupId(sectorId)) readScope(store, campaignId, sectorId, groupId);
      else {
        if (!store.get('sectors', sectorId)) throw new ServiceError('NOT_FOUND', `No sector ${sectorId}`);
        const taken = store.list('lemmas', {
          campaign_id: campaignId,
          sector_id: sectorId,
          respondent_group_id: groupId,
          quadrant,
        }).length;
        if (taken >= TEAM_SWOT_LEMMAS_PER_QUADRANT) {
          throw new ServiceError(
            'CONFLICT',
            `The team SWOT has exactly ${TEAM_SWOT_LEMMAS_PER_QUADRANT} lemmas per quadrant; remove one before adding another.`,
          );
        }
      }
      const author = requireAuthor(profile, campaignId);
      const { result: id, undo } = withInverse(
        store,
        itemIds.map(itemRef),
        () => {
          const lemmaId = store.insert(
            'lemmas',
            campaignId,
            { sector_id: sectorId, respondent_group_id: groupId, quadrant, name, narrative: '' },
            { author },
          );
          if (itemIds.length > 0) assign(store, itemIds, requireLemma(store, lemmaId), author);
          return lemmaId;
        },
        (lemmaId) => [lemmaRef(lemmaId)],
      );
      return { ...lemmaView(requireLemma(store, id)), undo };
    },

    'swot.lemmas.rename': ({ lemmaId, name }) => {
      const lemma = requireLemma(store, lemmaId);
      const author = requireAuthor(profile, lemma.campaign_id);
      const { undo } = withInverse(store, [lemmaRef(lemmaId)], () =>
        store.update('lemmas', lemmaId, { name }, { author }),
      );
      return { ...lemmaView(requireLemma(store, lemmaId)), undo };
    },

    'swot.lemmas.narrative': ({ lemmaId, text }) => {
      const lemma = requireLemma(store, lemmaId);
      store.update('lemmas', lemmaId, { narrative: text }, { author: requireAuthor(profile, lemma.campaign_id) });
      return lemmaView(requireLemma(store, lemmaId));
    },

    'swot.lemmas.merge': ({ sourceId, targetId }) => {
      if (sourceId === targetId) throw new ServiceError('INVALID_INPUT', 'A lemma cannot be merged into itself');
      const source = requireLemma(store, sourceId);
      const target = requireLemma(store, targetId);
      if (
        source.campaign_id !== target.campaign_id ||
        source.sector_id !== target.sector_id ||
        source.respondent_group_id !== target.respondent_group_id
      ) {
        throw new ServiceError('INVALID_INPUT', 'Only lemmas of the same sector and respondent group can be merged');
      }
      const author = requireAuthor(profile, target.campaign_id);
      const touched = [lemmaRef(sourceId), lemmaRef(targetId), ...itemsOf(sourceId)];
      const { undo } = withInverse(store, touched, () => {
        const items = store.list('swot_items', { lemma_id: sourceId });
        assign(
          store,
          items.map((item) => item.id),
          target,
          author,
        );
        // Nothing written is lost: the source's explanation is appended to the target's.
        const narratives = [target.narrative ?? '', source.narrative ?? ''].map((text) => text.trim()).filter(Boolean);
        if ((source.narrative ?? '').trim())
          store.update('lemmas', targetId, { narrative: narratives.join('\n\n') }, { author });
        store.remove('lemmas', sourceId, { author });
      });
      return { ...lemmaView(requireLemma(store, targetId)), undo };
    },

    'swot.lemmas.split': ({ lemmaId, itemIds, name }) => {
      const lemma = requireLemma(store, lemmaId);
      const author = requireAuthor(profile, lemma.campaign_id);
      for (const itemId of itemIds) {
        if (requireItem(store, itemId).lemma_id !== lemmaId)
          throw new ServiceError('INVALID_INPUT', `Item ${itemId} is not under lemma ${lemmaId}`);
      }
      const { result: id, undo } = withInverse(
        store,
        [lemmaRef(lemmaId), ...itemIds.map(itemRef)],
        () => {
          const newId = store.insert(
            'lemmas',
            lemma.campaign_id,
            {
              sector_id: lemma.sector_id ?? '',
              respondent_group_id: lemma.respondent_group_id ?? '',
              quadrant: lemma.quadrant as Quadrant,
              name,
              narrative: '',
            },
            { author },
          );
          assign(store, itemIds, requireLemma(store, newId), author);
          return newId;
        },
        (newId) => [lemmaRef(newId)],
      );
      return { ...lemmaView(requireLemma(store, id)), undo };
    },

    'swot.lemmas.move': ({ lemmaId, quadrant }) => {
      const lemma = requireLemma(store, lemmaId);
      const author = requireAuthor(profile, lemma.campaign_id);
      const { undo } = withInverse(store, [lemmaRef(lemmaId), ...itemsOf(lemmaId)], () => {
        store.update('lemmas', lemmaId, { quadrant }, { author });
        for (const item of store.list('swot_items', { lemma_id: lemmaId }))
          store.update('swot_items', item.id, { quadrant }, { author });
      });
      return { ...lemmaView(requireLemma(store, lemmaId)), undo };
    },

    'swot.lemmas.remove': ({ lemmaId }) => {
      const lemma = requireLemma(store, lemmaId);
      const author = requireAuthor(profile, lemma.campaign_id);
      const { undo } = withInverse(store, [lemmaRef(lemmaId), ...itemsOf(lemmaId)], () => {
        assign(
          store,
          store.list('swot_items', { lemma_id: lemmaId }).map((item) => item.id),
          null,
          author,
        );
        store.remove('lemmas', lemmaId, { author });
      });
      return { removed: lemmaId, undo };
    },

    'swot.conflicts.resolve': ({ conflictId, choice }) => {
      const conflict = store.listConflicts().find((candidate) => candidate.id === conflictId);
      if (!conflict) throw new ServiceError('NOT_FOUND', `No open conflict ${conflictId}`);
      store.resolveConflict(conflictId, choice, { author: requireAuthor(profile, conflict.campaign) });
      return { resolved: conflictId };
    },

    'swot.agreement': ({ campaignId, sectorId, groupId, memberA, memberB }) => {
      const records = readScope(store, campaignId, sectorId, groupId);
      const lemmaName = (id: string | null) =>
        id ? (store.get('lemmas', id, { includeDeleted: true })?.name ?? id) : null;
      // Each member's clustering is their own latest choice of lemma per item, read from the change log.
      const labelsOf = (memberId: string): ClusteringLabel[] => {
        const rows = store.latestValuesByAuthor('swot_items', 'lemma_id', memberId, campaignId);
        const items = new Map(records.items.map((item) => [item.id, item]));
        return rows
          .filter((row) => items.has(row.rowId))
          .map((row) => {
            const name = lemmaName(row.value as string | null);
            return {
              item: row.rowId,
              label: name === null ? null : `${items.get(row.rowId)?.quadrant}/${normalizeText(name)}`,
            };
          });
      };
      const result = cohenKappa(labelsOf(memberA), labelsOf(memberB));
      return {
        memberA,
        memberB,
        items: result.items,
        observed: result.observed ?? 0,
        expected: result.expected ?? 0,
        kappa: result.kappa,
      };
    },

    'swot.team': ({ campaignId, sectorId }) => {
      const sector = store.get('sectors', sectorId);
      if (!sector || sector.campaign_id !== campaignId)
        throw new ServiceError('NOT_FOUND', `No sector ${sectorId} in campaign ${campaignId}`);
      const groupId = teamGroupId(sectorId);
      const lemmas = store
        .list('lemmas', { campaign_id: campaignId, sector_id: sectorId, respondent_group_id: groupId })
        .map(lemmaView);
      const perQuadrant = byQuadrant((quadrant) =>
        sortTeamLemmas(lemmas.filter((lemma) => lemma.quadrant === quadrant)),
      );
      return {
        campaignId,
        sectorId,
        sectorName: sector.name ?? sector.code ?? sectorId,
        groupId,
        lemmas: perQuadrant,
        missing: byQuadrant((quadrant) => TEAM_SWOT_LEMMAS_PER_QUADRANT - perQuadrant[quadrant].length),
      };
    },
  };
}
