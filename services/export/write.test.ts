import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportFileName, writeFileAtomically } from './write';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'veldwerk-write-'));
  dirs.push(dir);
  return dir;
}

describe('writeFileAtomically', () => {
  it('writes the bytes under the name and leaves no temporary file', () => {
    const dir = folder();
    const target = path.join(dir, 'rapport.docx');
    writeFileAtomically(target, new TextEncoder().encode('inhoud'));
    expect(readFileSync(target, 'utf8')).toBe('inhoud');
    expect(readdirSync(dir)).toEqual(['rapport.docx']);
  });

  it('leaves neither a half-written file nor a temporary one when the final step fails', () => {
    const dir = folder();
    // A folder under the target name: the rename over it fails after the bytes were written.
    const target = path.join(dir, 'rapport.pdf');
    mkdirSync(path.join(target, 'inside'), { recursive: true });
    expect(() => writeFileAtomically(target, new Uint8Array(1024 * 1024))).toThrow();
    expect(readdirSync(dir)).toEqual(['rapport.pdf']);
    expect(readdirSync(target)).toEqual(['inside']);
  });

  it('keeps an earlier file intact when a new export cannot be written', () => {
    const dir = folder();
    const target = path.join(dir, 'missing-folder', 'rapport.md');
    expect(() => writeFileAtomically(target, new Uint8Array(10))).toThrow();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('exportFileName', () => {
  it('makes a file name of the title', () => {
    expect(exportFileName('Sectorhoofdstuk: Integratiecentra (2025)', 'docx')).toBe(
      'Sectorhoofdstuk-Integratiecentra-2025.docx',
    );
    expect(exportFileName('***', 'pdf')).toBe('rapport.pdf');
  });
});
