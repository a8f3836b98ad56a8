import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../cli/io';
import { main } from '../../cli/main';
import { openProfile } from '../../db/profile';
import { listConversations, listLemmas, listNotes, listSwotItems, listVisits, openConversation, saveNote } from '../../db/repositories/fieldwork';
import { createBundle, importBundleBytes } from '../../db/store/bundle';
import { TABLE_NAMES } from '../../shared/sync/schema';
import { tempDir } from '../support/profile';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function io(): CliIo & { out: string[] } {
  const out: string[] = [];
  return { out, stdout: (text) => void out.push(text), stderr: (text) => void out.push(text), readStdin: async () => '', env: {}, untilInterrupted: async () => undefined };
}

function domainRows(dir: string): string {
  const profile = openProfile(dir);
  try {
    return JSON.stringify(TABLE_NAMES.map((table) => profile.store.list(table, {}, { includeDeleted: true })));
  } finally {
    profile.close();
  }
}

describe('veldwerk demo', () => {
  it('writes a small campaign through the store, the same content for the same seed', async () => {
    const temp = tempDir('veldwerk-demo-');
    cleanups.push(temp.remove);
    const a = path.join(temp.dir, 'a');
    const b = path.join(temp.dir, 'b');
    const output = io();
    expect(await main(['demo', '--profile', a, '--size', 'small', '--seed', '7'], output)).toBe(0);
    expect(output.out.join('')).toMatch(/3 organisations, 3 visits, \d+ conversations/);
    expect(await main(['demo', '--profile', b, '--size', 'small', '--seed', '7'], io())).toBe(0);
    expect(domainRows(b)).toBe(domainRows(a));
    expect(await main(['demo', '--profile', b, '--size', 'huge'], io())).toBe(2);

    const profile = openProfile(a);
    const store = profile.store;
    const campaign = store.list('campaigns')[0]!;
    const visits = listVisits(store, campaign.id);
    expect(visits).toHaveLength(3);
    const conversations = listConversations(store, visits[0]!.id);
    expect(conversations.length).toBeGreaterThanOrEqual(3);
    const notes = listNotes(store, conversations[0]!.id);
    expect(notes.length).toBeGreaterThan(2);
    expect(notes.every((note) => note.text.length > 100)).toBe(true);
    expect(listSwotItems(store, { conversationId: conversations[0]!.id }).length).toBeGreaterThan(5);
    expect(listLemmas(store, { campaignId: campaign.id }).length).toBeGreaterThan(10);
    // Every row of the campaign came through the change log: a fresh profile rebuilt from a bundle is identical.
    const copy = openProfile(path.join(temp.dir, 'copy'));
    await importBundleBytes(copy.store, (await createBundle(store)).bytes);
    copy.close();
    profile.close();
    expect(domainRows(path.join(temp.dir, 'copy'))).toBe(domainRows(a));
  });

  it('gives two laptops the same conversation and note ids, so a duo merges instead of duplicating', async () => {
    const temp = tempDir('veldwerk-demo-');
    cleanups.push(temp.remove);
    const a = openProfile(path.join(temp.dir, 'a'));
    const b = openProfile(path.join(temp.dir, 'b'));
    a.store.insert('campaigns', 'c1', { name: 'Werkjaar', working_year: '2014-2015', created_at: null });
    a.store.insert('visits', 'c1', { organisation_id: 'org', date: '2015-01-01', status: 'in_progress' }, { id: 'visit-1' });
    await importBundleBytes(b.store, (await createBundle(a.store)).bytes);
    const onA = openConversation(a.store, 'visit-1', ['rg-staff']);
    const onB = openConversation(b.store, 'visit-1', ['rg-staff']);
    expect(onA).toBe(onB);
    saveNote(a.store, { conversationId: onA, guidingQuestionId: 'gq-1', authorId: 'm-a', text: 'Notities van A' });
    saveNote(b.store, { conversationId: onB, guidingQuestionId: 'gq-1', authorId: 'm-b', text: 'Notities van B' });
    await importBundleBytes(b.store, (await createBundle(a.store, { forPeer: b.store.node })).bytes);
    await importBundleBytes(a.store, (await createBundle(b.store, { forPeer: a.store.node })).bytes);
    for (const store of [a.store, b.store]) {
      expect(listConversations(store, 'visit-1')).toHaveLength(1);
      expect(listNotes(store, onA).map((note) => note.text).sort()).toEqual(['Notities van A', 'Notities van B']);
    }
    a.close();
    b.close();
  });
});
