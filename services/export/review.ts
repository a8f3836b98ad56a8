import type { Profile } from '../../db/profile';
import { deterministicId } from '../../db/store/ids';
import { encodeBase64, yjsClientId } from '../../db/store/text';
import {
  checkAnonymity,
  DEFAULT_K,
  GazetteerMatcher,
  type AnonymityHit,
  type CheckResult,
} from '../../shared/anonymise/check';
import { buildGazetteer } from '../../shared/anonymise/gazetteer';
import type { AnonymityHitView, AnonymityReview } from '../../shared/contract/export';
import { applyDocumentReplacements, documentUnits } from '../../shared/export/anonymise';
import { anonymityLabels, translator } from '../../shared/export/labels';
import type { ExportDocument } from '../../shared/export/model';
import { editSection, textBlocks } from '../../shared/report/document';
import type { RecordOf } from '../../shared/sync/schema';
import { ServiceError } from '../errors';
import { applySectionUpdate, requireReport, requireSection, sectionPlainText } from '../reports/reports';
import { gazetteerSource, loadExport, type ExportSelection, type LoadedExport } from './load';

/*
 * The anonymisation gate of an export: the check over the report as it would be written, the
 * decisions taken about its hits (report_anonymity, synced: the audit trail), and the document
 * with the chosen labels in place. Export is refused while a hit has no decision.
 */

export interface ReviewedExport {
  readonly loaded: LoadedExport;
  /** The document with every "replace" decision applied: what is written. */
  readonly doc: ExportDocument;
  readonly review: AnonymityReview;
  /** Hits left after the replacements that are not allowed. */
  readonly unresolved: readonly AnonymityHit[];
}

type Decision = RecordOf<'report_anonymity'>;

export function decisionId(reportId: string, key: string): string {
  return deterministicId('ra', reportId, key);
}

function decisions(profile: Profile, reportId: string): Map<string, Decision> {
  return new Map(
    profile.store.list('report_anonymity', { report_id: reportId }).map((row) => [row.hit_key ?? '', row]),
  );
}

export function reviewExport(profile: Profile, selection: ExportSelection): ReviewedExport {
  const k = selection.k ?? DEFAULT_K;
  const loaded = loadExport(profile, selection);
  const store = profile.store;
  const matcher = new GazetteerMatcher(buildGazetteer(gazetteerSource(store, loaded.campaignId)));
  const t = translator(selection.language);
  const sectorNames = Object.fromEntries(
    store.list('sectors', { campaign_id: loaded.campaignId }).map((sector) => [sector.id, sector.name ?? '']),
  );
  const decided = decisions(profile, loaded.report.id);
  const allowances = [...decided.values()]
    .filter((row) => row.action === 'allow')
    .map((row) => ({ key: row.hit_key ?? '', reason: row.reason ?? '' }));
  const replacements = new Map(
    [...decided.values()]
      .filter((row) => row.action === 'replace' && row.replacement)
      .map((row) => [row.hit_key ?? '', row.replacement ?? '']),
  );
  const options = { k, labels: anonymityLabels(t), sectorNames, allowances };
  const check = (doc: ExportDocument): CheckResult => {
    const { units, figures } = documentUnits(doc, loaded.sectorOfSection);
    return checkAnonymity(units, figures, matcher, options);
  };
  const first = check(loaded.doc);
  const doc = applyDocumentReplacements(loaded.doc, first.hits, replacements);
  const after = replacements.size > 0 ? check(doc) : first;
  const names = new Map(
    store
      .list('members', { campaign_id: loaded.campaignId }, { includeDeleted: true })
      .map((member) => [member.id, member.name ?? '']),
  );
  const plain = new Map<string, string>();
  const sectionText = (sectionId: string) => {
    if (!plain.has(sectionId)) plain.set(sectionId, sectionPlainText(store, sectionId));
    return plain.get(sectionId) ?? '';
  };
  const hits: AnonymityHitView[] = first.hits.map((hit) => {
    const decision = decided.get(hit.key);
    const sectionIndex = /^s(\d+)\./.exec(hit.unitId)?.[1];
    const sectionId = sectionIndex === undefined ? null : (loaded.sectionIds[Number(sectionIndex)] ?? null);
    const sentence = `${hit.context.before}${hit.text}${hit.context.after}`;
    return {
      key: hit.key,
      kind: hit.kind,
      text: hit.text,
      where: hit.where,
      before: hit.context.before,
      after: hit.context.after,
      suggestions: hit.suggestions,
      decision: decision
        ? {
            action: decision.action ?? 'allow',
            replacement: decision.replacement,
            reason: decision.reason,
            authorName: names.get(decision.author_id ?? '') ?? null,
            decidedAt: decision.decided_at,
          }
        : null,
      rewordable: sectionId !== null && hit.kind !== 'smallCell' && sectionText(sectionId).includes(sentence),
      sectionId,
    };
  });
  return {
    loaded,
    doc,
    unresolved: after.unresolved,
    review: { reportId: loaded.report.id, k, hits, unresolved: after.unresolved.length },
  };
}

/** Refuses an export while hits are unresolved, naming them (English message; the UI shows the review). */
export function requireResolved(reviewed: ReviewedExport): void {
  if (reviewed.unresolved.length === 0) return;
  const named = reviewed.unresolved.slice(0, 20).map((hit) => `"${hit.text}" (${hit.kind}, ${hit.where})`);
  const more = reviewed.unresolved.length > 20 ? ` and ${reviewed.unresolved.length - 20} more` : '';
  throw new ServiceError(
    'CONFLICT',
    `Export refused: ${reviewed.unresolved.length} unresolved anonymisation hit(s): ${named.join(', ')}${more}. Replace, reword or allow each one first.`,
    reviewed.unresolved
      .slice(0, 100)
      .map((hit) => ({ path: hit.where, message: `${hit.kind}: ${hit.text}`, key: `export.kinds.${hit.kind}` })),
  );
}

export interface DecisionInput {
  readonly reportId: string;
  readonly key: string;
  readonly kind: Decision['kind'] & string;
  readonly term: string;
  readonly decision:
    | { readonly action: 'replace'; readonly replacement: string }
    | { readonly action: 'allow'; readonly reason: string };
}

/** Records (or changes) the decision about a hit, with its author and time: the audit trail. */
export function decide(profile: Profile, input: DecisionInput, author: string, now: Date = new Date()): string {
  const store = profile.store;
  const report = requireReport(store, input.reportId);
  const id = decisionId(report.id, input.key);
  const values = {
    report_id: report.id,
    hit_key: input.key,
    kind: input.kind,
    term: input.term,
    action: input.decision.action,
    replacement: input.decision.action === 'replace' ? input.decision.replacement : null,
    reason: input.decision.action === 'allow' ? input.decision.reason : null,
    author_id: author,
    decided_at: now.toISOString(),
    deleted: false,
  } as const;
  if (store.get('report_anonymity', id, { includeDeleted: true }))
    store.update('report_anonymity', id, values, { author });
  else store.insert('report_anonymity', report.campaign_id, values, { id, author });
  return id;
}

export function undecide(profile: Profile, reportId: string, key: string, author: string): string {
  const id = decisionId(reportId, key);
  if (profile.store.get('report_anonymity', id)) profile.store.remove('report_anonymity', id, { author });
  return id;
}

/**
 * Rewords a sentence of a section in place: the first text node of the section's document that
 * contains `find` gets it replaced, keeping the formatting of its first character. Goes through
 * the section's normal update path, so a lock or a final report refuses it.
 */
export function reword(
  profile: Profile,
  input: { reportId: string; sectionId: string; find: string; replace: string },
  author: string,
): void {
  const section = requireSection(profile.store, input.sectionId);
  if (section.report_id !== input.reportId)
    throw new ServiceError('NOT_FOUND', `No section ${input.sectionId} in report ${input.reportId}`);
  let done = false;
  const { update } = editSection(
    profile.store.textState('report_sections', section.id, 'body'),
    yjsClientId(profile.store.node),
    (fragment) => {
      for (const block of textBlocks(fragment)) {
        const delta = block.toDelta() as Array<{ insert?: unknown; attributes?: Record<string, unknown> }>;
        const text = delta.map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
        const at = text.indexOf(input.find);
        if (at < 0) continue;
        let offset = 0;
        let attributes: Record<string, unknown> = {};
        for (const op of delta) {
          const length = typeof op.insert === 'string' ? op.insert.length : 0;
          if (at < offset + length) {
            attributes = op.attributes ?? {};
            break;
          }
          offset += length;
        }
        block.delete(at, input.find.length);
        if (input.replace) block.insert(at, input.replace, attributes);
        done = true;
        return;
      }
    },
  );
  if (!done)
    throw new ServiceError(
      'NOT_FOUND',
      'The sentence is no longer in the section (it was edited meanwhile); check again.',
    );
  applySectionUpdate(profile, section.id, encodeBase64(update), author);
}
