import { createHash } from 'node:crypto';

/**
 * Deterministic row ids for rows that two laptops may create independently from the same
 * template (a conversation of a visit with a respondent group, a person's notes on one guiding
 * question): both laptops compute the same id, so their rows merge instead of duplicating.
 */
export function deterministicId(kind: string, ...parts: ReadonlyArray<string | null>): string {
  const hash = createHash('sha256');
  hash.update(kind);
  for (const part of parts) hash.update(`\u0000${part ?? '\u0001null'}`);
  return `${kind}-${hash.digest('hex').slice(0, 32)}`;
}

/** A conversation of a visit with one or more respondent groups (order of the groups does not matter). */
export function conversationId(visitId: string, respondentGroupIds: readonly string[]): string {
  return deterministicId('cv', visitId, ...[...respondentGroupIds].sort());
}

/** One author's notes in one conversation on one guiding question (null: the free notes). */
export function noteId(conversationId: string, guidingQuestionId: string | null, authorId: string): string {
  return deterministicId('nt', conversationId, guidingQuestionId, authorId);
}

export function sectorId(campaignId: string, code: string): string {
  return deterministicId('sc', campaignId, code);
}

export function guidingQuestionId(sectorId: string, number: string): string {
  return deterministicId('gq', sectorId, number);
}

export function respondentGroupId(sectorId: string, name: string): string {
  return deterministicId('rg', sectorId, name);
}

export function stakeholderCategoryId(campaignId: string, name: string): string {
  return deterministicId('sk', campaignId, name);
}

/** A campaign's report of one kind and scope (a region, a sector; null for the final report). */
export function reportId(campaignId: string, kind: string, scopeId: string | null): string {
  return deterministicId('rp', campaignId, kind, scopeId);
}

/** A report's section made from one template section (for one visit, or none). */
export function reportSectionId(report: string, templateKey: string, visitId: string | null): string {
  return deterministicId('rs', report, templateKey, visitId);
}

/** A campaign's report template of one kind. */
export function reportTemplateId(campaignId: string, kind: string): string {
  return deterministicId('rt', campaignId, kind);
}

/** The version a report keeps of a section's document before two laptops' migration moves are merged (services/reports/moves.ts). */
export function moveRepairVersionId(sectionId: string, moves: readonly number[]): string {
  return deterministicId('rv', sectionId, ...[...moves].sort((a, b) => a - b).map(String));
}

/** A rejected SWOT suggestion of a scope: a group of items (lemma null) or one item → lemma hint. */
export function suggestionRejectionId(
  campaignId: string,
  sectorId: string,
  groupId: string,
  itemIds: readonly string[],
  lemmaId: string | null,
): string {
  return deterministicId('sr', campaignId, sectorId, groupId, lemmaId, ...[...itemIds].sort());
}
