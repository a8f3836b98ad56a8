import type { LocalStore } from '../../db/store/store';
import type { EvidenceView, ResolvableBlock, ResolvedBlock, ResolvedBlockValue } from '../../shared/contract/reports';
import type { Language } from '../../shared/i18n';
import { blocksOf } from '../../shared/report/blocks';
import { sectionJson } from '../../shared/report/document';
import { blockKey } from '../../shared/report/model';
import { resolveBlock } from '../../shared/report/resolve';
import type { Quadrant } from '../../shared/swot/quadrants';
import { conversationsByScope } from '../swot/scope';
import { listSections } from './reports';
import { storeSource } from './source';

export { blocksOf };

/** The values recorded at finalise, by block key (empty when the report was never finalised). */
function frozenValues(store: LocalStore, reportId: string | null): Map<string, ResolvedBlockValue> | null {
  if (!reportId) return null;
  const report = store.get('reports', reportId);
  if (!report || report.status !== 'final' || !report.frozen_blocks) return null;
  return new Map(
    Object.entries(report.frozen_blocks as Record<string, unknown>).map(([key, value]) => [
      key,
      value as ResolvedBlockValue,
    ]),
  );
}

/** Resolves blocks from the records; a final report's blocks answer their frozen values. */
export function resolveBlocks(
  store: LocalStore,
  campaignId: string,
  reportId: string | null,
  blocks: readonly ResolvableBlock[],
  language: Language,
): ResolvedBlock[] {
  const frozen = frozenValues(store, reportId);
  const source = storeSource(store, campaignId);
  return blocks.map((block) => {
    const value = frozen?.get(blockKey(block));
    if (value) return { ok: true, blockId: block.attrs.blockId ?? null, frozen: true, value };
    return resolveBlock(block, source, language);
  });
}

/** Resolves every block of every section of a report, by block key (what the server freezes at finalise). */
export function resolveReportBlocks(
  store: LocalStore,
  reportId: string,
  language: Language = 'nl-BE',
): Record<string, ResolvedBlockValue> {
  const report = store.get('reports', reportId);
  if (!report) return {};
  const source = storeSource(store, report.campaign_id);
  const values: Record<string, ResolvedBlockValue> = {};
  for (const section of listSections(store, reportId)) {
    for (const block of blocksOf(sectionJson(store.textState('report_sections', section.id, 'body')))) {
      const key = blockKey(block);
      if (key in values) continue;
      const resolved = resolveBlock(block, source, language);
      if (resolved.ok) values[key] = resolved.value;
    }
  }
  return values;
}

/** The items, conversations and visits behind a number, as the evidence panel shows them. */
export function evidence(
  store: LocalStore,
  campaignId: string,
  ids: { items: readonly string[]; conversations: readonly string[]; visits: readonly string[] },
): EvidenceView {
  const labels = new Map<string, string>();
  for (const list of conversationsByScope(store, campaignId).values())
    for (const entry of list) labels.set(entry.conversation.id, entry.label);
  const groupNames = new Map(
    store
      .list('respondent_groups', { campaign_id: campaignId }, { includeDeleted: true })
      .map((group) => [group.id, group.name ?? group.id]),
  );
  const items = ids.items.flatMap((id) => {
    const item = store.get('swot_items', id);
    if (!item || item.campaign_id !== campaignId) return [];
    const lemma = item.lemma_id ? store.get('lemmas', item.lemma_id) : undefined;
    return [
      {
        id,
        quadrant: (item.quadrant ?? 'strengths') as Quadrant,
        text: item.text ?? '',
        lemma: lemma?.name ?? null,
        conversationId: item.conversation_id ?? '',
        visitId: item.visit_id ?? '',
      },
    ];
  });
  const conversationIds = [...new Set([...ids.conversations, ...items.map((item) => item.conversationId)])];
  const conversations = conversationIds.flatMap((id) => {
    const conversation = store.get('conversations', id);
    if (!conversation || conversation.campaign_id !== campaignId) return [];
    return [
      {
        id,
        visitId: conversation.visit_id ?? '',
        label: labels.get(id) ?? id,
        groups: (conversation.respondent_group_ids ?? []).map((group) => groupNames.get(group) ?? group),
      },
    ];
  });
  const visitIds = [
    ...new Set([
      ...ids.visits,
      ...conversations.map((conversation) => conversation.visitId),
      ...items.map((item) => item.visitId),
    ]),
  ].filter(Boolean);
  const visits = visitIds.flatMap((id) => {
    const visit = store.get('visits', id);
    if (!visit || visit.campaign_id !== campaignId) return [];
    const organisation = visit.organisation_id ? store.get('organisations', visit.organisation_id) : undefined;
    return [
      {
        id,
        organisation: organisation?.name ?? visit.organisation_id ?? id,
        date: visit.date,
        status: visit.status ?? 'planned',
      },
    ];
  });
  return { items, conversations, visits };
}
