import { normalizeText } from './normalize';
import type { Quadrant } from './quadrants';
import type { SwotScope } from './score';

/*
 * Pure operations of the clustering board on one scope. A clustering holds every item of the
 * scope (with its quadrant and lemma, or null when unclustered) and the lemmas. Each operation
 * answers a new clustering or a typed error, never a half-applied change, and keeps the
 * invariants `clusteringIssues` checks:
 * - every item is in exactly one place: unclustered, or in one existing lemma;
 * - an item in a lemma is in that lemma's quadrant (a lemma's items follow it);
 * - lemma ids are unique, and lemma names are unique per quadrant as `normalizeText` compares
 *   them (the scoring rule identifies a lemma by its name, so two lemmas with one name would
 *   silently become one row); the UI offers "merge" when a name is taken.
 * New lemma ids are passed in by the caller (the store makes them), so operations stay
 * deterministic. A lemma may be empty (its paragraph may already be written); empty lemmas have
 * no row in the scored table, and `deleteLemma` removes one explicitly.
 */

export interface ClusterItem {
  readonly id: string;
  readonly conversation: string;
  readonly quadrant: Quadrant;
  readonly text: string;
  readonly lemmaId: string | null;
}

export interface Lemma {
  readonly id: string;
  readonly name: string;
  readonly quadrant: Quadrant;
}

export interface Clustering {
  readonly items: readonly ClusterItem[];
  readonly lemmas: readonly Lemma[];
}

export type LemmaOpError =
  | { readonly code: 'unknownItems'; readonly ids: readonly string[] }
  | { readonly code: 'unknownLemma'; readonly id: string }
  | { readonly code: 'lemmaIdTaken'; readonly id: string }
  | { readonly code: 'blankName' }
  | { readonly code: 'nameTaken'; readonly name: string; readonly quadrant: Quadrant; readonly lemmaId: string }
  | { readonly code: 'emptySelection' }
  | { readonly code: 'notInLemma'; readonly ids: readonly string[]; readonly lemmaId: string }
  | { readonly code: 'sameLemma'; readonly id: string };

export type LemmaOpResult =
  { readonly ok: true; readonly clustering: Clustering } | { readonly ok: false; readonly error: LemmaOpError };

const ok = (clustering: Clustering): LemmaOpResult => ({ ok: true, clustering });
const fail = (error: LemmaOpError): LemmaOpResult => ({ ok: false, error });

function findLemma(clustering: Clustering, id: string): Lemma | undefined {
  return clustering.lemmas.find((lemma) => lemma.id === id);
}

function missingItems(clustering: Clustering, ids: readonly string[]): string[] {
  const known = new Set(clustering.items.map((item) => item.id));
  return [...new Set(ids.filter((id) => !known.has(id)))];
}

/** The lemma of `quadrant` that already bears `name` (as normalizeText compares), other than `except`. */
function nameHolder(clustering: Clustering, name: string, quadrant: Quadrant, except?: string): Lemma | undefined {
  const key = normalizeText(name);
  return clustering.lemmas.find(
    (lemma) => lemma.id !== except && lemma.quadrant === quadrant && normalizeText(lemma.name) === key,
  );
}

function checkName(
  clustering: Clustering,
  name: string,
  quadrant: Quadrant,
  except?: string,
): LemmaOpError | undefined {
  if (normalizeText(name) === '') return { code: 'blankName' };
  const holder = nameHolder(clustering, name, quadrant, except);
  return holder ? { code: 'nameTaken', name: holder.name, quadrant, lemmaId: holder.id } : undefined;
}

function withItems(clustering: Clustering, change: (item: ClusterItem) => ClusterItem): ClusterItem[] {
  return clustering.items.map(change);
}

/** Makes a lemma, named `name`, in `quadrant`, and moves the given items into it (from wherever they were). */
export function createLemma(
  clustering: Clustering,
  lemma: {
    readonly id: string;
    readonly name: string;
    readonly quadrant: Quadrant;
    readonly itemIds: readonly string[];
  },
): LemmaOpResult {
  if (findLemma(clustering, lemma.id)) return fail({ code: 'lemmaIdTaken', id: lemma.id });
  const missing = missingItems(clustering, lemma.itemIds);
  if (missing.length > 0) return fail({ code: 'unknownItems', ids: missing });
  const nameError = checkName(clustering, lemma.name, lemma.quadrant);
  if (nameError) return fail(nameError);
  const chosen = new Set(lemma.itemIds);
  return ok({
    items: withItems(clustering, (item) =>
      chosen.has(item.id) ? { ...item, quadrant: lemma.quadrant, lemmaId: lemma.id } : item,
    ),
    lemmas: [...clustering.lemmas, { id: lemma.id, name: lemma.name.trim(), quadrant: lemma.quadrant }],
  });
}

/** Puts an item under a lemma; the item takes the lemma's quadrant. */
export function assignItem(clustering: Clustering, itemId: string, lemmaId: string): LemmaOpResult {
  const lemma = findLemma(clustering, lemmaId);
  if (!lemma) return fail({ code: 'unknownLemma', id: lemmaId });
  const missing = missingItems(clustering, [itemId]);
  if (missing.length > 0) return fail({ code: 'unknownItems', ids: missing });
  return ok({
    ...clustering,
    items: withItems(clustering, (item) =>
      item.id === itemId ? { ...item, quadrant: lemma.quadrant, lemmaId } : item,
    ),
  });
}

/** Takes an item out of its lemma: it becomes unclustered in the same quadrant. */
export function removeFromLemma(clustering: Clustering, itemId: string): LemmaOpResult {
  const missing = missingItems(clustering, [itemId]);
  if (missing.length > 0) return fail({ code: 'unknownItems', ids: missing });
  return ok({
    ...clustering,
    items: withItems(clustering, (item) => (item.id === itemId ? { ...item, lemmaId: null } : item)),
  });
}

/** Moves one item to another quadrant (capture, or a wrong quadrant): it leaves its lemma. */
export function moveItem(clustering: Clustering, itemId: string, quadrant: Quadrant): LemmaOpResult {
  const missing = missingItems(clustering, [itemId]);
  if (missing.length > 0) return fail({ code: 'unknownItems', ids: missing });
  return ok({
    ...clustering,
    items: withItems(clustering, (item) =>
      item.id !== itemId || item.quadrant === quadrant ? item : { ...item, quadrant, lemmaId: null },
    ),
  });
}

export function renameLemma(clustering: Clustering, lemmaId: string, name: string): LemmaOpResult {
  const lemma = findLemma(clustering, lemmaId);
  if (!lemma) return fail({ code: 'unknownLemma', id: lemmaId });
  const nameError = checkName(clustering, name, lemma.quadrant, lemmaId);
  if (nameError) return fail(nameError);
  return ok({
    ...clustering,
    lemmas: clustering.lemmas.map((other) => (other.id === lemmaId ? { ...other, name: name.trim() } : other)),
  });
}

/** Merges `sourceId` into `targetId`: the source's items join the target (and its quadrant); the source is gone. */
export function mergeLemmas(clustering: Clustering, sourceId: string, targetId: string): LemmaOpResult {
  if (sourceId === targetId) return fail({ code: 'sameLemma', id: sourceId });
  const source = findLemma(clustering, sourceId);
  if (!source) return fail({ code: 'unknownLemma', id: sourceId });
  const target = findLemma(clustering, targetId);
  if (!target) return fail({ code: 'unknownLemma', id: targetId });
  return ok({
    items: withItems(clustering, (item) =>
      item.lemmaId === sourceId ? { ...item, quadrant: target.quadrant, lemmaId: targetId } : item,
    ),
    lemmas: clustering.lemmas.filter((lemma) => lemma.id !== sourceId),
  });
}

/** Splits a lemma: the chosen items (all in it, at least one) move into a new lemma of the same quadrant. */
export function splitLemma(
  clustering: Clustering,
  lemmaId: string,
  part: { readonly id: string; readonly name: string; readonly itemIds: readonly string[] },
): LemmaOpResult {
  const lemma = findLemma(clustering, lemmaId);
  if (!lemma) return fail({ code: 'unknownLemma', id: lemmaId });
  if (part.itemIds.length === 0) return fail({ code: 'emptySelection' });
  const missing = missingItems(clustering, part.itemIds);
  if (missing.length > 0) return fail({ code: 'unknownItems', ids: missing });
  const inLemma = new Set(clustering.items.filter((item) => item.lemmaId === lemmaId).map((item) => item.id));
  const outside = [...new Set(part.itemIds.filter((id) => !inLemma.has(id)))];
  if (outside.length > 0) return fail({ code: 'notInLemma', ids: outside, lemmaId });
  return createLemma(clustering, { id: part.id, name: part.name, quadrant: lemma.quadrant, itemIds: part.itemIds });
}

/** Moves a lemma to another quadrant; its items follow. */
export function moveLemma(clustering: Clustering, lemmaId: string, quadrant: Quadrant): LemmaOpResult {
  const lemma = findLemma(clustering, lemmaId);
  if (!lemma) return fail({ code: 'unknownLemma', id: lemmaId });
  if (lemma.quadrant === quadrant) return ok(clustering);
  const nameError = checkName(clustering, lemma.name, quadrant, lemmaId);
  if (nameError) return fail(nameError);
  return ok({
    items: withItems(clustering, (item) => (item.lemmaId === lemmaId ? { ...item, quadrant } : item)),
    lemmas: clustering.lemmas.map((other) => (other.id === lemmaId ? { ...other, quadrant } : other)),
  });
}

/** Deletes a lemma; its items become unclustered in its quadrant (items are never deleted here). */
export function deleteLemma(clustering: Clustering, lemmaId: string): LemmaOpResult {
  if (!findLemma(clustering, lemmaId)) return fail({ code: 'unknownLemma', id: lemmaId });
  return ok({
    items: withItems(clustering, (item) => (item.lemmaId === lemmaId ? { ...item, lemmaId: null } : item)),
    lemmas: clustering.lemmas.filter((lemma) => lemma.id !== lemmaId),
  });
}

/** Broken invariants, in English, for tests and for checking data that came from elsewhere (a sync). */
export function clusteringIssues(clustering: Clustering): string[] {
  const issues: string[] = [];
  const lemmas = new Map<string, Lemma>();
  const names = new Set<string>();
  for (const lemma of clustering.lemmas) {
    if (lemmas.has(lemma.id)) issues.push(`lemma id "${lemma.id}" is used twice`);
    lemmas.set(lemma.id, lemma);
    const key = `${lemma.quadrant}\u0000${normalizeText(lemma.name)}`;
    if (names.has(key)) issues.push(`lemma name "${lemma.name}" is used twice in ${lemma.quadrant}`);
    names.add(key);
  }
  const itemIds = new Set<string>();
  for (const item of clustering.items) {
    if (itemIds.has(item.id)) issues.push(`item "${item.id}" is in more than one place`);
    itemIds.add(item.id);
    if (item.lemmaId === null) continue;
    const lemma = lemmas.get(item.lemmaId);
    if (!lemma) issues.push(`item "${item.id}" names lemma "${item.lemmaId}", which does not exist`);
    else if (lemma.quadrant !== item.quadrant)
      issues.push(`item "${item.id}" is in ${item.quadrant} but its lemma "${lemma.name}" is in ${lemma.quadrant}`);
  }
  return issues;
}

/** The scoring scope of a clustering: each item carries its lemma's name. */
export function clusteringToScope(clustering: Clustering, group: string, conversations: readonly string[]): SwotScope {
  const names = new Map(clustering.lemmas.map((lemma) => [lemma.id, lemma.name]));
  return {
    group,
    conversations,
    items: clustering.items.map((item) => ({
      id: item.id,
      conversation: item.conversation,
      quadrant: item.quadrant,
      text: item.text,
      lemma: item.lemmaId === null ? null : (names.get(item.lemmaId) ?? null),
    })),
  };
}
