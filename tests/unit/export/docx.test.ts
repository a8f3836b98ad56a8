import mammoth from 'mammoth';
import { Packer } from 'docx';
import { describe, expect, it } from 'vitest';
import { reportDocx } from '../../../shared/export/docx';
import { docxPart, docxParts, paragraphsOf } from '../../support/docx-read';
import { fixtureDocument, labels } from '../../support/export-fixture';

async function docxBytes(frozen = false): Promise<Buffer> {
  return Packer.toBuffer(reportDocx(fixtureDocument({ frozen, sections: 2 }), labels));
}

describe('DOCX export', () => {
  it('writes Word heading styles, a TOC field, footnotes, lists and quotes', async () => {
    const bytes = await docxBytes();
    const xml = docxPart(bytes, 'word/document.xml');
    expect(xml).toContain('<w:pStyle w:val="Title"/>');
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toContain('<w:pStyle w:val="Heading2"/>');
    expect(xml).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-3&quot;/);
    expect(xml).toContain('w:fldCharType="begin"');
    expect(xml).toContain('<w:footnoteReference w:id="1"/>');
    expect(xml).toContain('<w:pStyle w:val="Quote"/>');
    expect(xml).toContain('<w:numPr>');
    const footnotes = docxPart(bytes, 'word/footnotes.xml');
    expect(footnotes).toContain('Bron: de gesprekken met de stakeholders.');
    const text = paragraphsOf(xml);
    expect(text).toContain('In vier van de acht centra werkt men samen.');
    expect(text).toContain('Wat zeggen de stakeholders?');
  });

  it('writes each SWOT block as one Word table with fixed column widths and decimal-comma scores', async () => {
    const xml = docxPart(await docxBytes(), 'word/document.xml');
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((match) => match[0]);
    // Per section: one SWOT table and one ordinary table.
    expect(tables).toHaveLength(4);
    const swot = tables.filter((table) => table.includes('Goede samenwerking'));
    expect(swot).toHaveLength(2);
    for (const table of swot) {
      expect(table).toContain('<w:tblLayout w:type="fixed"/>');
      expect(table).toMatch(/<w:tblGrid>(<w:gridCol w:w="\d+"\/>){4}<\/w:tblGrid>/);
      const cells = paragraphsOf(table);
      expect(cells).toEqual(
        expect.arrayContaining([
          'Sterktes',
          'Goede samenwerking',
          '6,3',
          '5 van 8',
          'Zwaktes',
          'Lange wachtlijsten',
          '3,8',
          '3 van 8',
          'Bedreigingen',
          'Besparingen',
          '1,3',
        ]),
      );
      expect(table).not.toMatch(/6\.3/);
    }
    expect(paragraphsOf(xml)).toContain('Integratiecentra · Stakeholders · 8 gesprekken · Concept (live waarden)');
  });

  it('marks live values as concept and frozen values not', async () => {
    const live = docxPart(await docxBytes(false), 'word/document.xml');
    const frozen = docxPart(await docxBytes(true), 'word/document.xml');
    expect(paragraphsOf(live)).toContain('CONCEPT (LIVE WAARDEN)');
    expect(paragraphsOf(frozen)).not.toContain('CONCEPT (LIVE WAARDEN)');
    expect(frozen).not.toContain('Concept (live waarden)');
  });

  it('has page numbers in the footer and carries the team name only in its properties, without comments or tracked changes', async () => {
    const bytes = await docxBytes();
    const parts = docxParts(bytes);
    const footer = parts
      .filter((part) => /word\/footer\d*\.xml/.test(part))
      .map((part) => docxPart(bytes, part))
      .join('');
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
    const core = docxPart(bytes, 'docProps/core.xml');
    expect(core).toContain('<dc:creator>Team Inburgering</dc:creator>');
    expect(core).toContain('<cp:lastModifiedBy>Team Inburgering</cp:lastModifiedBy>');
    expect(docxPart(bytes, 'docProps/app.xml')).not.toMatch(/<(Company|Manager)>/);
    expect(parts).not.toContain('word/comments.xml');
    const xml = docxPart(bytes, 'word/document.xml');
    expect(xml).not.toMatch(/<w:(ins|del|commentReference)\b/);
    expect(docxPart(bytes, 'word/settings.xml')).not.toContain('trackRevisions');
  });

  it('keeps its structure through mammoth', async () => {
    const { value: html } = await mammoth.convertToHtml({ buffer: await docxBytes() });
    expect(html).toContain('<h1>Hoofdstuk 1</h1>');
    expect(html).toContain('<h2>Wat zeggen de stakeholders?</h2>');
    expect(html).toMatch(/<ul><li>Eerste uitdaging<\/li><li>Tweede uitdaging<\/li><\/ul>/);
    expect(html).toMatch(/<ol><li>Stap een<\/li><\/ol>/);
    expect((html.match(/<table>/g) ?? []).length).toBe(4);
    expect(html).toContain('<td><p>6,3</p></td>');
    expect(html).toMatch(/footnote/);
  });
});
