import type { ResolvedBlock, ResolvedBlockValue } from '../contract/reports';
import { catalogs, type Language } from '../i18n';
import type { ReportTextMessages } from '../i18n/report-text.nl-BE';
import { blockKey, type ReportJson } from './model';
import { blocksOf } from './blocks';

/*
 * A report as Markdown (CommonMark + GFM tables and footnotes), with its live blocks resolved:
 * what `veldwerk report show --format md` prints. Live blocks come in as resolved values keyed
 * by blockKey, so the same rendering serves live and frozen values.
 */

export interface MarkdownSection {
  readonly title: string;
  readonly content: ReportJson;
}

export interface MarkdownReport {
  readonly title: string;
  readonly status: string;
  readonly penHolder: string | null;
  readonly frozen: boolean;
  readonly sections: readonly MarkdownSection[];
}

type Values = ReadonlyMap<string, ResolvedBlock>;

function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => String(values[name] ?? whole));
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return [
    `| ${header.map(escapeCell).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map((cell) => escapeCell(String(cell))).join(' | ')} |`),
  ].join('\n');
}

function blockMarkdown(value: ResolvedBlockValue, text: ReportTextMessages, language: Language): string {
  const quadrantName = catalogs[language].swot.quadrants;
  switch (value.type) {
    case 'swotTable':
      return [
        `*${fill(value.conversationCount === 1 ? text.scopeLine_one : text.scopeLine_other, { sector: value.sectorName, group: value.groupName, count: value.conversationCount })}*`,
        ...value.quadrants.map(({ quadrant, rows }) =>
          [
            `**${quadrantName[quadrant]}**`,
            rows.length === 0
              ? text.noLemmas
              : table(
                  [text.rank, text.lemma, text.score, text.kOfN],
                  rows.map((row) => [row.rank, row.lemma, row.display, `${row.k}/${value.conversationCount}`]),
                ),
          ].join('\n\n'),
        ),
      ].join('\n\n');
    case 'lemmaParagraphs':
      return value.paragraphs.length === 0
        ? text.noLemmas
        : value.paragraphs
            .map((paragraph) =>
              `**${paragraph.lemma}** (${paragraph.display}; ${paragraph.k}/${value.conversationCount}). ${paragraph.narrative}`.trim(),
            )
            .join('\n\n');
    case 'teamSwot':
      return [
        `*${fill(text.teamSwot, { sector: value.sectorName })}*`,
        ...value.quadrants.map(({ quadrant, lemmas }) =>
          [
            `**${quadrantName[quadrant]}**`,
            lemmas.length === 0 ? text.noLemmas : lemmas.map((lemma) => `- ${lemma.name}`).join('\n'),
          ].join('\n\n'),
        ),
      ].join('\n\n');
    case 'participants':
      return table(
        [text.category, text.participants, text.conversations],
        [
          ...value.rows.map((row) => [row.category, row.participants, row.conversations]),
          [text.total, value.total, value.conversationCount],
        ],
      );
    case 'counter':
      return value.text;
    case 'sourceQuote':
      return '';
  }
}

interface Context {
  readonly values: Values;
  readonly text: ReportTextMessages;
  readonly language: Language;
  readonly footnotes: string[];
}

function resolved(node: ReportJson, context: Context): ResolvedBlock | undefined {
  const [block] = blocksOf({ type: 'doc', content: [node] });
  return block ? context.values.get(blockKey(block)) : undefined;
}

function inline(nodes: readonly ReportJson[], context: Context): string {
  return nodes
    .map((node) => {
      if (node.type === 'text') {
        let out = node.text ?? '';
        for (const mark of node.marks ?? []) {
          if (mark.type === 'bold') out = `**${out}**`;
          else if (mark.type === 'italic') out = `*${out}*`;
          else if (mark.type === 'strike') out = `~~${out}~~`;
          else if (mark.type === 'code') out = `\`${out}\``;
          else if (mark.type === 'link' && typeof mark.attrs?.href === 'string') out = `[${out}](${mark.attrs.href})`;
        }
        return out;
      }
      if (node.type === 'hardBreak') return '  \n';
      if (node.type === 'footnote') {
        context.footnotes.push(typeof node.attrs?.text === 'string' ? node.attrs.text : '');
        return `[^${context.footnotes.length}]`;
      }
      if (node.type === 'counter') {
        const value = resolved(node, context);
        return value?.ok ? blockMarkdown(value.value, context.text, context.language) : '…';
      }
      return inline(node.content ?? [], context);
    })
    .join('');
}

function prefixLines(text: string, first: string, rest: string): string {
  return text
    .split('\n')
    .map((line, index) => (index === 0 ? first : rest) + line)
    .join('\n');
}

function block(node: ReportJson, context: Context): string {
  const children = node.content ?? [];
  switch (node.type) {
    case 'paragraph':
      return inline(children, context);
    case 'heading': {
      const level = typeof node.attrs?.level === 'number' ? node.attrs.level : 2;
      return `${'#'.repeat(Math.min(6, Math.max(3, level + 1)))} ${inline(children, context)}`;
    }
    case 'blockquote':
      return prefixLines(blocks(children, context), '> ', '> ');
    case 'sourceQuote': {
      const value = resolved(node, context);
      const note =
        value?.ok && value.value.type === 'sourceQuote'
          ? [
              value.value.sourceLabel,
              value.value.exists ? (value.value.changed ? context.text.quoteChanged : '') : context.text.quoteGone,
            ]
              .filter(Boolean)
              .join('; ')
          : '';
      return prefixLines(`${blocks(children, context)}${note ? `\n\n— ${note}` : ''}`, '> ', '> ');
    }
    case 'bulletList':
      return children.map((item) => prefixLines(blocks(item.content ?? [], context), '- ', '  ')).join('\n');
    case 'orderedList': {
      const start = typeof node.attrs?.start === 'number' ? node.attrs.start : 1;
      return children
        .map((item, index) => prefixLines(blocks(item.content ?? [], context), `${start + index}. `, '   '))
        .join('\n');
    }
    case 'codeBlock':
      return `\`\`\`\n${children.map((child) => child.text ?? '').join('')}\n\`\`\``;
    case 'horizontalRule':
      return '---';
    case 'table': {
      const rows = children.map((row) =>
        (row.content ?? []).map((cell) => blocks(cell.content ?? [], context).replace(/\n+/g, ' ')),
      );
      const [header, ...body] = rows;
      return header ? table(header, body) : '';
    }
    case 'swotTable':
    case 'lemmaParagraphs':
    case 'teamSwot':
    case 'participants': {
      const value = resolved(node, context);
      if (!value) return '';
      return value.ok
        ? blockMarkdown(value.value, context.text, context.language)
        : `*${fill(context.text.blockError, { message: value.message })}*`;
    }
    default:
      return blocks(children, context);
  }
}

function blocks(nodes: readonly ReportJson[], context: Context): string {
  return nodes
    .map((node) => block(node, context))
    .filter((text) => text.length > 0)
    .join('\n\n');
}

export function reportMarkdown(report: MarkdownReport, values: Values, language: Language = 'nl-BE'): string {
  const text = catalogs[language].reportText;
  const out: string[] = [
    `# ${report.title}`,
    `${text.status}: ${report.status}${report.penHolder ? ` · ${text.penHolder}: ${report.penHolder}` : ''}`,
  ];
  if (report.frozen) out.push(`*${text.frozenNote}*`);
  // Footnotes are numbered through the whole report and listed at the end of their section.
  const context: Context = { values, text, language, footnotes: [] };
  for (const section of report.sections) {
    const first = context.footnotes.length;
    out.push(`## ${section.title}`);
    const body = blocks(section.content.content ?? [], context);
    if (body) out.push(body);
    const notes = context.footnotes.slice(first);
    if (notes.length > 0) out.push(notes.map((note, index) => `[^${first + index + 1}]: ${note}`).join('\n'));
  }
  return `${out.join('\n\n')}\n`;
}
