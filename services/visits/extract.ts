import { extractText, getDocumentProxy } from 'unpdf';

/** Longest extracted text kept per document (enough for search, bounded for the database). */
export const MAX_EXTRACTED_CHARS = 2_000_000;

const TEXT_EXTENSIONS = /\.(txt|md|csv|tsv|json|xml|html?|rtf)$/i;

function isPdf(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46;
}

/**
 * The searchable text of a received document: plain-text files as they are (UTF-8), PDFs through
 * their text layer. Other files (images, scans, office files) give no text: they stay findable
 * by title. Never throws: a damaged file simply has no text.
 */
export async function extractDocumentText(bytes: Uint8Array, fileName: string, mimeType: string): Promise<string> {
  try {
    if (isPdf(bytes)) {
      const pdf = await getDocumentProxy(new Uint8Array(bytes));
      const { text } = await extractText(pdf, { mergePages: true });
      return text.replace(/\s+/g, ' ').trim().slice(0, MAX_EXTRACTED_CHARS);
    }
    if (mimeType.startsWith('text/') || TEXT_EXTENSIONS.test(fileName)) {
      return new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '').slice(0, MAX_EXTRACTED_CHARS);
    }
    return '';
  } catch {
    return '';
  }
}
