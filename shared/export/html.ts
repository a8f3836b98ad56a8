import {
  inlineText,
  swotRowCells,
  type ExportBlock,
  type ExportDocument,
  type ExportLabels,
  type Inline,
} from './model';

/*
 * The print view of a report: one self-contained HTML document (no scripts, no app chrome) with
 * print CSS: A4, margins, the title in the page header and "page n / N" in its footer (CSS page
 * margin boxes, which Chromium prints). It is what the desktop app hands to
 * webContents.printToPDF, what the tests print with Playwright's page.pdf(), and what browser
 * mode opens for the browser's own print. Footnotes are numbered and listed at the end of their
 * section.
 */

/** The fonts of the export, the first one Word's; the others are metric-compatible or common fallbacks. */
export const PRINT_FONTS = ['Calibri', 'Carlito', 'Liberation Sans', 'DejaVu Sans'] as const;

/**
 * A script (as source, to run in the print view's page) that answers which of PRINT_FONTS are not
 * installed: a text measured in "font, monospace" has the width of plain monospace when the font
 * is missing (document.fonts.check answers true for any font it does not know, so it cannot
 * tell). Electron's and Chromium's printers both run it.
 */
/** The print view's first font is missing: the font used instead (the first of PRINT_FONTS installed). */
export interface FontFallback {
  readonly missing: string;
  readonly used: string;
}

/** From the fonts a printer found missing: which fallback the PDF is set in, or null when the first font is there. */
export function fontFallbackOf(missing: readonly string[]): FontFallback | null {
  const first = PRINT_FONTS[0];
  if (!missing.includes(first)) return null;
  return { missing: first, used: PRINT_FONTS.find((font) => !missing.includes(font)) ?? 'sans-serif' };
}

export function missingFontsScript(): string {
  return `(() => {
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d');
    if (!context) return [];
    const sample = 'mmmmmmmmmmlliWW0123456789 Rapport';
    const width = (family) => { context.font = '32px ' + family; return context.measureText(sample).width; };
    return ${JSON.stringify(PRINT_FONTS)}.filter((font) => ['monospace', 'serif'].every((base) => width('"' + font + '", ' + base) === width(base)));
  })()`;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;
}

class HtmlWriter {
  notes: string[] = [];
  #noteNumber = 0;

  constructor(readonly labels: ExportLabels) {}

  inlines(inlines: readonly Inline[]): string {
    return inlines
      .map((inline) => {
        if (inline.kind === 'break') return '<br>';
        if (inline.kind === 'footnote') {
          this.#noteNumber += 1;
          this.notes.push(`<li id="fn${this.#noteNumber}">${escapeHtml(inline.text)}</li>`);
          return `<sup class="fnref"><a href="#fn${this.#noteNumber}">${this.#noteNumber}</a></sup>`;
        }
        let html = escapeHtml(inline.text);
        if (inline.code) html = `<code>${html}</code>`;
        if (inline.bold) html = `<strong>${html}</strong>`;
        if (inline.italic) html = `<em>${html}</em>`;
        if (inline.underline) html = `<u>${html}</u>`;
        if (inline.strike) html = `<s>${html}</s>`;
        if (inline.href && /^(https?:|mailto:)/i.test(inline.href))
          html = `<a href="${escapeHtml(inline.href)}">${html}</a>`;
        return html;
      })
      .join('');
  }

  blocks(blocks: readonly ExportBlock[]): string {
    return blocks.map((block) => this.block(block)).join('\n');
  }

  block(block: ExportBlock): string {
    const { labels } = this;
    switch (block.kind) {
      case 'heading': {
        const level = Math.min(6, Math.max(2, block.level));
        return `<h${level}>${this.inlines(block.inlines)}</h${level}>`;
      }
      case 'paragraph':
        return `<p>${this.inlines(block.inlines)}</p>`;
      case 'list': {
        const tag = block.ordered ? 'ol' : 'ul';
        return `<${tag}>${block.items.map((item) => `<li>${item.map((child) => (child.kind === 'paragraph' ? this.inlines(child.inlines) : this.block(child))).join('')}</li>`).join('')}</${tag}>`;
      }
      case 'quote':
        return `<blockquote>${this.blocks(block.blocks)}</blockquote>`;
      case 'table': {
        const columns = Math.max(1, ...block.rows.map((row) => row.length));
        const rows = block.rows.map((row, r) => {
          const cell = r < block.headerRows ? 'th' : 'td';
          return `<tr>${Array.from({ length: columns }, (_, c) => `<${cell}>${this.inlines(row[c] ?? [])}</${cell}>`).join('')}</tr>`;
        });
        const head = rows.slice(0, block.headerRows).join('');
        // Equal columns by the fixed table layout: no style attributes, which a page's CSP would block.
        return `<table class="grid"><colgroup>${'<col>'.repeat(columns)}</colgroup>${head ? `<thead>${head}</thead>` : ''}<tbody>${rows.slice(block.headerRows).join('')}</tbody></table>`;
      }
      case 'swot': {
        const caption = `${escapeHtml(block.title)} · ${escapeHtml(labels.conversations(block.conversationCount))}${block.live ? ` · <span class="concept">${escapeHtml(labels.concept)}</span>` : ''}`;
        const body = block.quadrants
          .map((quadrant) => {
            const head =
              block.quadrants.length > 1
                ? `<tr class="quadrant q-${quadrant.quadrant}"><th colspan="4">${escapeHtml(labels.quadrants[quadrant.quadrant])}</th></tr>`
                : '';
            const rows =
              quadrant.rows.length === 0
                ? `<tr><td colspan="4" class="empty">${escapeHtml(labels.noLemmas)}</td></tr>`
                : quadrant.rows
                    .map((row) => {
                      const cells = swotRowCells(row, block.conversationCount, labels);
                      return `<tr><td class="num">${row.rank}</td><td>${escapeHtml(row.lemma)}</td><td class="num">${escapeHtml(cells.score)}</td><td class="num">${escapeHtml(cells.count)}</td></tr>`;
                    })
                    .join('');
            return `<tbody>${head}${rows}</tbody>`;
          })
          .join('');
        return `<table class="swot"><caption>${caption}</caption><colgroup><col class="c-rank"><col class="c-lemma"><col class="c-score"><col class="c-count"></colgroup><thead><tr><th class="num">${escapeHtml(labels.rank)}</th><th>${escapeHtml(labels.lemma)}</th><th class="num">${escapeHtml(labels.score)}</th><th class="num">${escapeHtml(labels.conversationsColumn)}</th></tr></thead>${body}</table>`;
      }
      case 'rule':
        return '<hr>';
      case 'code':
        return `<pre>${escapeHtml(block.text)}</pre>`;
      case 'missing':
        return `<p class="missing">${escapeHtml(block.text)}</p>`;
    }
  }
}

function styles(doc: ExportDocument, labels: ExportLabels): string {
  const header = doc.concept ? `${doc.title} · ${labels.concept}` : doc.title;
  const fonts = PRINT_FONTS.map((font) => `"${font}"`).join(', ');
  return `
@page { size: A4; margin: 25mm 20mm 22mm 20mm;
  @top-right { content: ${cssString(header)}; font: 8pt ${fonts}, sans-serif; color: #666; }
  @bottom-center { content: ${cssString(`${labels.page} `)} counter(page) " / " counter(pages); font: 8pt ${fonts}, sans-serif; color: #444; } }
@page :first { @top-right { content: none; } @bottom-center { content: none; } }
html { font: 11pt/1.45 ${fonts}, sans-serif; color: #111; }
body { margin: 0; }
.title-page { break-after: page; padding-top: 60mm; }
.title-page h1 { font-size: 26pt; margin: 0 0 8mm; color: #1f3a5f; }
.title-page .concept-mark { color: #9a3412; font-weight: bold; font-size: 14pt; letter-spacing: 0.05em; }
.title-page dl { margin-top: 14mm; display: grid; grid-template-columns: max-content 1fr; gap: 2mm 6mm; }
.title-page dt { font-weight: bold; }
.title-page dd { margin: 0; }
nav.toc { break-after: page; }
nav.toc ol { list-style: none; padding: 0; }
nav.toc li { margin: 1.5mm 0; }
nav.toc a { color: inherit; text-decoration: none; }
section.chapter { break-before: page; }
section.chapter:first-of-type { break-before: auto; }
h1, h2, h3, h4, h5, h6 { color: #1f3a5f; break-after: avoid; line-height: 1.2; }
h1 { font-size: 18pt; margin: 0 0 5mm; }
h2 { font-size: 14pt; margin: 7mm 0 3mm; }
h3 { font-size: 12pt; margin: 5mm 0 2mm; }
p { margin: 0 0 3mm; orphans: 3; widows: 3; }
blockquote { margin: 3mm 8mm; padding-left: 4mm; border-left: 1mm solid #9ca3af; font-style: italic; color: #444; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 3mm 0 5mm; font-size: 10pt; }
th, td { border: 0.3mm solid #9ca3af; padding: 1.2mm 2mm; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
thead th { background: #e8eef4; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.num, th.num { text-align: right; }
table.swot caption { caption-side: top; text-align: left; font-weight: bold; color: #1f3a5f; padding-bottom: 1.5mm; }
table.swot tr.quadrant th { background: #f3f4f6; }
table.swot col.c-rank { width: 10%; } table.swot col.c-lemma { width: 56%; }
table.swot col.c-score { width: 14%; } table.swot col.c-count { width: 20%; }
.concept { color: #9a3412; }
.missing, .empty { color: #9a3412; font-style: italic; }
ol.footnotes { font-size: 9pt; border-top: 0.3mm solid #9ca3af; margin-top: 6mm; padding-top: 2mm; }
sup.fnref a { color: inherit; text-decoration: none; }
a { color: #1f3a5f; }
pre { font: 9pt "DejaVu Sans Mono", monospace; white-space: pre-wrap; }
`;
}

/** The print view's parts: its body (no <style>, no style attributes) and its style sheet. */
export interface PrintView {
  readonly title: string;
  readonly language: string;
  readonly body: string;
  readonly css: string;
}

/**
 * The print view of the export model in parts. Browser mode puts the body into a window of the
 * app's origin, whose Content-Security-Policy refuses inline styles, and adopts the CSS as a
 * constructed style sheet; Chromium and Electron print the whole document (`reportHtml`).
 */
export function reportPrintView(doc: ExportDocument, labels: ExportLabels, language = 'nl-BE'): PrintView {
  const writer = new HtmlWriter(labels);
  const toc: string[] = [];
  const chapters = doc.sections.map((section, index) => {
    writer.notes = [];
    toc.push(`<li><a href="#chapter-${index + 1}">${escapeHtml(section.title)}</a></li>`);
    const body = writer.blocks(section.blocks);
    const notes = writer.notes.length > 0 ? `<ol class="footnotes" start="${1}">${writer.notes.join('')}</ol>` : '';
    return `<section class="chapter" id="chapter-${index + 1}"><h1>${escapeHtml(section.title)}</h1>\n${body}\n${notes}</section>`;
  });
  const body = `<header class="title-page">
<h1>${escapeHtml(doc.title)}</h1>
${doc.concept ? `<p class="concept-mark">${escapeHtml(labels.concept.toUpperCase())}</p>` : ''}
<dl><dt>${escapeHtml(labels.campaign)}</dt><dd>${escapeHtml(doc.campaignName)}</dd><dt>${escapeHtml(labels.date)}</dt><dd>${escapeHtml(doc.date)}</dd><dt>${escapeHtml(labels.team)}</dt><dd>${escapeHtml(doc.teamName)}</dd></dl>
</header>
<nav class="toc"><h1>${escapeHtml(labels.contents)}</h1><ol>${toc.join('')}</ol></nav>
${chapters.join('\n')}`;
  return { title: doc.title, language, body, css: styles(doc, labels) };
}

/** The print view of the export model as one self-contained HTML document. */
export function reportHtml(doc: ExportDocument, labels: ExportLabels, language = 'nl-BE'): string {
  const view = reportPrintView(doc, labels, language);
  return `<!doctype html>
<html lang="${escapeHtml(view.language)}">
<head>
<meta charset="utf-8">
<meta name="author" content="${escapeHtml(doc.teamName)}">
<title>${escapeHtml(view.title)}</title>
<style>${view.css}</style>
</head>
<body>
${view.body}
</body>
</html>
`;
}

export { inlineText };
