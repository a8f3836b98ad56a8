import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sectionFragment, sectionJson, sectionText } from '../../shared/report/document';
import { startServices, type Services } from '../../services/runtime';
import { tempDir, testProfileKey } from '../support/profile';
import { plainTextUpdate, writeVersion3Profile, type Version3Sections } from '../support/report-version3';
import { call, exchangeDuoFile } from '../support/services';

/**
 * Two laptops of the version before migration 004 edited the same section offline (each has an
 * edit of the old plain-text body the other lacks), then both were upgraded: each migration moved
 * its own text into the new document. When they meet, by duo files as the dialog sends them, the
 * section holds the merged text once, the same on both laptops.
 */

/** The shared history both laptops had, and each one's own old edit on top. */
function oldEdits(): { base: Uint8Array; a: Uint8Array; b: Uint8Array } {
  const base = plainTextUpdate('De centra werken samen.', 7);
  const edit = (client: number, change: (text: Y.Text) => void): Uint8Array => {
    const doc = new Y.Doc();
    doc.clientID = client;
    Y.applyUpdate(doc, base);
    const before = Y.encodeStateVector(doc);
    change(doc.getText('text'));
    return Y.encodeStateAsUpdate(doc, before);
  };
  return {
    base,
    a: edit(11, (text) => text.insert(text.length, '\nZe delen kennis.')),
    b: edit(12, (text) => text.insert('De centra'.length, ' in Gent')),
  };
}

describe('migration 004 on two laptops whose old texts differed', () => {
  const folders: ReturnType<typeof tempDir>[] = [];
  const open: Services[] = [];
  afterEach(async () => {
    for (const services of open.splice(0)) await services.close();
    for (const folder of folders.splice(0)) folder.remove();
  });

  function upgradedLaptop(sections: Version3Sections): Services {
    const folder = tempDir('veldwerk-m004-merge-');
    folders.push(folder);
    writeVersion3Profile(folder.dir, sections);
    const services = startServices({
      profileDir: folder.dir,
      key: testProfileKey(folder.dir),
      transport: 'http',
      backgroundSync: false,
    });
    open.push(services);
    return services;
  }

  const body = (services: Services) => services.profile.store.textState('report_sections', 's1', 'body');

  it('merge into the merged old text, once, the same on both', async () => {
    const { base, a, b } = oldEdits();
    const anna = upgradedLaptop({ s1: [base, a] });
    const bert = upgradedLaptop({ s1: [base, b] });
    expect(sectionText(body(anna))).toBe('De centra werken samen.\nZe delen kennis.');
    expect(sectionText(body(bert))).toBe('De centra in Gent werken samen.');

    await exchangeDuoFile(anna, bert, 'c1');
    await exchangeDuoFile(bert, anna, 'c1');

    const merged = 'De centra in Gent werken samen.\nZe delen kennis.';
    for (const laptop of [anna, bert]) {
      expect(sectionText(body(laptop))).toBe(merged);
      expect(laptop.profile.store.get('report_sections', 's1')?.body).toBe(merged);
    }
    expect(sectionJson(body(anna))).toEqual(sectionJson(body(bert)));
    // Nothing was typed into the moves after the migration: no version is kept.
    expect(await call(anna, 'reports.versions.list', { reportId: 'r1' })).toEqual([]);
  });

  it('keeps words typed into a replaced move as a version of the report', async () => {
    const { base, a, b } = oldEdits();
    const anna = upgradedLaptop({ s1: [base, a] });
    const bert = upgradedLaptop({ s1: [base, b] });
    // Bert typed into his migrated paragraph before they met.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, body(bert));
    const before = Y.encodeStateVector(doc);
    const paragraph = sectionFragment(doc).get(0) as Y.XmlElement;
    const text = paragraph.get(0) as Y.XmlText;
    text.insert(text.length, ' Vooral rond opvang.');
    bert.profile.store.applyTextUpdate('report_sections', 's1', 'body', Y.encodeStateAsUpdate(doc, before));
    doc.destroy();

    await exchangeDuoFile(anna, bert, 'c1');
    await exchangeDuoFile(bert, anna, 'c1');

    expect(sectionText(body(anna))).toBe(sectionText(body(bert)));
    expect(sectionText(body(anna))).not.toContain('De centra werken samen.\nDe centra');
    for (const laptop of [anna, bert]) {
      const versions = await call(laptop, 'reports.versions.list', { reportId: 'r1' });
      expect(versions).toHaveLength(1);
      const version = await call(laptop, 'reports.versions.get', { versionId: versions[0]?.id ?? '' });
      expect(JSON.stringify(version)).toContain('Vooral rond opvang.');
    }
  });
});
