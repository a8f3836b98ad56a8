import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { decodeText } from '../../shared/text/encoding';

/** Longest extracted text kept per document (enough for search, bounded for the database). */
export const MAX_EXTRACTED_CHARS = 2_000_000;

const TEXT_EXTENSIONS = /\.(txt|md|csv|tsv|json|xml|html?|rtf)$/i;

/** A DOCX (Office Open XML) document: a zip whose name or type says Word. */
function isDocx(bytes: Uint8Array, fileName: string, mimeType: string): boolean {
  const zip = bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  return (
    zip &&
    (/\.docx$/i.test(fileName) ||
      mimeType === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  );
}

function isPdf(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46;
}

/**
 * The searchable text of a received document: plain-text files in the encoding they have
 * (UTF-8, UTF-16 or Windows-1252), PDFs through their text layer, Word files (DOCX) through
 * mammoth. Other files (images, scans, old .doc) give no text: they stay findable by title.
 * Never throws: a damaged file simply has no text.
 */
export async function extractDocumentText(bytes: Uint8Array, fileName: string, mimeType: string): Promise<string> {
  try {
    if (isPdf(bytes)) {
      const pdf = await getDocumentProxy(new Uint8Array(bytes));
      const { text } = await extractText(pdf, { mergePages: true });
      return text.replace(/\s+/g, ' ').trim().slice(0, MAX_EXTRACTED_CHARS);
    }
    if (isDocx(bytes, fileName, mimeType)) {
      const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
      return value.replace(/\s+/g, ' ').trim().slice(0, MAX_EXTRACTED_CHARS);
    }
    if (mimeType.startsWith('text/') || TEXT_EXTENSIONS.test(fileName)) {
      return decodeText(bytes).text.slice(0, MAX_EXTRACTED_CHARS);
    }
    return '';
  } catch {
    return '';
  }
}
