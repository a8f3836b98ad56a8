import AhoCorasick from 'modern-ahocorasick';
import { foldKey, foldText, originalRange } from './fold';
import type { Gazetteer, GazetteerEntry } from './gazetteer';
import { ANONYMITY_HIT_KINDS } from '../sync/schema';
import { findPatterns, type PatternKind } from './patterns';

/**
 * The anonymisation check: a pure function over the texts and figures of a report. It lists
 * everything that might identify an organisation or a person (DOMAIN.md, "The report"), each
 * hit with its context and the labels it may be replaced by. Export is refused while a hit is
 * neither replaced, reworded away nor allowed with a reason (see `exportGate`).
 */
export type HitKind = (typeof ANONYMITY_HIT_KINDS)[number];
export const HIT_KINDS: readonly HitKind[] = ANONYMITY_HIT_KINDS;
// Every pattern kind is a hit kind.
const _patternKinds: readonly HitKind[] = [] as PatternKind[];

/** One piece of text of the report: a paragraph, a heading, a table cell, a lemma's narrative. */
export interface CheckUnit {
  readonly id: string;
  readonly text: string;
  /** Where it sits, as the user sees it ("Hoofdstuk 2 · Integratiecentra"). */
  readonly where: string;
  /** The sector the text speaks of (a sector chapter or a SWOT block of a sector); null when unknown. */
  readonly sectorId?: string | null;
}

/** A number shown in a table (a score, a count) and how many organisations it stands for. */
export interface CheckFigure {
  readonly id: string;
  readonly where: string;
  /** What is shown ("Goede samenwerking: 3,3"). */
  readonly label: string;
  readonly organisations: number;
}

export interface Allowance {
  readonly key: string;
  readonly reason: string;
}

export interface AnonymityLabels {
  readonly person: string;
  readonly organisation: string;
  /** With {{sector}}: "een van de {{sector}}". */
  readonly organisationOfSector: string;
  readonly region: string;
  readonly email: string;
  readonly phone: string;
  readonly number: string;
  readonly smallCell: string;
  /** A SWOT row's score and count hidden for a small cell; with {{k}}: "< {{k}} org.". */
  readonly hiddenScore: string;
}

export interface AnonymityHit {
  /** The same for every occurrence of the same term: a resolution applies to all of them. */
  readonly key: string;
  readonly kind: HitKind;
  readonly unitId: string;
  readonly where: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly context: { readonly before: string; readonly after: string };
  /** Labels offered as replacements, best first (a small cell in a table: the label its score is hidden behind). */
  readonly suggestions: readonly string[];
  /** Set when the hit was allowed with a reason. */
  readonly allowedReason?: string;
}

export interface CheckOptions {
  /** A figure for fewer than k organisations is a small cell (default 3). */
  readonly k?: number;
  readonly allowances?: readonly Allowance[];
  readonly labels: AnonymityLabels;
  readonly sectorNames?: Readonly<Record<string, string>>;
}

export interface CheckResult {
  readonly hits: readonly AnonymityHit[];
  /** The hits that are not allowed: export is refused while this is not empty. */
  readonly unresolved: readonly AnonymityHit[];
}

export const DEFAULT_K = 3;
const CONTEXT_CHARS = 70;

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  één: 1,
  eén: 1,
  twee: 2,
  drie: 3,
  vier: 4,
  vijf: 5,
  zes: 6,
  zeven: 7,
  acht: 8,
  negen: 9,
  tien: 10,
};
/** "één van de acht centra", "2 op 9 organisaties": a count of organisations in prose. */
const PROSE_COUNT =
  /(?<![\p{L}\d])(\d+|één|eén|twee|drie|vier|vijf|zes|zeven|acht|negen|tien)\s+(?:van\s+de|op\s+de|op|van|uit)\s+(\d+|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|\p{L}+tig)(?![\p{L}\d])/giu;

function numberOf(word: string): number {
  return /^\d+$/.test(word) ? Number(word) : (NUMBER_WORDS[word.toLowerCase()] ?? Number.NaN);
}

/** A compiled gazetteer, reused over many units (compile once per check). */
export class GazetteerMatcher {
  readonly #matcher: AhoCorasick<number>;
  readonly #entries: readonly GazetteerEntry[];
  readonly notNames: ReadonlySet<string>;

  constructor(gazetteer: Gazetteer) {
    this.#entries = gazetteer.entries;
    this.notNames = gazetteer.notNames;
    // No boundary option: the library's Unicode boundary check segments the text into graphemes
    // per match (thirty times slower over a 100-page report); `wordAt` checks the edges instead.
    this.#matcher = new AhoCorasick(gazetteer.entries.map((entry, index) => ({ pattern: entry.key, data: index })));
  }

  /** Entries found in a text with their original ranges; casing rules applied; longer matches win over contained ones. */
  find(text: string): Array<{ entry: GazetteerEntry; start: number; end: number }> {
    if (this.#entries.length === 0) return [];
    const folded = foldText(text);
    const found: Array<{ entry: GazetteerEntry; start: number; end: number }> = [];
    for (const match of this.#matcher.search(folded.folded)) {
      const entry = this.#entries[match.data ?? -1];
      if (!entry || !wordAt(folded.folded, match.start, match.end)) continue;
      const range = originalRange(folded, match.start, match.end);
      const original = text.slice(range.start, range.end);
      if (entry.casing === 'exact' && original.replace(/\s+/gu, ' ') !== entry.term.replace(/\s+/gu, ' ')) continue;
      if (entry.casing === 'capital' && !/^\p{Lu}/u.test(original)) continue;
      found.push({ entry, ...range });
    }
    // Keep the longest of overlapping matches of identifying kinds; sectors and regions stay for the context rules.
    return found.filter(
      (candidate) =>
        !found.some(
          (other) =>
            other !== candidate &&
            other.start <= candidate.start &&
            other.end >= candidate.end &&
            other.end - other.start > candidate.end - candidate.start &&
            identifying(other.entry) &&
            identifying(candidate.entry),
        ),
    );
  }
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** Whether [start, end) of a text is whole words: no letter or digit right before or after it. */
function wordAt(text: string, start: number, end: number): boolean {
  return !WORD_CHAR.test(text.charAt(start - 1)) && !WORD_CHAR.test(text.charAt(end));
}

function identifying(entry: GazetteerEntry): boolean {
  return entry.kind !== 'sector';
}

/** The sentence around a range, cut to CONTEXT_CHARS on each side. */
function contextOf(text: string, start: number, end: number): { before: string; after: string } {
  let from = Math.max(0, start - CONTEXT_CHARS);
  const head = text.slice(from, start);
  const boundary = head.search(/[.!?]\s+(?=[^.!?]*$)/u);
  if (boundary >= 0) from += boundary + 1;
  let to = Math.min(text.length, end + CONTEXT_CHARS);
  const tail = text.slice(end, to);
  const stop = tail.search(/[.!?](?:\s|$)/u);
  if (stop >= 0) to = end + stop + 1;
  return { before: text.slice(from, start).trimStart(), after: text.slice(end, to).trimEnd() };
}

/** The sentence (start, end) a position is in. */
function sentenceAt(text: string, position: number): { start: number; end: number } {
  const before = text.slice(0, position);
  const startMatch = [...before.matchAll(/[.!?]\s+/gu)].at(-1);
  const start = startMatch ? startMatch.index + startMatch[0].length : 0;
  const after = text.slice(position).search(/[.!?](?:\s|$)/u);
  return { start, end: after >= 0 ? position + after + 1 : text.length };
}

/** The key of a small cell in a table (a SWOT row), as opposed to a count in prose. */
const FIGURE_KEY_PREFIX = 'smallCell:figure:';

export function isFigureKey(key: string): boolean {
  return key.startsWith(FIGURE_KEY_PREFIX);
}

export function hitKey(kind: HitKind, text: string): string {
  return `${kind}:${foldKey(text)}`;
}

function lowerFirst(name: string): string {
  return /^\p{Lu}\p{Ll}/u.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}

function suggestionsFor(kind: HitKind, entry: GazetteerEntry | undefined, options: CheckOptions): string[] {
  const { labels } = options;
  switch (kind) {
    case 'organisation': {
      const sector = entry?.sectorId ? options.sectorNames?.[entry.sectorId] : undefined;
      return sector
        ? [labels.organisationOfSector.replace('{{sector}}', lowerFirst(sector)), labels.organisation]
        : [labels.organisation];
    }
    case 'member':
    case 'person':
      return [labels.person];
    case 'email':
      return [labels.email];
    case 'phone':
      return [labels.phone];
    case 'nationalNumber':
    case 'kbo':
    case 'iban':
      return [labels.number];
    case 'region':
      return [labels.region];
    case 'smallCell':
      return [labels.smallCell];
  }
}

interface RawHit {
  kind: HitKind;
  start: number;
  end: number;
  entry?: GazetteerEntry;
}

function unitHits(unit: CheckUnit, matcher: GazetteerMatcher, k: number): RawHit[] {
  const found = matcher.find(unit.text);
  const raw: RawHit[] = [];
  for (const { entry, start, end } of found) {
    if (entry.kind === 'sector') continue;
    if (entry.kind === 'region') {
      // A region names an organisation when it has only one organisation of the sector spoken of.
      const sentence = sentenceAt(unit.text, start);
      const sectors = new Set<string>(unit.sectorId ? [unit.sectorId] : []);
      for (const other of found)
        if (other.entry.kind === 'sector' && other.start >= sentence.start && other.end <= sentence.end)
          sectors.add(other.entry.refId);
      const single = [...sectors].some((sectorId) => entry.organisationsBySector?.[sectorId] === 1);
      if (single) raw.push({ kind: 'region', start, end, entry });
      continue;
    }
    raw.push({
      kind:
        entry.kind === 'organisation'
          ? 'organisation'
          : entry.kind === 'email'
            ? 'email'
            : entry.kind === 'member'
              ? 'member'
              : 'person',
      start,
      end,
      entry,
    });
  }
  const taken = (start: number, end: number) => raw.some((hit) => start < hit.end && end > hit.start);
  for (const hit of findPatterns(unit.text, matcher.notNames)) {
    if (taken(hit.start, hit.end)) continue;
    raw.push({ kind: hit.kind, start: hit.start, end: hit.end });
  }
  for (const match of unit.text.matchAll(PROSE_COUNT)) {
    const count = numberOf(match[1] ?? '');
    if (count > 0 && count < k) raw.push({ kind: 'smallCell', start: match.index, end: match.index + match[0].length });
  }
  // Regions are often both a region hit and a word of a longer hit; one range, one hit.
  const unique = new Map<string, RawHit>();
  for (const hit of raw) if (!unique.has(`${hit.start}:${hit.end}`)) unique.set(`${hit.start}:${hit.end}`, hit);
  return [...unique.values()].sort((a, b) => a.start - b.start);
}

/** Checks the units and figures of a report against a gazetteer and the pattern rules. */
export function checkAnonymity(
  units: readonly CheckUnit[],
  figures: readonly CheckFigure[],
  gazetteer: Gazetteer | GazetteerMatcher,
  options: CheckOptions,
): CheckResult {
  const matcher = gazetteer instanceof GazetteerMatcher ? gazetteer : new GazetteerMatcher(gazetteer);
  const k = options.k ?? DEFAULT_K;
  const allowed = new Map((options.allowances ?? []).map((allowance) => [allowance.key, allowance.reason]));
  const hits: AnonymityHit[] = [];
  const push = (hit: Omit<AnonymityHit, 'allowedReason'>) => {
    const reason = allowed.get(hit.key);
    hits.push(reason === undefined ? hit : { ...hit, allowedReason: reason });
  };
  for (const unit of units) {
    for (const raw of unitHits(unit, matcher, k)) {
      const text = unit.text.slice(raw.start, raw.end);
      push({
        key: hitKey(raw.kind, text),
        kind: raw.kind,
        unitId: unit.id,
        where: unit.where,
        start: raw.start,
        end: raw.end,
        text,
        context: contextOf(unit.text, raw.start, raw.end),
        suggestions: suggestionsFor(raw.kind, raw.entry, options),
      });
    }
  }
  for (const figure of figures) {
    if (figure.organisations <= 0 || figure.organisations >= k) continue;
    push({
      key: `${FIGURE_KEY_PREFIX}${figure.id}`,
      kind: 'smallCell',
      unitId: figure.id,
      where: figure.where,
      start: 0,
      end: figure.label.length,
      text: figure.label,
      context: { before: '', after: '' },
      // The resolution a coordinator expects for a small cell: hide that row's score and count
      // (primary cell suppression), keeping the finding itself in the table.
      suggestions: [options.labels.hiddenScore.replace('{{k}}', String(k))],
    });
  }
  return { hits, unresolved: hits.filter((hit) => hit.allowedReason === undefined) };
}

/**
 * Replaces every hit whose key has a chosen label, in one unit's text, from the end backwards so
 * earlier offsets stay right. Hits of other units are ignored.
 */
export function applyReplacements(
  unit: CheckUnit,
  hits: readonly AnonymityHit[],
  replacements: ReadonlyMap<string, string>,
): string {
  let text = unit.text;
  const mine = hits
    .filter((hit) => hit.unitId === unit.id && replacements.has(hit.key))
    .sort((a, b) => b.start - a.start);
  let limit = Number.POSITIVE_INFINITY;
  for (const hit of mine) {
    if (hit.end > limit) continue;
    text = text.slice(0, hit.start) + (replacements.get(hit.key) ?? '') + text.slice(hit.end);
    limit = hit.start;
  }
  return text;
}

export type GateResult = { readonly ok: true } | { readonly ok: false; readonly unresolved: readonly AnonymityHit[] };

/** Export is allowed only when no hit is left unresolved. */
export function exportGate(result: CheckResult): GateResult {
  return result.unresolved.length === 0 ? { ok: true } : { ok: false, unresolved: result.unresolved };
}
