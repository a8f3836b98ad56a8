import { describe, expect, it } from 'vitest';
import type { Organisation, Region, Sector } from './model';
import { analyseOrganisationCsv, foldName } from './organisation-import';

const sector = (id: string, code: string, name: string): Sector => ({
  id,
  campaign_id: 'c',
  code,
  name,
  sort_order: 0,
  deleted: false,
});
const region = (id: string, name: string, kind: 'province' | 'city'): Region => ({
  id,
  campaign_id: 'c',
  name,
  kind,
  deleted: false,
});
const sectors = [sector('s-ic', 'IC', 'Integratiecentra'), sector('s-hvn', 'HvN', 'Huizen van het Nederlands')];
const regions = [
  region('r-ant-p', 'Antwerpen', 'province'),
  region('r-ant-c', 'Antwerpen', 'city'),
  region('r-gent', 'Gent', 'city'),
  region('r-lim', 'Limburg', 'province'),
];
const existing: Organisation[] = [
  {
    id: 'o1',
    campaign_id: 'c',
    name: 'Huis van het Nederlands Gent',
    sector_id: 's-hvn',
    region_id: 'r-gent',
    address: null,
    contact: null,
    deleted: false,
  },
];

describe('analyseOrganisationCsv', () => {
  it('reports each bad row with its file line, counting lines inside quoted fields', () => {
    const csv =
      'naam,sector,regio,adres\n"IC ""De Brug""",ic,gent,"Straat 1\n9000 Gent"\n,HvN,Limburg,\nX,IC,Atlantis,\nY,IC,Antwerpen,\nZ,IC,stad Antwerpen,\n';
    const preview = analyseOrganisationCsv(csv, { sectors, regions, organisations: [] });
    expect(preview.fileErrors).toEqual([]);
    expect(preview.rows.map((row) => [row.line, row.status])).toEqual([
      [2, 'ok'],
      [4, 'error'],
      [5, 'error'],
      [6, 'error'],
      [7, 'ok'],
    ]);
    expect(preview.rows[0]).toMatchObject({
      name: 'IC "De Brug"',
      sectorId: 's-ic',
      regionId: 'r-gent',
      address: 'Straat 1\n9000 Gent',
    });
    expect(preview.rows[1]?.reasons).toEqual([{ key: 'import.reasons.nameMissing' }]);
    expect(preview.rows[2]?.reasons[0]?.key).toBe('import.reasons.regionUnknown');
    expect(preview.rows[3]?.reasons[0]?.key).toBe('import.reasons.regionAmbiguous');
    expect(preview.rows[4]?.regionId).toBe('r-ant-c');
  });

  it('flags the same name in another region as a likely duplicate and the same name in the same region as an error', () => {
    const csv =
      'name;sector;region\nHuis van het Nederlands Gent;HvN;Limburg\nHUIS VAN HET NEDERLANDS GENT;HvN;Gent\nA;IC;Limburg\nA;IC;Limburg\n';
    const preview = analyseOrganisationCsv(csv, { sectors, regions, organisations: existing });
    expect(preview.rows.map((row) => row.status)).toEqual(['duplicate', 'error', 'ok', 'error']);
    expect(preview.rows[0]?.reasons[0]).toEqual({ key: 'import.reasons.sameNameExisting', values: { region: 'Gent' } });
    expect(preview.rows[1]?.reasons[0]?.key).toBe('import.reasons.alreadyExists');
    expect(preview.rows[3]?.reasons[0]).toEqual({ key: 'import.reasons.repeatedInFile', values: { line: 4 } });
    expect([preview.okCount, preview.duplicateCount, preview.errorCount]).toEqual([1, 1, 2]);
  });

  it('refuses a file without the required columns, and an empty file', () => {
    expect(
      analyseOrganisationCsv('naam;adres\nA;B\n', { sectors, regions, organisations: [] }).fileErrors.map(
        (error) => error.values?.column,
      ),
    ).toEqual(['sector', 'region']);
    expect(analyseOrganisationCsv('naam;sector;regio\n', { sectors, regions, organisations: [] }).fileErrors).toEqual([
      { key: 'import.reasons.noRows' },
    ]);
  });

  it('folds accents, case and spacing', () => {
    expect(foldName('  Tolkendienst  ÉÉN ')).toBe('tolkendienst een');
  });
});
