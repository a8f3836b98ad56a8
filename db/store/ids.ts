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
