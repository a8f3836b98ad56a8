import { describe, expect, it } from 'vitest';
import { DUTCH_STOP_WORDS, foldWord, stemDutch, tokenizeDutch, withoutDiminutive } from './dutch-text';
import {
  EMPTY_VECTOR,
  Vocabulary,
  cosine,
  countTerms,
  documentFrequencies,
  inverseDocumentFrequencies,
  tfidfVector,
  unitVector,
} from './tfidf';

describe('Dutch text features', () => {
  it('folds accents and case', () => {
    expect(foldWord('Coördinatie')).toBe('coordinatie');
    expect(foldWord('FINANCIËLE')).toBe('financiele');
  });

  it('drops stop words, evaluative words and one-letter words, keeps the written form', () => {
    expect(tokenizeDutch('Té weinig lokalen voor de NT2-cursussen, b.v. in Gent!')).toEqual([
      { surface: 'lokalen', stem: 'lokal' },
      { surface: 'nt2', stem: 'nt2' },
      { surface: 'cursussen', stem: 'cursus' },
      { surface: 'gent', stem: 'gent' },
    ]);
    expect(DUTCH_STOP_WORDS.has('de')).toBe(true);
    expect(tokenizeDutch('Het is er niet en dat is goed')).toEqual([]);
  });

  it('stems singular and plural forms alike, including the -s and doubled-consonant supplements', () => {
    const same = [
      ['wachtlijsten', 'wachtlijst'],
      ['vrijwilligers', 'vrijwilliger'],
      ['besparingen', 'besparing'],
      ['subsidies', 'subsidie'],
      ['organisaties', 'organisatie'],
      ['gemeentes', 'gemeente'],
      ['cursussen', 'cursus'],
      ['samenwerking', 'samenwerken'],
    ];
    for (const [a, b] of same) expect(stemDutch(a as string), `${a} ~ ${b}`).toBe(stemDutch(b as string));
    expect(stemDutch('tolk')).not.toBe(stemDutch('taal'));
  });

  it('meets plurals, diminutives and diacritics with their base word', () => {
    const same = [
      ['tolken', 'tolk'],
      ['huisje', 'huis'],
      ['huisjes', 'huis'],
      ['boekje', 'boek'],
      ['kopje', 'kop'],
      ['stoeltje', 'stoel'],
      ['mannetje', 'man'],
      ['bloempje', 'bloem'],
      ['cursusje', 'cursus'],
      ['geëvalueerd', 'geevalueerd'],
      ['ideeën', 'ideeen'],
    ];
    for (const [a, b] of same)
      expect(stemDutch(foldWord(a as string)), `${a} ~ ${b}`).toBe(stemDutch(foldWord(b as string)));
  });

  it('leaves words that only end like a diminutive alone', () => {
    expect(withoutDiminutive('brochure')).toBe('brochure');
    expect(withoutDiminutive('blije')).toBe('blije');
    expect(withoutDiminutive('taalje')).toBe('taalje');
    expect(withoutDiminutive('je')).toBe('je');
  });
});

describe('TF-IDF', () => {
  const vocabulary = new Vocabulary();
  const documents = [
    ['a', 'b'],
    ['a', 'c'],
    ['a', 'b', 'b'],
  ].map((terms) => countTerms(terms.map((term) => vocabulary.idOf(term))));
  const idf = inverseDocumentFrequencies(documentFrequencies(documents, vocabulary.size), documents.length);

  it('weighs rare terms more than common ones', () => {
    expect(idf[vocabulary.idOf('a')]).toBe(1);
    expect(idf[vocabulary.idOf('c')]).toBeGreaterThan(idf[vocabulary.idOf('b')] as number);
  });

  it('makes unit vectors whose dot product is the cosine', () => {
    const [first, second, third] = documents.map((counts) => tfidfVector(counts, idf));
    expect(cosine(first!, first!)).toBeCloseTo(1, 12);
    expect(cosine(first!, second!)).toBeGreaterThan(0);
    expect(cosine(first!, third!)).toBeGreaterThan(cosine(first!, second!));
    expect(cosine(first!, EMPTY_VECTOR)).toBe(0);
    expect(unitVector(new Map([[vocabulary.idOf('a'), 0]]))).toBe(EMPTY_VECTOR);
    expect(vocabulary.termOf(vocabulary.idOf('c'))).toBe('c');
    expect(vocabulary.lookup('zz')).toBeUndefined();
  });
});
