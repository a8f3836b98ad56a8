import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../cli/io';
import { main } from '../../cli/main';
import {
  listConversations,
  listLemmas,
  listNotes,
  listSwotItems,
  listVisits,
  openConversation,
  saveNote,
} from '../../db/repositories/fieldwork';
import { createBundle, importBundleBytes } from '../../db/store/bundle';
import { TABLE_NAMES } from '../../shared/sync/schema';
import { generateDemo } from '../../db/demo/demo';
import { DEMO_SINGLETONS, DEMO_THEMES, ITEM_TAILS } from '../../db/demo/phrases';
import { tempDir, openTestProfile, testPassphraseEnv } from '../support/profile';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function io(): CliIo & { out: string[] } {
  const out: string[] = [];
  return {
    out,
    stdout: (text) => void out.push(text),
    stderr: (text) => void out.push(text),
    readStdin: async () => '',
    env: testPassphraseEnv(),
    untilInterrupted: async () => undefined,
  };
}

function domainRows(dir: string): string {
  const profile = openTestProfile(dir);
  try {
    return JSON.stringify(TABLE_NAMES.map((table) => profile.store.list(table, {}, { includeDeleted: true })));
  } finally {
    profile.close();
  }
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

describe('the demo campaign reads like a real one', () => {
  it('has hundreds of distinct Dutch SWOT items that paraphrase recurring themes, and notes about them', () => {
    const temp = tempDir('veldwerk-demo-text-');
    cleanups.push(temp.remove);
    const profile = openTestProfile(path.join(temp.dir, 'season'));
    try {
      const summary = generateDemo(profile.store, { size: 'season', labels: true });
      const labelled = summary.labelledItems ?? [];
      expect(labelled).toHaveLength(summary.swotItems);
      const texts = new Set(labelled.map((item) => item.text));
      expect(texts.size).toBeGreaterThanOrEqual(400);
      // Themes recur across conversations in different words.
      const wordingsPerTheme = new Map<string, Set<string>>();
      for (const item of labelled)
        if (!item.lemma.startsWith('single:'))
          (wordingsPerTheme.get(item.lemma) ?? wordingsPerTheme.set(item.lemma, new Set()).get(item.lemma)!).add(
            item.text,
          );
      expect(wordingsPerTheme.size).toBeGreaterThanOrEqual(25);
      for (const wordings of wordingsPerTheme.values()) expect(wordings.size).toBeGreaterThanOrEqual(5);
      expect(labelled.some((item) => item.lemma.startsWith('single:'))).toBe(true);
      // Every item is a phrase of the bank (with at most a tail, a typo or a lower-case start), never word salad.
      const bank = [
        ...DEMO_THEMES.flatMap((theme) => theme.items),
        ...DEMO_SINGLETONS.map((single) => single.text),
      ].map((text) => text.toLowerCase().replace(/[.?]$/, ''));
      const exact = new Set(bank);
      for (const text of texts) {
        let plain = text.toLowerCase();
        for (const tail of ITEM_TAILS) if (plain.endsWith(` ${tail}`)) plain = plain.slice(0, -tail.length - 1);
        plain = plain.replace(/[.?]$/, '');
        if (exact.has(plain)) continue;
        // One typo, in the phrase or in its tail.
        const phrase = bank.find((candidate) => plain.startsWith(`${candidate} `));
        const distance = phrase
          ? Math.min(...ITEM_TAILS.map((tail) => editDistance(tail, plain.slice(phrase.length + 1))))
          : Math.min(...bank.map((candidate) => editDistance(candidate, plain)));
        expect(distance, text).toBeLessThanOrEqual(2);
      }
      const notes = profile.store.list('notes', {});
      expect(new Set(notes.map((note) => note.text)).size).toBeGreaterThanOrEqual(300);
      const lemmaNames = new Set(profile.store.list('lemmas', {}).map((lemma) => lemma.name));
      for (const name of lemmaNames) expect(DEMO_THEMES.map((theme) => theme.lemma)).toContain(name);
    } finally {
      profile.close();
    }
  });

  it('is the same content for the same seed, and grows with the scale', () => {
    const temp = tempDir('veldwerk-demo-scale-');
    cleanups.push(temp.remove);
    const counts = [1, 2].map((scale) => {
      const profile = openTestProfile(path.join(temp.dir, `small-${scale}`));
      try {
        return generateDemo(profile.store, { size: 'small', scale, labels: true });
      } finally {
        profile.close();
      }
    });
    expect(counts[1]!.organisations).toBe(2 * counts[0]!.organisations);
    expect(() => generateDemo(openTestProfile(path.join(temp.dir, 'bad')).store, { scale: 0 })).toThrow(RangeError);
  });
});

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

    const profile = openTestProfile(a);
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
    const copy = openTestProfile(path.join(temp.dir, 'copy'));
    await importBundleBytes(copy.store, (await createBundle(store)).bytes);
    copy.close();
    profile.close();
    expect(domainRows(path.join(temp.dir, 'copy'))).toBe(domainRows(a));
  });

  it('gives two laptops the same conversation and note ids, so a duo merges instead of duplicating', async () => {
    const temp = tempDir('veldwerk-demo-');
    cleanups.push(temp.remove);
    const a = openTestProfile(path.join(temp.dir, 'a'));
    const b = openTestProfile(path.join(temp.dir, 'b'));
    a.store.insert('campaigns', 'c1', { name: 'Werkjaar', working_year: '2014-2015', created_at: null });
    a.store.insert(
      'visits',
      'c1',
      { organisation_id: 'org', date: '2015-01-01', status: 'in_progress' },
      { id: 'visit-1' },
    );
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
      expect(
        listNotes(store, onA)
          .map((note) => note.text)
          .sort(),
      ).toEqual(['Notities van A', 'Notities van B']);
    }
    a.close();
    b.close();
  });
});
