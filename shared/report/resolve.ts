import type {
  EvidenceRefs,
  ResolvableBlock,
  ResolvedBlock,
  ResolvedBlockValue,
  ResolvedSwotRow,
} from '../contract/reports';
import type { Conversation, Lemma, Organisation, StakeholderCategory, Visit } from '../domain/model';
import type { Language } from '../i18n';
import { compareDutch } from '../swot/collation';
import { QUADRANTS, type Quadrant } from '../swot/quadrants';
import { scoreSwot, scoreTenths, formatScoreTenths, type SwotScoreResult } from '../swot/score';
import { lemmaIdOf, toScoringScope, type ScopeRecords } from '../swot/scoring-scope';
import { sortTeamLemmas } from '../swot/team-swot';
import { sourceFingerprint, type CounterAttrs, type QuadrantChoice } from './model';
import { numberInWords } from './number-words';

/*
 * Live-block resolvers: a block names what it shows (a sector's respondent group and quadrant,
 * a region, a lemma) and these functions compute its values from the records, scoring through
 * toScoringScope + scoreSwot exactly as the SWOT board does. Every number carries the ids of the
 * items, conversations and visits behind it (the evidence trail). Pure: the records come through
 * the ReportSource port (services/reports reads them from the local store).
 */

export interface VisitRecords {
  readonly visit: Visit;
  readonly organisation: Organisation;
}

export interface QuoteSourceRecord {
  readonly text: string;
  readonly visitId: string | null;
  readonly label: string;
}

/** Where the resolvers read the records of one campaign. */
export interface ReportSource {
  /** A SWOT scope's records (as the board reads them), null when the sector or group is unknown. */
  scope(sectorId: string, groupId: string): ScopeRecords | null;
  /** The team SWOT lemmas of a sector (null when the sector is unknown). */
  teamSwot(sectorId: string): { readonly sectorName: string; readonly lemmas: readonly Lemma[] } | null;
  /** The name of a sector or region (null when unknown). */
  scopeName(kind: 'sector' | 'region', id: string): string | null;
  /** The organisations of a sector or region. */
  organisations(kind: 'sector' | 'region', id: string): readonly Organisation[];
  /** The (not cancelled, not deleted) visits of a sector or region, with their organisation. */
  visits(kind: 'sector' | 'region', id: string): readonly VisitRecords[];
  /** The conversations of these visits. */
  conversations(visitIds: readonly string[]): readonly Conversation[];
  stakeholderCategories(): readonly StakeholderCategory[];
  /** The current text of a quote's source (null when it is gone). */
  quoteSource(table: string, id: string): QuoteSourceRecord | null;
}

const noEvidence: EvidenceRefs = { items: [], conversations: [], visits: [] };

function evidenceOf(records: ScopeRecords, itemIds: readonly string[]): EvidenceRefs {
  const items = new Map(records.items.map((item) => [item.id, item]));
  const conversations = new Set<string>();
  const visits = new Set<string>();
  for (const id of itemIds) {
    const item = items.get(id);
    if (item?.conversation_id) conversations.add(item.conversation_id);
    if (item?.visit_id) visits.add(item.visit_id);
  }
  return { items: [...itemIds], conversations: [...conversations], visits: [...visits] };
}

function scopeEvidence(records: ScopeRecords): EvidenceRefs {
  return {
    items: [],
    conversations: records.conversations.map(({ conversation }) => conversation.id),
    visits: [...new Set(records.conversations.map(({ conversation }) => conversation.visit_id ?? '').filter(Boolean))],
  };
}

function quadrantsOf(choice: QuadrantChoice): readonly Quadrant[] {
  return choice === 'all' ? QUADRANTS : [choice];
}

interface ScoredScope {
  readonly records: ScopeRecords;
  readonly result: SwotScoreResult;
  readonly lemmaByKey: Map<string, string>;
}

function scored(records: ScopeRecords, language: Language): ScoredScope {
  const { scope, lemmaByKey } = toScoringScope(records);
  return { records, result: scoreSwot(scope, { language }), lemmaByKey };
}

function rowsOf(scope: ScoredScope, quadrant: Quadrant): ResolvedSwotRow[] {
  return scope.result.quadrants[quadrant].map((row) => ({
    rank: row.rank,
    lemma: row.lemma,
    lemmaId: lemmaIdOf(scope.lemmaByKey, quadrant, row.lemma),
    k: row.conversations,
    score: row.score,
    display: row.display,
    evidence: evidenceOf(scope.records, row.items),
  }));
}

class BlockProblem extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'INVALID',
    message: string,
  ) {
    super(message);
  }
}

function requireScope(source: ReportSource, sectorId: string, groupId: string): ScopeRecords {
  const records = source.scope(sectorId, groupId);
  if (!records) throw new BlockProblem('NOT_FOUND', `no respondent group ${groupId} in sector ${sectorId}`);
  return records;
}

function counterValue(attrs: CounterAttrs, source: ReportSource, language: Language): ResolvedBlockValue {
  let k: number;
  let n: number;
  let evidence: EvidenceRefs;
  if (attrs.metric === 'lemma') {
    const records = requireScope(source, attrs.scopeId, attrs.groupId ?? '');
    const scope = scored(records, language);
    const lemma = records.lemmas.find((candidate) => candidate.id === attrs.lemmaId);
    if (!lemma) throw new BlockProblem('NOT_FOUND', `no lemma ${attrs.lemmaId ?? ''} in this scope`);
    const row = scope.result.quadrants[(lemma.quadrant ?? 'strengths') as Quadrant].find(
      (candidate) => lemmaIdOf(scope.lemmaByKey, lemma.quadrant ?? '', candidate.lemma) === lemma.id,
    );
    n = scope.result.conversationCount;
    k = row?.conversations ?? 0;
    evidence = row ? evidenceOf(records, row.items) : scopeEvidence(records);
  } else {
    if (source.scopeName(attrs.scopeKind, attrs.scopeId) === null)
      throw new BlockProblem('NOT_FOUND', `no ${attrs.scopeKind} ${attrs.scopeId}`);
    const visits = source.visits(attrs.scopeKind, attrs.scopeId);
    const visitIds = visits.map(({ visit }) => visit.id);
    if (attrs.metric === 'organisations') {
      const visited = new Set(visits.map(({ organisation }) => organisation.id));
      n = source.organisations(attrs.scopeKind, attrs.scopeId).length;
      k = visited.size;
      evidence = { items: [], conversations: [], visits: visitIds };
    } else if (attrs.metric === 'visits') {
      n = visits.length;
      k = visits.filter(
        ({ visit }) => visit.status === 'done' || visit.status === 'submitted' || visit.status === 'approved',
      ).length;
      evidence = { items: [], conversations: [], visits: visitIds };
    } else {
      const conversations = source
        .conversations(visitIds)
        .filter(
          (conversation) => attrs.groupId === null || (conversation.respondent_group_ids ?? []).includes(attrs.groupId),
        );
      n = conversations.length;
      k = n;
      evidence = {
        items: [],
        conversations: conversations.map((conversation) => conversation.id),
        visits: [...new Set(conversations.map((c) => c.visit_id ?? '').filter(Boolean))],
      };
    }
  }
  return { type: 'counter', k, n, text: counterText(attrs.form, k, n, language), evidence };
}

/** How a counter reads: "4", "vier", "vier van de acht" (English: "four of the eight"). */
export function counterText(form: CounterAttrs['form'], k: number, n: number, language: Language): string {
  if (form === 'number') return String(k);
  if (form === 'words') return numberInWords(k, language);
  return language === 'en'
    ? `${numberInWords(k, language)} of the ${numberInWords(n, language)}`
    : `${numberInWords(k, language)} van de ${numberInWords(n, language)}`;
}

function resolveValue(block: ResolvableBlock, source: ReportSource, language: Language): ResolvedBlockValue {
  switch (block.type) {
    case 'swotTable': {
      const records = requireScope(source, block.attrs.sectorId, block.attrs.groupId);
      const scope = scored(records, language);
      return {
        type: 'swotTable',
        sectorName: records.sectorName,
        groupName: records.groupName,
        conversationCount: scope.result.conversationCount,
        quadrants: quadrantsOf(block.attrs.quadrant).map((quadrant) => ({ quadrant, rows: rowsOf(scope, quadrant) })),
        evidence: scopeEvidence(records),
      };
    }
    case 'lemmaParagraphs': {
      const records = requireScope(source, block.attrs.sectorId, block.attrs.groupId);
      const scope = scored(records, language);
      const narratives = new Map(records.lemmas.map((lemma) => [lemma.id, lemma.narrative ?? '']));
      return {
        type: 'lemmaParagraphs',
        sectorName: records.sectorName,
        groupName: records.groupName,
        conversationCount: scope.result.conversationCount,
        paragraphs: quadrantsOf(block.attrs.quadrant).flatMap((quadrant) =>
          rowsOf(scope, quadrant).map((row) => ({
            ...row,
            quadrant,
            narrative: row.lemmaId ? (narratives.get(row.lemmaId) ?? '') : '',
          })),
        ),
      };
    }
    case 'teamSwot': {
      const team = source.teamSwot(block.attrs.sectorId);
      if (!team) throw new BlockProblem('NOT_FOUND', `no sector ${block.attrs.sectorId}`);
      return {
        type: 'teamSwot',
        sectorName: team.sectorName,
        quadrants: quadrantsOf(block.attrs.quadrant).map((quadrant) => ({
          quadrant,
          lemmas: sortTeamLemmas(
            team.lemmas
              .filter((lemma) => lemma.quadrant === quadrant)
              .map((lemma) => ({ id: lemma.id, name: lemma.name ?? '', narrative: lemma.narrative ?? '' })),
          ),
        })),
      };
    }
    case 'participants': {
      const scopeName = source.scopeName(block.attrs.scopeKind, block.attrs.scopeId);
      if (scopeName === null) throw new BlockProblem('NOT_FOUND', `no ${block.attrs.scopeKind} ${block.attrs.scopeId}`);
      const visits = source.visits(block.attrs.scopeKind, block.attrs.scopeId);
      const conversations = source.conversations(visits.map(({ visit }) => visit.id));
      const categories = [...source.stakeholderCategories()].sort(
        (a, b) => (a.sort_order ?? 0) - (b.sort_order ?? 0) || compareDutch(a.name ?? '', b.name ?? ''),
      );
      const rows = categories.map((category) => {
        const with_ = conversations.filter((conversation) => (conversation.participant_counts?.[category.id] ?? 0) > 0);
        return {
          categoryId: category.id,
          category: category.name ?? category.id,
          participants: with_.reduce(
            (sum, conversation) => sum + (conversation.participant_counts?.[category.id] ?? 0),
            0,
          ),
          conversations: with_.length,
          evidence: {
            items: [],
            conversations: with_.map((c) => c.id),
            visits: [...new Set(with_.map((c) => c.visit_id ?? '').filter(Boolean))],
          },
        };
      });
      return {
        type: 'participants',
        scopeName,
        conversationCount: conversations.length,
        rows,
        total: rows.reduce((sum, row) => sum + row.participants, 0),
        evidence: {
          items: [],
          conversations: conversations.map((c) => c.id),
          visits: visits.map(({ visit }) => visit.id),
        },
      };
    }
    case 'counter':
      return counterValue(block.attrs, source, language);
    case 'sourceQuote': {
      const current = source.quoteSource(block.attrs.sourceTable, block.attrs.sourceId);
      return {
        type: 'sourceQuote',
        exists: current !== null,
        changed: current !== null && sourceFingerprint(current.text) !== block.attrs.fingerprint,
        currentText: current?.text ?? null,
        sourceLabel: current?.label ?? '',
        evidence: current?.visitId
          ? {
              items: block.attrs.sourceTable === 'swot_items' ? [block.attrs.sourceId] : [],
              conversations: [],
              visits: [current.visitId],
            }
          : noEvidence,
      };
    }
  }
}

/** Resolves one block; a block naming records that do not exist (or a scope that cannot be scored) answers why. */
export function resolveBlock(
  block: ResolvableBlock,
  source: ReportSource,
  language: Language = 'nl-BE',
): ResolvedBlock {
  const blockId = block.attrs.blockId ?? null;
  try {
    return { ok: true, blockId, frozen: false, value: resolveValue(block, source, language) };
  } catch (error) {
    if (error instanceof BlockProblem) return { ok: false, blockId, code: error.code, message: error.message };
    if (error instanceof Error && error.name === 'SwotInputError')
      return { ok: false, blockId, code: 'INVALID', message: error.message };
    throw error;
  }
}

/** A score of k of N as the board shows it (for a frozen copy read without the scorer). */
export function displayScore(k: number, n: number, language: Language): string {
  return n > 0 ? formatScoreTenths(scoreTenths(k, n), language) : '—';
}
