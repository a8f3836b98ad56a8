import Papa from 'papaparse';
import { z } from 'zod';
import { idSchema } from '../contract/define';
import { maxChars } from '../sync/limits';
import type { Organisation, Region, Sector } from './model';

/**
 * Import of organisations from a CSV (name, sector, region, address, contact). The analysis is
 * pure: the services run it for the preview and again when the user confirms, so nothing is
 * written until then. Every bad row is reported with its line number in the file and a reason
 * (an i18n key with values); likely duplicates (the same name in two regions) are flagged.
 */
export const MAX_IMPORT_CHARS = 2_000_000;

export const organisationImportInput = z
  .object({
    campaignId: idSchema,
    csv: z
      .string()
      .min(1, { message: 'import.errors.empty' })
      .max(MAX_IMPORT_CHARS, { message: 'import.errors.tooLarge' }),
    /** When confirming: also import rows flagged as likely duplicates. */
    includeDuplicates: z.boolean().optional(),
  })
  .strict();

export type ImportColumn = 'name' | 'sector' | 'region' | 'address' | 'contact';

export interface ImportReason {
  /** i18n key under import.reasons */
  readonly key: string;
  readonly values?: Readonly<Record<string, string | number>>;
}

export interface ImportRow {
  readonly line: number;
  readonly name: string;
  readonly sector: string;
  readonly region: string;
  readonly address: string;
  readonly contact: string;
  readonly sectorId: string | null;
  readonly regionId: string | null;
  readonly status: 'ok' | 'duplicate' | 'error';
  readonly reasons: readonly ImportReason[];
}

export interface ImportPreview {
  readonly rows: readonly ImportRow[];
  /** Problems with the file as a whole (no header, unknown columns). */
  readonly fileErrors: readonly ImportReason[];
  readonly okCount: number;
  readonly duplicateCount: number;
  readonly errorCount: number;
}

export interface ImportResult {
  readonly imported: number;
  readonly skipped: number;
}

const HEADER_ALIASES: Readonly<Record<string, ImportColumn>> = {
  name: 'name',
  naam: 'name',
  organisatie: 'name',
  organisation: 'name',
  sector: 'sector',
  region: 'region',
  regio: 'region',
  address: 'address',
  adres: 'address',
  contact: 'contact',
  contactpersoon: 'contact',
};

/** Folds case, accents and spacing so "Gent", "gent" and " GENT " compare equal. */
export function foldName(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

function matchSector(value: string, sectors: readonly Sector[]): Sector | undefined {
  const folded = foldName(value);
  return sectors.find((sector) => foldName(sector.code ?? '') === folded || foldName(sector.name ?? '') === folded);
}

type RegionMatch = { readonly region: Region } | { readonly ambiguous: readonly Region[] } | null;

function matchRegion(value: string, regions: readonly Region[]): RegionMatch {
  let folded = foldName(value);
  let kind: 'province' | 'city' | null = null;
  const prefixed = /^(provincie|province|prov\.?|stad|city)\s+(.+)$/.exec(folded);
  const suffixed = /^(.+?)\s*\((provincie|province|stad|city)\)$/.exec(folded);
  if (prefixed?.[1] && prefixed[2]) {
    kind = prefixed[1].startsWith('prov') ? 'province' : 'city';
    folded = prefixed[2];
  } else if (suffixed?.[1] && suffixed[2]) {
    kind = suffixed[2].startsWith('prov') ? 'province' : 'city';
    folded = suffixed[1];
  }
  const candidates = regions.filter(
    (region) => foldName(region.name ?? '') === folded && (kind === null || region.kind === kind),
  );
  if (candidates.length === 0) return null;
  if (candidates.length > 1) return { ambiguous: candidates };
  return { region: candidates[0] as Region };
}

interface Lists {
  readonly sectors: readonly Sector[];
  readonly regions: readonly Region[];
  /** Organisations already in the campaign (not retired). */
  readonly organisations: readonly Organisation[];
}

/** The separator of the header line: the most frequent of ; , tab and | (Flemish spreadsheets write ;). */
function guessDelimiter(source: string): string {
  const header = source.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  let best = ',';
  let bestCount = 0;
  for (const candidate of [';', ',', '\t', '|']) {
    const count = header.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** Parses and checks a CSV of organisations against the campaign's sectors, regions and organisations. */
export function analyseOrganisationCsv(text: string, lists: Lists): ImportPreview {
  const source = text.replace(/^\uFEFF/, '');
  const activeSectors = lists.sectors.filter((sector) => !sector.deleted);
  const activeRegions = lists.regions.filter((region) => !region.deleted);
  const records: Array<{ line: number; cells: string[] }> = [];
  // Line numbers: count the newlines before each record's start (quoted fields may span lines).
  let line = 1;
  let consumed = 0;
  Papa.parse<string[]>(source, {
    skipEmptyLines: false,
    delimiter: guessDelimiter(source),
    step: (result) => {
      const end = result.meta.cursor;
      const cells = result.data.map((cell) => (typeof cell === 'string' ? cell.trim() : ''));
      if (cells.some((cell) => cell !== '')) records.push({ line, cells });
      for (let index = consumed; index < end && index < source.length; index += 1)
        if (source.charCodeAt(index) === 10) line += 1;
      consumed = end;
    },
  });

  const header = records.shift();
  const fileErrors: ImportReason[] = [];
  const columns = new Map<ImportColumn, number>();
  header?.cells.forEach((cell, index) => {
    const column = HEADER_ALIASES[foldName(cell)];
    if (column && !columns.has(column)) columns.set(column, index);
  });
  if (!header) fileErrors.push({ key: 'import.reasons.noRows' });
  else {
    for (const required of ['name', 'sector', 'region'] as const) {
      if (!columns.has(required))
        fileErrors.push({ key: 'import.reasons.missingColumn', values: { column: required } });
    }
  }
  if (fileErrors.length > 0) return { rows: [], fileErrors, okCount: 0, duplicateCount: 0, errorCount: 0 };
  if (records.length === 0)
    return { rows: [], fileErrors: [{ key: 'import.reasons.noRows' }], okCount: 0, duplicateCount: 0, errorCount: 0 };

  const cell = (cells: readonly string[], column: ImportColumn) => {
    const index = columns.get(column);
    return index === undefined ? '' : (cells[index] ?? '');
  };
  const regionName = (id: string | null) => activeRegions.find((region) => region.id === id)?.name ?? '';

  const drafts = records.map(({ line: rowLine, cells }) => {
    const reasons: ImportReason[] = [];
    const name = cell(cells, 'name');
    const sector = cell(cells, 'sector');
    const region = cell(cells, 'region');
    const address = cell(cells, 'address');
    const contact = cell(cells, 'contact');
    if (name === '') reasons.push({ key: 'import.reasons.nameMissing' });
    else if (name.length > maxChars('organisations', 'name')) reasons.push({ key: 'import.reasons.nameTooLong' });
    if (address.length > maxChars('organisations', 'address')) reasons.push({ key: 'import.reasons.addressTooLong' });
    if (contact.length > maxChars('organisations', 'contact')) reasons.push({ key: 'import.reasons.contactTooLong' });
    let sectorId: string | null = null;
    if (sector === '') reasons.push({ key: 'import.reasons.sectorMissing' });
    else {
      const found = matchSector(sector, activeSectors);
      if (found) sectorId = found.id;
      else
        reasons.push({
          key: 'import.reasons.sectorUnknown',
          values: { value: sector, known: activeSectors.map((s) => s.code ?? s.name).join(', ') },
        });
    }
    let regionId: string | null = null;
    if (region === '') reasons.push({ key: 'import.reasons.regionMissing' });
    else {
      const found = matchRegion(region, activeRegions);
      if (found === null) reasons.push({ key: 'import.reasons.regionUnknown', values: { value: region } });
      else if ('ambiguous' in found) reasons.push({ key: 'import.reasons.regionAmbiguous', values: { value: region } });
      else regionId = found.region.id;
    }
    return { line: rowLine, name, sector, region, address, contact, sectorId, regionId, reasons };
  });

  // Exact repeats (same name, same region) inside the file or with what exists are errors;
  // the same name in another region is a likely duplicate, flagged for the user to decide.
  const existing = lists.organisations.filter((organisation) => !organisation.deleted);
  const seen = new Map<string, Array<{ line: number; regionId: string | null }>>();
  const rows: ImportRow[] = drafts.map((draft) => {
    const reasons = [...draft.reasons];
    let duplicate = false;
    let errored = draft.reasons.length > 0;
    if (draft.name !== '') {
      const key = foldName(draft.name);
      const earlier = seen.get(key) ?? [];
      const sameExisting = existing.filter((organisation) => foldName(organisation.name ?? '') === key);
      if (draft.regionId !== null) {
        const exactFile = earlier.find((other) => other.regionId === draft.regionId);
        const exactExisting = sameExisting.find((organisation) => organisation.region_id === draft.regionId);
        if (exactFile) {
          errored = true;
          reasons.push({ key: 'import.reasons.repeatedInFile', values: { line: exactFile.line } });
        } else if (exactExisting) {
          errored = true;
          reasons.push({ key: 'import.reasons.alreadyExists' });
        } else {
          const otherFile = earlier.find((other) => other.regionId !== null && other.regionId !== draft.regionId);
          const otherExisting = sameExisting.find((organisation) => organisation.region_id !== draft.regionId);
          if (otherFile) {
            duplicate = true;
            reasons.push({
              key: 'import.reasons.sameNameInFile',
              values: { line: otherFile.line, region: regionName(otherFile.regionId) },
            });
          } else if (otherExisting) {
            duplicate = true;
            reasons.push({
              key: 'import.reasons.sameNameExisting',
              values: { region: regionName(otherExisting.region_id) },
            });
          }
        }
      }
      earlier.push({ line: draft.line, regionId: draft.regionId });
      seen.set(key, earlier);
    }
    const status: ImportRow['status'] = errored ? 'error' : duplicate ? 'duplicate' : 'ok';
    return { ...draft, reasons, status };
  });

  return {
    rows,
    fileErrors: [],
    okCount: rows.filter((row) => row.status === 'ok').length,
    duplicateCount: rows.filter((row) => row.status === 'duplicate').length,
    errorCount: rows.filter((row) => row.status === 'error').length,
  };
}
