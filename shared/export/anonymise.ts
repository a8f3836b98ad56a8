import { hitKey, isFigureKey, type AnonymityHit, type CheckFigure, type CheckUnit } from '../anonymise/check';
import { inlineText, type ExportBlock, type ExportDocument, type Inline } from './model';

/*
 * The anonymisation check over the export model: every text of the document becomes a check
 * unit (title, section titles, headings, paragraphs, list items, table cells, quotes, footnotes,
 * SWOT lemma names), every SWOT row a figure; chosen replacements are applied to the same texts.
 * One traversal (`mapDocument`) serves both, so unit ids always point at the same text.
 */

type TextMapper = (unitId: string, where: string, inlines: readonly Inline[]) => readonly Inline[];
/** Sees every SWOT row; answers a label to hide the row's score and count behind (a resolved small cell). */
type FigureVisitor = (figure: CheckFigure) => string | undefined | void;

function text(value: string): Inline[] {
  return [{ kind: 'text', text: value }];
}

/**
 * The runs of a paragraph: each stretch of text between footnotes is one unit (`id`, `id.1`,
 * ...), each footnote another (`id.fn1`, ...), so a replacement never moves a footnote.
 */
function mapInlines(id: string, where: string, inlines: readonly Inline[], map: TextMapper): Inline[] {
  const out: Inline[] = [];
  let segment: Inline[] = [];
  let segments = 0;
  let notes = 0;
  const flush = () => {
    if (segment.length > 0) out.push(...map(segments === 0 ? id : `${id}.${segments}`, where, segment));
    segments += 1;
    segment = [];
  };
  for (const inline of inlines) {
    if (inline.kind !== 'footnote') {
      segment.push(inline);
      continue;
    }
    flush();
    notes += 1;
    out.push({ kind: 'footnote', text: inlineText(map(`${id}.fn${notes}`, where, text(inline.text))) });
  }
  flush();
  return out;
}

function mapBlock(block: ExportBlock, id: string, where: string, map: TextMapper, figure: FigureVisitor): ExportBlock {
  switch (block.kind) {
    case 'heading':
    case 'paragraph':
      return { ...block, inlines: mapInlines(id, where, block.inlines, map) };
    case 'list':
      return {
        ...block,
        items: block.items.map((item, i) =>
          item.map((child, j) => mapBlock(child, `${id}.i${i}.${j}`, where, map, figure)),
        ),
      };
    case 'quote':
      return { ...block, blocks: block.blocks.map((child, i) => mapBlock(child, `${id}.${i}`, where, map, figure)) };
    case 'table':
      return {
        ...block,
        rows: block.rows.map((row, r) => row.map((cell, c) => mapInlines(`${id}.r${r}c${c}`, where, cell, map))),
      };
    case 'swot': {
      const title = inlineText(map(`${id}.title`, where, text(block.title)));
      return {
        ...block,
        title,
        quadrants: block.quadrants.map((quadrant) => ({
          ...quadrant,
          rows: quadrant.rows.map((row, r) => {
            const rowId = `${id}.${quadrant.quadrant}${r}`;
            const lemma = inlineText(map(rowId, `${where} · ${title}`, text(row.lemma)));
            // A row whose figures are already hidden shows no figure to check.
            const suppressed =
              row.suppressed ??
              figure({
                id: rowId,
                where: `${where} · ${title}`,
                label: `${lemma}: ${row.display}`,
                organisations: row.organisations,
              });
            return suppressed ? { ...row, lemma, suppressed } : { ...row, lemma };
          }),
        })),
      };
    }
    case 'code':
      return { ...block, text: inlineText(map(id, where, text(block.text))) };
    case 'missing':
    case 'rule':
      return block;
  }
}

/** Walks every text of the document through `map` (and every SWOT row through `figure`), answering the mapped document. */
export function mapDocument(doc: ExportDocument, map: TextMapper, figure: FigureVisitor = () => {}): ExportDocument {
  return {
    ...doc,
    title: inlineText(map('title', doc.title, text(doc.title))),
    sections: doc.sections.map((section, s) => {
      const where = section.title;
      return {
        ...section,
        title: inlineText(map(`s${s}.title`, where, text(section.title))),
        blocks: section.blocks.map((block, b) => mapBlock(block, `s${s}.b${b}`, where, map, figure)),
      };
    }),
  };
}

/** The check units and figures of a document (sector context, when known, per section id). */
export function documentUnits(
  doc: ExportDocument,
  sectorOfSection: (sectionId: string) => string | null = () => null,
): { units: CheckUnit[]; figures: CheckFigure[] } {
  const units: CheckUnit[] = [];
  const figures: CheckFigure[] = [];
  const sectionIds = new Map(doc.sections.map((section, s) => [`s${s}`, section.id]));
  mapDocument(
    doc,
    (id, where, inlines) => {
      const value = inlineText(inlines);
      if (value.trim())
        units.push({ id, text: value, where, sectorId: sectorOfSection(sectionIds.get(id.split('.')[0] ?? '') ?? '') });
      return inlines;
    },
    (figure) => {
      figures.push(figure);
    },
  );
  return { units, figures };
}

/** Replaces the ranges [start, end) of the joined text of `inlines` by labels, keeping each run's marks. */
export function replaceInInlines(
  inlines: readonly Inline[],
  ranges: ReadonlyArray<{ start: number; end: number; label: string }>,
): Inline[] {
  let out = [...inlines];
  for (const range of [...ranges].sort((a, b) => b.start - a.start)) {
    const next: Inline[] = [];
    let offset = 0;
    let placed = false;
    for (const inline of out) {
      const length = inline.kind === 'text' ? inline.text.length : inline.kind === 'break' ? 1 : 0;
      const from = offset;
      const to = offset + length;
      offset = to;
      if (to <= range.start || from >= range.end || inline.kind !== 'text') {
        if (!(inline.kind === 'break' && from >= range.start && to <= range.end)) next.push(inline);
        continue;
      }
      const keepBefore = inline.text.slice(0, Math.max(0, range.start - from));
      const keepAfter = inline.text.slice(Math.max(0, range.end - from));
      const label = placed ? '' : range.label;
      placed = true;
      const replaced = keepBefore + label + keepAfter;
      if (replaced) next.push({ ...inline, text: replaced });
    }
    out = next;
  }
  return out;
}

/**
 * Applies the chosen labels: every hit whose key has a replacement is replaced in its text.
 * Hits overlapping an earlier replaced hit of the same unit are skipped.
 */
export function applyDocumentReplacements(
  doc: ExportDocument,
  hits: readonly AnonymityHit[],
  replacements: ReadonlyMap<string, string>,
): ExportDocument {
  const byUnit = new Map<string, AnonymityHit[]>();
  for (const hit of hits) {
    // A small cell of a table shares its row's unit id; its label hides the row's figures, not text.
    if (!replacements.has(hit.key) || isFigureKey(hit.key)) continue;
    byUnit.set(hit.unitId, [...(byUnit.get(hit.unitId) ?? []), hit]);
  }
  const hidden = new Map(
    hits
      .filter((hit) => hit.kind === 'smallCell' && isFigureKey(hit.key) && replacements.has(hit.key))
      .map((hit) => [hit.unitId, replacements.get(hit.key) ?? ''] as const),
  );
  if (byUnit.size === 0 && hidden.size === 0) return doc;
  return mapDocument(
    doc,
    (id, _where, inlines) => {
      const mine = byUnit.get(id);
      if (!mine) return inlines;
      const ranges: Array<{ start: number; end: number; label: string }> = [];
      for (const hit of [...mine].sort((a, b) => a.start - b.start)) {
        if (ranges.some((range) => hit.start < range.end)) continue;
        const label = replacements.get(hit.key) ?? '';
        // A label that starts a sentence starts with a capital ("Een van de integratiecentra ...").
        const startsSentence = hit.context.before.trim() === '' || /[.!?:]\s*$/.test(hit.context.before);
        ranges.push({
          start: hit.start,
          end: hit.end,
          label: startsSentence ? label.charAt(0).toUpperCase() + label.slice(1) : label,
        });
      }
      return replaceInInlines(inlines, ranges);
    },
    (figure) => hidden.get(figure.id),
  );
}

export { hitKey };
