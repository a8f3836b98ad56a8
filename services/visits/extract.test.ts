import { Document, Packer, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { extractDocumentText } from './extract';

// Most documents organisations send are Word files: their text is searchable like PDFs and text files.
describe('extractDocumentText', () => {
  it('extracts the text of a DOCX file', async () => {
    const document = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun('Jaarverslag 2025')] }),
            new Paragraph({ children: [new TextRun('Wachtlijst voor NT2-lessen in Brugge.')] }),
          ],
        },
      ],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(document));
    const text = await extractDocumentText(
      bytes,
      'jaarverslag.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(text).toBe('Jaarverslag 2025 Wachtlijst voor NT2-lessen in Brugge.');
  });

  it('reads a Windows-1252 text file without garbling it, and a damaged DOCX as no text', async () => {
    expect(
      await extractDocumentText(Uint8Array.from([0x42, 0x72, 0xfc, 0x67, 0x67, 0x65]), 'notitie.txt', 'text/plain'),
    ).toBe('Brügge');
    expect(await extractDocumentText(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'kapot.docx', '')).toBe('');
  });
});
