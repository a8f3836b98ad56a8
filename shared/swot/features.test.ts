import { describe, expect, it } from 'vitest';
import { DUTCH_CONCEPTS } from './dutch-concepts';
import { characterGrams, combinedVector, conceptsOf, featureCorpus, textFeatures } from './features';
import { cosine } from './tfidf';

const similarity = (a: string, b: string) => {
  const corpus = featureCorpus([a, b]);
  const [x, y] = corpus.counts.map((counts) => combinedVector(counts, corpus.idf));
  return cosine(x!, y!);
};

describe('suggestion features', () => {
  it('keeps written forms for the terms it can show only (words, themes, five-letter grams)', () => {
    const corpus = featureCorpus(['Wachtlijsten voor tolken', 'Het tolkenlandschap verandert']);
    const kinds = new Set(
      [...corpus.surfaces.keys()].map((term) => {
        const name = corpus.vocabulary.termOf(term);
        return name.startsWith('c:') ? `c${name.length - 2}` : name.slice(0, 2);
      }),
    );
    expect(kinds).toEqual(new Set(['w:', 'k:', 'c5']));
    const fiveGram = corpus.vocabulary.lookup('c:<tolk') as number;
    expect([...(corpus.surfaces.get(fiveGram) ?? new Map<string, number>()).keys()].sort()).toEqual([
      'tolken',
      'tolkenlandschap',
    ]);
  });

  it('cuts words into bounded character grams', () => {
    expect([...characterGrams('tolk')]).toEqual(['<to', 'tol', 'olk', 'lk>', '<tol', 'tolk', 'olk>', '<tolk', 'tolk>']);
  });

  it('finds the themes of a word by its stem and by word beginnings, across compounds', () => {
    const partner = conceptsOf('partners');
    expect(partner.length).toBeGreaterThan(0);
    expect(conceptsOf('samenwerkingsverband')).toEqual(expect.arrayContaining([...partner]));
    expect(conceptsOf('personeelstekort').length).toBeGreaterThan(0);
    expect(conceptsOf('fiets')).toEqual([]);
    // Every thesaurus line names a theme with several words.
    for (const line of DUTCH_CONCEPTS) expect(line.split(' ').length).toBeGreaterThan(3);
  });

  it('keeps hyphenated compounds together for grams and themes, and drops stop words', () => {
    const features = textFeatures('De NT2-partners en het OCMW');
    expect(features.words.map((word) => word.surface)).toEqual(['nt2', 'partners', 'ocmw']);
    expect(features.concepts.map((concept) => concept.surface)).toContain('nt2-partners');
    expect(features.grams.some((gram) => gram.key === 'c:<part')).toBe(true);
    expect(textFeatures('het is niet').grams).toEqual([]);
  });

  it('makes paraphrases and compounds closer than unrelated text', () => {
    expect(similarity('Vlotte samenwerking met partners', 'Goede band met het netwerk')).toBeGreaterThan(
      similarity('Vlotte samenwerking met partners', 'Het gebouw is verouderd'),
    );
    expect(similarity('Het tolkenlandschap', 'Sociaal tolken')).toBeGreaterThan(0);
    expect(similarity('fiets', 'auto')).toBe(0);
  });
});
