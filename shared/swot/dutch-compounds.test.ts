import { describe, expect, it } from 'vitest';
import { compoundParts } from './dutch-compounds';
import { COMPOUND_EXCEPTIONS, COMPOUND_WORDS } from './dutch-lexicon';
import { combinedVector, featureCorpus, textFeatures } from './features';
import { cosine } from './tfidf';

const similarity = (a: string, b: string) => {
  const corpus = featureCorpus([a, b]);
  const [x, y] = corpus.counts.map((counts) => combinedVector(counts, corpus.idf));
  return cosine(x!, y!);
};

describe('Dutch compound splitting', () => {
  it('splits compounds at their linking letters (none, s, en)', () => {
    expect(compoundParts('werkdruk')).toEqual(['werk', 'druk']);
    expect(compoundParts('personeelstekort')).toEqual(['personeel', 'tekort']);
    expect(compoundParts('certificeringsproef')).toEqual(['certificering', 'proef']);
    expect(compoundParts('tolkenlandschap')).toEqual(['tolk', 'landschap']);
  });

  it('keeps a plural last part and splits compounds of three words', () => {
    expect(compoundParts('wachttijden')).toEqual(['wacht', 'tijden']);
    expect(compoundParts('openingsuren')).toEqual(['opening', 'uren']);
    expect(compoundParts('taalvaardigheidsonderwijs')).toEqual(['taal', 'vaardigheid', 'onderwijs']);
  });

  it('leaves plain words, diminutives, short words and the dictionary exceptions whole', () => {
    expect(compoundParts('landschappen')).toEqual([]);
    expect(compoundParts('huisje')).toEqual([]);
    expect(compoundParts('tolk')).toEqual([]);
    // "waarde+ring" and "uniform+e+ring" are refused: -ering is a suffix, not the word "ring".
    expect(compoundParts('waardering')).toEqual([]);
    expect(compoundParts('uniformering')).toEqual([]);
    // Only folded lower-case letters are split (the features fold first).
    expect(compoundParts('Werkdruk')).toEqual([]);
    expect(compoundParts('nt2-partners')).toEqual([]);
  });

  it('is built from the dictionary word list, accent-folded', () => {
    const words = COMPOUND_WORDS.split(' ');
    expect(words.length).toBeGreaterThan(10_000);
    expect(words.every((word) => /^<?[a-z]+>?$/.test(word))).toBe(true);
    expect(COMPOUND_EXCEPTIONS).toContain('e ring');
  });

  it('gives the parts of a compound to the word features, so it meets the words it is made of', () => {
    const words = textFeatures('Het personeelstekort blijft').words.map((word) => word.surface);
    expect(words).toEqual(['personeelstekort', 'personeel', 'tekort', 'blijft']);
    expect(similarity('Het personeelstekort', 'Een tekort aan personeel')).toBeGreaterThan(
      similarity('Het personeelstekort', 'Een tekort aan lokalen'),
    );
    expect(similarity('Het taalbeleid van de stad', 'Beleid rond taal')).toBeGreaterThan(0.3);
  });
});
