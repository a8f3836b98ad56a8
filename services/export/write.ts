import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { Packer } from 'docx';
import type { ExportFormat } from '../../shared/contract/export';
import { reportDocx } from '../../shared/export/docx';
import { fontFallbackOf, reportHtml, type FontFallback } from '../../shared/export/html';
import { reportMarkdown } from '../../shared/export/markdown';
import type { ExportDocument, ExportLabels } from '../../shared/export/model';

/** Prints a print view (HTML) to PDF: Electron's webContents.printToPDF, or Chromium through Playwright; with the fonts of PRINT_FONTS it found missing. */
export type PdfPrinter = (
  html: string,
) => Promise<{ readonly pdf: Uint8Array; readonly missingFonts: readonly string[] }>;

export interface RenderedExport {
  readonly bytes: Uint8Array;
  /** Set when the document's first font was missing, with the font used instead. */
  readonly fontFallback: FontFallback | null;
}

export async function renderExport(
  format: ExportFormat,
  doc: ExportDocument,
  labels: ExportLabels,
  language: string,
  printer?: PdfPrinter,
): Promise<RenderedExport> {
  if (format === 'docx')
    return { bytes: new Uint8Array(await Packer.toBuffer(reportDocx(doc, labels))), fontFallback: null };
  if (format === 'md') return { bytes: new TextEncoder().encode(reportMarkdown(doc, labels)), fontFallback: null };
  if (!printer)
    throw new Error(
      'No PDF printer here: PDF export needs the desktop app or a Chromium (VELDWERK_CHROMIUM or /usr/bin/chromium).',
    );
  const { pdf, missingFonts } = await printer(reportHtml(doc, labels, language));
  return { bytes: pdf, fontFallback: fontFallbackOf(missingFonts) };
}

/**
 * Writes a file so that a failure never leaves a half-written file under its name: the bytes go
 * to a temporary file in the same folder, are flushed to disk, and the temporary file is renamed
 * over the target (atomic on one file system). On any error the temporary file is removed.
 */
export function writeFileAtomically(target: string, bytes: Uint8Array): void {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.part`);
  let fd: number | null = null;
  try {
    fd = openSync(temporary, 'wx', 0o600);
    let written = 0;
    while (written < bytes.byteLength) written += writeSync(fd, bytes, written, bytes.byteLength - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temporary, target);
  } catch (error) {
    if (fd !== null) closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
}

const EXTENSIONS: Record<ExportFormat, string> = { docx: 'docx', pdf: 'pdf', md: 'md' };

export function exportFileName(title: string, format: ExportFormat): string {
  const base =
    title
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 120) || 'rapport';
  return `${base}.${EXTENSIONS[format]}`;
}
