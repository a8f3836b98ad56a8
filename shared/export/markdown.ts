import { swotRowCells, type ExportBlock, type ExportDocument, type ExportLabels, type Inline } from './model';

/*
 * The one Markdown writer (CommonMark + GFM pipe tables and footnotes) of a report, over the
 * export model: `veldwerk report export --format md`, the export dialog's Markdown, and
 * `veldwerk report show` (which passes its own front lines: status and pen holder). What the
 * export model resolved (live or frozen values, hidden small cells, labels) is what is printed.
 */

/** The lines under the title of an exported file: campaign, date, team. */
export function exportFront(doc: ExportDocument, labels: ExportLabels): string[] {
  return [
    `- ${labels.campaign}: ${doc.campaignName}`,
    `- ${labels.date}: ${doc.date}`,
    `- ${labels.team}: ${doc.teamName}`,
  ];
}

/** The report as Markdown (headings, lists, quotes, pipe tables, footnotes), for the CLI and plain-text use. */
export function reportMarkdown(
  doc: ExportDocument,
  labels: ExportLabels,
  front: readonly string[] = exportFront(doc, labels),
): string {
  const lines: string[] = [`# ${doc.title}`, ''];
  if (doc.concept) lines.push(`**${labels.concept}**`, '');
  if (front.length > 0) lines.push(...front, '');
  let notes: Array<{ n: number; text: string }> = [];
  let noteCount = 0;
  const md = (inlines: readonly Inline[]): string =>
    inlines
      .map((inline) => {
        if (inline.kind === 'break') return '  \n';
        if (inline.kind === 'footnote') {
          noteCount += 1;
          notes.push({ n: noteCount, text: inline.text });
          return `[^${noteCount}]`;
        }
        let text = inline.text.replace(/([\\`*_[\]<>|])/g, '\\$1');
        if (inline.code) text = `\`${inline.text}\``;
        if (inline.bold) text = `**${text}**`;
        if (inline.italic) text = `*${text}*`;
        if (inline.strike) text = `~~${text}~~`;
        if (inline.href) text = `[${text}](${inline.href})`;
        return text;
      })
      .join('');
  const cell = (inlines: readonly Inline[]) => md(inlines).replace(/\s*\n\s*/g, ' ');
  const block = (item: ExportBlock, indent = ''): string[] => {
    switch (item.kind) {
      case 'heading':
        return [`${'#'.repeat(Math.min(6, Math.max(3, item.level + 1)))} ${md(item.inlines)}`, ''];
      case 'paragraph':
        return [`${indent}${md(item.inlines)}`, ''];
      case 'list':
        return [
          ...item.items.flatMap((entry, index) => {
            const marker = item.ordered ? `${index + 1}. ` : '- ';
            const [first, ...rest] = entry;
            const head = first?.kind === 'paragraph' ? md(first.inlines) : '';
            return [
              `${indent}${marker}${head}`,
              ...rest.flatMap((child) => block(child, `${indent}   `).filter((line) => line !== '')),
            ];
          }),
          '',
        ];
      case 'quote':
        return [...item.blocks.flatMap((child) => block(child)).map((line) => (line ? `> ${line}` : '>')), ''];
      case 'table': {
        const columns = Math.max(1, ...item.rows.map((row) => row.length));
        const row = (cells: readonly (readonly Inline[])[]) =>
          `| ${Array.from({ length: columns }, (_, c) => cell(cells[c] ?? [])).join(' | ')} |`;
        const header = item.headerRows > 0 ? (item.rows[0] ?? []) : Array.from({ length: columns }, () => []);
        const body = item.headerRows > 0 ? item.rows.slice(1) : item.rows;
        return [row(header), `|${' --- |'.repeat(columns)}`, ...body.map(row), ''];
      }
      case 'swot': {
        const out = [
          `**${item.title} · ${labels.conversations(item.conversationCount)}${item.live ? ` · ${labels.concept}` : ''}**`,
          '',
        ];
        out.push(
          `| ${labels.rank} | ${labels.lemma} | ${labels.score} | ${labels.conversationsColumn} |`,
          '| ---: | --- | ---: | ---: |',
        );
        for (const quadrant of item.quadrants) {
          if (item.quadrants.length > 1) out.push(`|  | **${labels.quadrants[quadrant.quadrant]}** |  |  |`);
          for (const row of quadrant.rows) {
            const cells = swotRowCells(row, item.conversationCount, labels);
            out.push(`| ${row.rank} | ${row.lemma.replace(/\|/g, '\\|')} | ${cells.score} | ${cells.count} |`);
          }
        }
        return [...out, ''];
      }
      case 'rule':
        return ['---', ''];
      case 'code':
        return ['```', item.text, '```', ''];
      case 'missing':
        return [`*${item.text}*`, ''];
    }
  };
  for (const section of doc.sections) {
    notes = [];
    lines.push(`## ${section.title}`, '');
    for (const item of section.blocks) lines.push(...block(item));
    for (const note of notes) lines.push(`[^${note.n}]: ${note.text}`);
    if (notes.length > 0) lines.push('');
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
