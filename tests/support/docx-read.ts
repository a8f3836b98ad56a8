import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One part of a DOCX (a zip) as text, through Debian's unzip. */
export function docxPart(bytes: Uint8Array, part: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'veldwerk-docx-'));
  try {
    const file = join(dir, 'file.docx');
    writeFileSync(file, bytes);
    return execFileSync('unzip', ['-p', file, part], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function docxParts(bytes: Uint8Array): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'veldwerk-docx-'));
  try {
    const file = join(dir, 'file.docx');
    writeFileSync(file, bytes);
    return execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The texts of the w:t runs of a part of XML, joined per paragraph. */
export function paragraphsOf(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((match) =>
    [...match[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  );
}
