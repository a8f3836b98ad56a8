import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import {
  inlineText,
  swotRowCells,
  type ExportBlock,
  type ExportDocument,
  type ExportLabels,
  type Inline,
} from './model';

/*
 * The Word file of a report, from the export model, with the `docx` library. prosemirror-docx
 * was considered; it maps prosemirror-markdown's node names, not TipTap's, and knows nothing of
 * live blocks, so the export model (which already resolves those) is written here directly.
 *
 * - Page: A4, 2.5 cm margins; headings use Word's built-in Heading 1..6 styles, so the TOC field
 *   (a real field, filled with the headings as cached entries and refreshed by Word on open)
 *   and the navigation pane work.
 * - Tables have explicit column widths and a fixed layout (they collapse in LibreOffice and
 *   Google Docs otherwise); a SWOT block is one Word table, quadrant rows spanning the columns.
 * - Document properties carry the team's name only; no comments, no tracked changes.
 */

/** A4 in twips, and 2.5 cm margins. */
const PAGE = { width: 11906, height: 16838, margin: 1417 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const FONT = 'Calibri';
const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;
const SWOT_COLUMNS = [900, CONTENT_WIDTH - 900 - 1300 - 1500, 1300, 1500] as const;

class Writer {
  readonly footnotes: Record<string, { children: Paragraph[] }> = {};
  #nextFootnote = 1;
  #nextList = 0;
  readonly toc: Array<{ title: string; level: number }> = [];

  constructor(readonly labels: ExportLabels) {}

  runs(inlines: readonly Inline[], base: { bold?: boolean } = {}): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    for (const inline of inlines) {
      if (inline.kind === 'break') {
        out.push(new TextRun({ break: 1 }));
      } else if (inline.kind === 'footnote') {
        const id = this.#nextFootnote;
        this.#nextFootnote += 1;
        this.footnotes[String(id)] = { children: [new Paragraph({ children: [new TextRun(inline.text)] })] };
        out.push(new FootnoteReferenceRun(id));
      } else {
        const run = new TextRun({
          text: inline.text,
          bold: inline.bold ?? base.bold,
          italics: inline.italic,
          underline: inline.underline ? {} : undefined,
          strike: inline.strike,
          font: inline.code ? 'Consolas' : undefined,
          style: inline.href ? 'Hyperlink' : undefined,
        });
        out.push(
          inline.href && /^(https?:|mailto:)/i.test(inline.href)
            ? new ExternalHyperlink({ link: inline.href, children: [run] })
            : run,
        );
      }
    }
    return out;
  }

  heading(text: string, level: number): Paragraph {
    this.toc.push({ title: text, level });
    return new Paragraph({ heading: HEADINGS[Math.min(6, Math.max(1, level)) - 1], children: [new TextRun(text)] });
  }

  cell(
    children: ParagraphChild[],
    width: number,
    options: {
      header?: boolean;
      span?: number;
      shade?: boolean;
      align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    } = {},
  ): TableCell {
    return new TableCell({
      width: { size: width, type: WidthType.DXA },
      columnSpan: options.span,
      shading: options.shade ? { type: ShadingType.CLEAR, fill: 'E8EEF4', color: 'auto' } : undefined,
      margins: { top: 60, bottom: 60, left: 100, right: 100 },
      children: [new Paragraph({ alignment: options.align, children })],
    });
  }

  swot(block: Extract<ExportBlock, { kind: 'swot' }>): Array<Paragraph | Table> {
    const { labels } = this;
    const caption = `${block.title} · ${labels.conversations(block.conversationCount)}${block.live ? ` · ${labels.concept}` : ''}`;
    const header = new TableRow({
      tableHeader: true,
      children: [labels.rank, labels.lemma, labels.score, labels.conversationsColumn].map((title, index) =>
        this.cell([new TextRun({ text: title, bold: true })], SWOT_COLUMNS[index] ?? 0, {
          shade: true,
          align: index >= 2 ? AlignmentType.RIGHT : undefined,
        }),
      ),
    });
    const rows: TableRow[] = [header];
    for (const quadrant of block.quadrants) {
      if (block.quadrants.length > 1) {
        rows.push(
          new TableRow({
            cantSplit: true,
            children: [
              this.cell([new TextRun({ text: labels.quadrants[quadrant.quadrant], bold: true })], CONTENT_WIDTH, {
                span: 4,
              }),
            ],
          }),
        );
      }
      if (quadrant.rows.length === 0) {
        rows.push(
          new TableRow({
            children: [this.cell([new TextRun({ text: labels.noLemmas, italics: true })], CONTENT_WIDTH, { span: 4 })],
          }),
        );
      }
      for (const row of quadrant.rows) {
        const cells = swotRowCells(row, block.conversationCount, labels);
        rows.push(
          new TableRow({
            cantSplit: true,
            children: [
              this.cell([new TextRun(String(row.rank))], SWOT_COLUMNS[0]),
              this.cell([new TextRun(row.lemma)], SWOT_COLUMNS[1]),
              this.cell([new TextRun(cells.score)], SWOT_COLUMNS[2], { align: AlignmentType.RIGHT }),
              this.cell([new TextRun(cells.count)], SWOT_COLUMNS[3], { align: AlignmentType.RIGHT }),
            ],
          }),
        );
      }
    }
    return [
      new Paragraph({ style: 'Caption', keepNext: true, children: [new TextRun(caption)] }),
      new Table({
        width: { size: CONTENT_WIDTH, type: WidthType.DXA },
        columnWidths: [...SWOT_COLUMNS],
        layout: TableLayoutType.FIXED,
        rows,
      }),
      new Paragraph({}),
    ];
  }

  table(block: Extract<ExportBlock, { kind: 'table' }>): Array<Paragraph | Table> {
    const columns = Math.max(1, ...block.rows.map((row) => row.length));
    const width = Math.floor(CONTENT_WIDTH / columns);
    const widths = Array.from({ length: columns }, (_, index) =>
      index === columns - 1 ? CONTENT_WIDTH - width * (columns - 1) : width,
    );
    const rows = block.rows.map(
      (row, r) =>
        new TableRow({
          tableHeader: r < block.headerRows,
          children: widths.map((cellWidth, c) =>
            this.cell(this.runs(row[c] ?? [], { bold: r < block.headerRows || undefined }), cellWidth, {
              shade: r < block.headerRows,
            }),
          ),
        }),
    );
    return [
      new Table({
        width: { size: CONTENT_WIDTH, type: WidthType.DXA },
        columnWidths: widths,
        layout: TableLayoutType.FIXED,
        rows,
      }),
      new Paragraph({}),
    ];
  }

  blocks(
    blocks: readonly ExportBlock[],
    context: { quote?: boolean; listLevel?: number } = {},
  ): Array<Paragraph | Table> {
    const out: Array<Paragraph | Table> = [];
    for (const block of blocks) {
      switch (block.kind) {
        case 'heading':
          out.push(this.heading(inlineText(block.inlines), Math.max(2, block.level)));
          break;
        case 'paragraph':
          out.push(new Paragraph({ style: context.quote ? 'Quote' : undefined, children: this.runs(block.inlines) }));
          break;
        case 'list': {
          const level = context.listLevel ?? 0;
          const instance = this.#nextList;
          this.#nextList += 1;
          for (const item of block.items) {
            item.forEach((child, index) => {
              if (child.kind === 'paragraph' && index === 0) {
                out.push(
                  new Paragraph({
                    style: context.quote ? 'Quote' : undefined,
                    children: this.runs(child.inlines),
                    ...(block.ordered
                      ? { numbering: { reference: 'ordered', level, instance } }
                      : { bullet: { level } }),
                  }),
                );
              } else {
                out.push(...this.blocks([child], { ...context, listLevel: level + 1 }));
              }
            });
          }
          break;
        }
        case 'quote':
          out.push(...this.blocks(block.blocks, { ...context, quote: true }));
          break;
        case 'table':
          out.push(...this.table(block));
          break;
        case 'swot':
          out.push(...this.swot(block));
          break;
        case 'rule':
          out.push(
            new Paragraph({
              border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '999999', space: 1 } },
              children: [],
            }),
          );
          break;
        case 'code':
          out.push(
            ...block.text
              .split('\n')
              .map((line) => new Paragraph({ children: [new TextRun({ text: line, font: 'Consolas' })] })),
          );
          break;
        case 'missing':
          out.push(new Paragraph({ children: [new TextRun({ text: block.text, italics: true, color: '9A3412' })] }));
          break;
      }
    }
    return out;
  }
}

/** The Word document of a report (pack it with `Packer.toBuffer` / `toBlob`). */
export function reportDocx(doc: ExportDocument, labels: ExportLabels): Document {
  const writer = new Writer(labels);
  const body: Array<Paragraph | Table> = [];
  for (const section of doc.sections) {
    body.push(writer.heading(section.title, 1));
    body.push(...writer.blocks(section.blocks));
  }
  const titlePage: Paragraph[] = [
    new Paragraph({ spacing: { before: 3000 } }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] }),
    ...(doc.concept
      ? [
          new Paragraph({
            children: [new TextRun({ text: labels.concept.toUpperCase(), bold: true, color: '9A3412', size: 28 })],
          }),
        ]
      : []),
    new Paragraph({
      spacing: { before: 600 },
      children: [new TextRun({ text: `${labels.campaign}: `, bold: true }), new TextRun(doc.campaignName)],
    }),
    new Paragraph({ children: [new TextRun({ text: `${labels.date}: `, bold: true }), new TextRun(doc.date)] }),
    new Paragraph({ children: [new TextRun({ text: `${labels.team}: `, bold: true }), new TextRun(doc.teamName)] }),
    new Paragraph({ children: [new PageBreak()] }),
  ];
  const toc = new TableOfContents(labels.contents, {
    hyperlink: true,
    headingStyleRange: '1-3',
    cachedEntries: writer.toc
      .filter((entry) => entry.level <= 3)
      .map((entry) => ({ title: entry.title, level: entry.level })),
  });
  const headerText = doc.concept ? `${doc.title} · ${labels.concept}` : doc.title;
  return new Document({
    creator: doc.teamName,
    lastModifiedBy: doc.teamName,
    title: doc.title,
    description: doc.campaignName,
    features: { updateFields: true },
    styles: {
      default: { document: { run: { font: FONT, size: 22 } } },
      paragraphStyles: [
        {
          id: 'Quote',
          name: 'Quote',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { italics: true, color: '444444' },
          paragraph: {
            indent: { left: 567, right: 567 },
            border: { left: { style: BorderStyle.SINGLE, size: 12, color: '9CA3AF', space: 8 } },
          },
        },
        {
          id: 'Caption',
          name: 'Caption',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { bold: true, size: 20, color: '1F3A5F' },
          paragraph: { spacing: { before: 120, after: 60 } },
        },
      ],
    },
    numbering: {
      config: [
        {
          reference: 'ordered',
          levels: [0, 1, 2, 3, 4, 5, 6, 7, 8].map((level) => ({
            level,
            format:
              level % 3 === 1
                ? LevelFormat.LOWER_LETTER
                : level % 3 === 2
                  ? LevelFormat.LOWER_ROMAN
                  : LevelFormat.DECIMAL,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    footnotes: writer.footnotes,
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
          },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun({ text: headerText, size: 18, color: '666666' })],
              }),
            ],
          }),
          first: new Header({ children: [] }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: [`${labels.page} `, PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES],
                    size: 18,
                  }),
                ],
              }),
            ],
          }),
          first: new Footer({ children: [] }),
        },
        children: [...titlePage, toc, new Paragraph({ children: [new PageBreak()] }), ...body],
      },
    ],
  });
}
