import { z } from 'zod';
import type { Language } from '../i18n';
import { compareDutch } from './collation';
import { normalizeText } from './normalize';
import { QUADRANTS, byQuadrant, isQuadrant, type Quadrant } from './quadrants';

/*
 * The scoring rule of "The SWOT method, exactly" (DOMAIN.md) and issue 6:
 *
 *   score = 10 × k / N, N = conversations of the scope (from the data), k = distinct conversations
 *   with at least one item under the lemma; one decimal, rounded half up, decimal comma in Dutch.
 *
 * Decisions this module makes (and the tests pin):
 * - A lemma is identified by its name within its quadrant, compared as `normalizeText` (case,
 *   accents and spacing ignored); it is shown under the first-seen spelling. The same name in two
 *   quadrants is two lemmas.
 * - An item without a lemma is a candidate keyed by `normalizeText(text)`. When that key equals
 *   the name of a lemma of the same quadrant, the item joins that lemma (it says the same thing);
 *   otherwise the candidate is retained as a lemma named by its first-seen text (trimmed) when its
 *   items come from ≥ 2 distinct conversations, else all its items are listed as not retained.
 * - A lemma the team made is always retained, even when its items come from one conversation.
 * - Lemmas are sorted by k descending (the exact score), then by name in Dutch collation; ranks
 *   are sequential (1, 2, 3, ...) even when scores tie, the tie being ordered by name.
 * - Item ids inside a lemma and the not-retained list keep the input order.
 * - Scores are computed, never stored: this function is the only place they come from.
 */

/** Item of a scope. `quadrant` is a string because file input is checked here, at run time. */
export interface SwotScopeItem {
  readonly id: string;
  readonly conversation: string;
  readonly quadrant: string;
  readonly text: string;
  /** Name of the lemma the item is clustered under, or null when unclustered. */
  readonly lemma: string | null;
}

/** One scoring scope: a sector's respondent group and all its conversations. */
export interface SwotScope {
  readonly group: string;
  /** Ids of all conversations of the scope: N is their count. */
  readonly conversations: readonly string[];
  readonly items: readonly SwotScopeItem[];
}

const nonBlank = (what: string) =>
  z.string().refine((value) => value.trim().length > 0, { message: `${what} must not be blank` });

/** The file format of `veldwerk swot score` (issue 6). Semantic checks follow in `validateScope`. */
export const swotScopeItemSchema = z
  .object({
    id: nonBlank('id'),
    conversation: nonBlank('conversation'),
    quadrant: z.string(),
    text: nonBlank('text'),
    lemma: nonBlank('lemma (a name, or null for none)').nullable().default(null),
  })
  .strict();

export const swotScopeSchema = z
  .object({
    group: z.string(),
    conversations: z.array(nonBlank('conversation id')),
    items: z.array(swotScopeItemSchema),
  })
  .strict();

export type SwotScopeFile = z.input<typeof swotScopeSchema>;

export interface ScoredLemma {
  readonly rank: number;
  readonly lemma: string;
  /** k: distinct conversations with at least one item under the lemma. */
  readonly conversations: number;
  readonly score: number;
  readonly display: string;
  readonly items: readonly string[];
}

export interface NotRetainedItem {
  readonly id: string;
  readonly quadrant: Quadrant;
  readonly text: string;
}

export interface SwotScoreResult {
  readonly group: string;
  readonly conversationCount: number;
  readonly quadrants: Readonly<Record<Quadrant, readonly ScoredLemma[]>>;
  readonly notRetained: readonly NotRetainedItem[];
}

export type SwotInputIssue =
  | { readonly code: 'noConversations'; readonly ids: readonly string[] }
  | { readonly code: 'duplicateConversation'; readonly ids: readonly string[] }
  | { readonly code: 'duplicateItemId'; readonly ids: readonly string[] }
  | { readonly code: 'unknownConversation'; readonly ids: readonly string[]; readonly conversations: readonly string[] }
  | { readonly code: 'unknownQuadrant'; readonly ids: readonly string[]; readonly quadrants: readonly string[] }
  | { readonly code: 'blankText'; readonly ids: readonly string[] }
  | { readonly code: 'blankLemma'; readonly ids: readonly string[] };

/** A scope that cannot be scored; `issues` says why, each listing the offending ids. */
export class SwotInputError extends Error {
  override readonly name = 'SwotInputError';
  constructor(readonly issues: readonly SwotInputIssue[]) {
    super(issues.map(describeIssue).join('\n'));
  }
}

const LISTED_IDS = 20;

function listIds(ids: readonly string[]): string {
  const shown = ids.slice(0, LISTED_IDS).map((id) => JSON.stringify(id));
  const more = ids.length > LISTED_IDS ? ` and ${ids.length - LISTED_IDS} more` : '';
  return `${shown.join(', ')}${more}`;
}

function plural(count: number, one: string, other: string): string {
  return `${count} ${count === 1 ? one : other}`;
}

/** The English message of one issue (for the CLI and logs; the UI maps `code` to i18n). */
export function describeIssue(issue: SwotInputIssue): string {
  switch (issue.code) {
    case 'noConversations':
      return `the list of conversations is empty, but there ${issue.ids.length === 1 ? 'is' : 'are'} ${plural(issue.ids.length, 'item', 'items')}: ${listIds(issue.ids)}`;
    case 'duplicateConversation':
      return `duplicate conversation id in the list of conversations: ${listIds(issue.ids)}`;
    case 'duplicateItemId':
      return `duplicate item id: ${listIds(issue.ids)}`;
    case 'unknownConversation':
      return `${plural(issue.ids.length, 'item names', 'items name')} a conversation that is not in the list of conversations (${listIds(issue.conversations)}): items ${listIds(issue.ids)}`;
    case 'unknownQuadrant':
      return `unknown quadrant ${listIds(issue.quadrants)} (expected one of ${QUADRANTS.join(', ')}): items ${listIds(issue.ids)}`;
    case 'blankText':
      return `blank item text: items ${listIds(issue.ids)}`;
    case 'blankLemma':
      return `blank lemma name (use null for an item without a lemma): items ${listIds(issue.ids)}`;
  }
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) repeated.add(value);
    else seen.add(value);
  }
  return [...repeated];
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** Every reason the scope cannot be scored; an empty list means it can. */
export function scopeIssues(scope: SwotScope): SwotInputIssue[] {
  const issues: SwotInputIssue[] = [];
  const conversationIds = new Set(scope.conversations);
  const repeatedConversations = duplicates(scope.conversations);
  if (repeatedConversations.length > 0) issues.push({ code: 'duplicateConversation', ids: repeatedConversations });
  const repeatedItems = duplicates(scope.items.map((item) => item.id));
  if (repeatedItems.length > 0) issues.push({ code: 'duplicateItemId', ids: repeatedItems });
  if (scope.conversations.length === 0 && scope.items.length > 0) {
    issues.push({ code: 'noConversations', ids: distinct(scope.items.map((item) => item.id)) });
  } else {
    const strays = scope.items.filter((item) => !conversationIds.has(item.conversation));
    if (strays.length > 0) {
      issues.push({
        code: 'unknownConversation',
        ids: distinct(strays.map((item) => item.id)),
        conversations: distinct(strays.map((item) => item.conversation)),
      });
    }
  }
  const badQuadrants = scope.items.filter((item) => !isQuadrant(item.quadrant));
  if (badQuadrants.length > 0) {
    issues.push({
      code: 'unknownQuadrant',
      ids: distinct(badQuadrants.map((item) => item.id)),
      quadrants: distinct(badQuadrants.map((item) => item.quadrant)),
    });
  }
  const blank = scope.items.filter((item) => normalizeText(item.text) === '');
  if (blank.length > 0) issues.push({ code: 'blankText', ids: distinct(blank.map((item) => item.id)) });
  const blankLemma = scope.items.filter((item) => item.lemma !== null && normalizeText(item.lemma) === '');
  if (blankLemma.length > 0) issues.push({ code: 'blankLemma', ids: distinct(blankLemma.map((item) => item.id)) });
  return issues;
}

/**
 * The score in tenths: 100·k/N rounded half up, computed in integers so that no binary
 * floating-point error can move a result across a .05 boundary. t = ⌊(200k + N) / 2N⌋ is the
 * integer with 2tN − N ≤ 200k < 2tN + N, i.e. t − ½ ≤ 100k/N < t + ½.
 */
export function scoreTenths(k: number, n: number): number {
  if (!Number.isInteger(k) || !Number.isInteger(n) || n <= 0 || k < 0 || k > n) {
    throw new RangeError(`a score needs whole numbers 0 ≤ k ≤ N and N > 0, not k=${k}, N=${n}`);
  }
  return Math.floor((200 * k + n) / (2 * n));
}

/** A score in tenths shown with one decimal: "6,3" in Dutch, "6.3" in English. */
export function formatScoreTenths(tenths: number, language: Language = 'nl-BE'): string {
  const separator = language === 'en' ? '.' : ',';
  return `${Math.trunc(tenths / 10)}${separator}${tenths % 10}`;
}

export interface ScoreOptions {
  /** Language of `display` (default nl-BE: decimal comma). */
  readonly language?: Language;
}

interface Group {
  readonly name: string;
  readonly isLemma: boolean;
  readonly items: string[];
  readonly conversations: Set<string>;
  readonly indices: number[];
}

/** Scores a scope; throws SwotInputError when `scopeIssues` finds anything. */
export function scoreSwot(scope: SwotScope, options: ScoreOptions = {}): SwotScoreResult {
  const issues = scopeIssues(scope);
  if (issues.length > 0) throw new SwotInputError(issues);
  const language = options.language ?? 'nl-BE';
  const n = scope.conversations.length;
  const groups = byQuadrant(() => new Map<string, Group>());

  // Lemma names first, so that an unclustered item can join a lemma named like its text even
  // when the lemma's items come later in the input.
  for (const item of scope.items) {
    if (item.lemma === null) continue;
    const quadrantGroups = groups[item.quadrant as Quadrant];
    const key = normalizeText(item.lemma);
    if (!quadrantGroups.has(key))
      quadrantGroups.set(key, {
        name: item.lemma.trim(),
        isLemma: true,
        items: [],
        conversations: new Set(),
        indices: [],
      });
  }
  const notRetainedIndices: number[] = [];
  scope.items.forEach((item, index) => {
    const quadrantGroups = groups[item.quadrant as Quadrant];
    const key = normalizeText(item.lemma ?? item.text);
    let group = quadrantGroups.get(key);
    if (!group) {
      group = { name: item.text.trim(), isLemma: false, items: [], conversations: new Set(), indices: [] };
      quadrantGroups.set(key, group);
    }
    group.items.push(item.id);
    group.indices.push(index);
    group.conversations.add(item.conversation);
  });

  const quadrants = byQuadrant((quadrant): ScoredLemma[] => {
    const retained: Group[] = [];
    for (const group of groups[quadrant].values()) {
      if (group.isLemma || group.conversations.size >= 2) retained.push(group);
      else notRetainedIndices.push(...group.indices);
    }
    retained.sort((a, b) => b.conversations.size - a.conversations.size || compareDutch(a.name, b.name));
    return retained.map((group, position) => {
      const k = group.conversations.size;
      const tenths = scoreTenths(k, n);
      return {
        rank: position + 1,
        lemma: group.name,
        conversations: k,
        score: tenths / 10,
        display: formatScoreTenths(tenths, language),
        items: group.items,
      };
    });
  });
  notRetainedIndices.sort((a, b) => a - b);
  const notRetained = notRetainedIndices.map((index): NotRetainedItem => {
    const item = scope.items[index] as SwotScopeItem;
    return { id: item.id, quadrant: item.quadrant as Quadrant, text: item.text };
  });
  return { group: scope.group, conversationCount: n, quadrants, notRetained };
}
