import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { SCREENSHOT_DIR } from './browser';

/** The text of every page of a PDF (unpdf), joined. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return text;
}

function withFile<T>(bytes: Uint8Array, run: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'veldwerk-pdf-'));
  try {
    const file = path.join(dir, 'file.pdf');
    writeFileSync(file, bytes);
    return run(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Page count, from Debian's pdfinfo (poppler-utils). */
export function pdfPages(bytes: Uint8Array): number {
  return withFile(bytes, (file) => {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? Number.NaN);
  });
}

/** Renders pages to PNG under screenshots/ with pdftoppm (first..last, 1-based); answers the files. */
export function pdfPngs(bytes: Uint8Array, name: string, first = 1, last = 3): string[] {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return withFile(bytes, (file) => {
    const prefix = path.join(SCREENSHOT_DIR, name);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(first), '-l', String(last), file, prefix]);
    return execFileSync('ls', [SCREENSHOT_DIR], { encoding: 'utf8' })
      .split('\n')
      .filter((entry) => entry.startsWith(`${name}-`) && entry.endsWith('.png'))
      .map((entry) => path.join(SCREENSHOT_DIR, entry));
  });
}
