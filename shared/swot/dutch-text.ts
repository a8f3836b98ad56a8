import { newStemmer, type SnowballStemmer } from 'snowball-stemmers';

/*
 * Dutch text features for SWOT suggestions: words, accent folding, stop words and stems.
 * The stemmer is Snowball's Dutch algorithm (package snowball-stemmers, plain JS). Two small
 * supplements, because SWOT items are full of plurals Snowball leaves apart:
 * - an -s plural after a vowel e ("subsidies", "gemeentes", "organisaties") is stemmed without
 *   its s when Snowball left the word unchanged, so it meets "subsidie", "gemeente";
 * - a doubled final consonant is undoubled ("cursussen" → "cursuss" → "cursus"), which Snowball
 *   does only for k, d and t;
 * - diminutives meet their base word ("huisje" → "huis", "stoeltje" → "stoel", "mannetje" →
 *   "man", "bloempje" → "bloem"): interviewees use them freely and Snowball keeps them apart.
 */

/**
 * Dutch function words (Snowball's Dutch stop list plus common pronouns and fillers), accent-folded,
 * and evaluative words ("goed", "sterke", "te weinig"): the quadrant already says whether something
 * is good or bad, so these words would group items by tone instead of by theme.
 */
export const DUTCH_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'aan al alle alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een eens en er ge geen geweest ' +
    'haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar ' +
    'niet niets nog nu of om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat we wel werd ' +
    'wezen wie wij wil worden wordt zal ze zelf zich zij zijn zo zonder zou ' +
    'onze ons jullie hen hun zijn haar welke waar waarbij waardoor waarin waarop wanneer via per binnen tussen sommige enkele ' +
    'vaak soms erg heel zeer echt nog steeds ook wel eigen andere ander elk elke iedereen dingen ding zoals bv bijv enz etc ' +
    'goed goede beter best slecht slechte sterk sterke zwak zwakke groot grote klein kleine lang lange weinig minder'
  ).split(' '),
);

/** Lower-case, accents removed (NFD without combining marks). */
export function foldWord(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

let stemmer: SnowballStemmer | undefined;
const stems = new Map<string, string>();
const STEM_CACHE_LIMIT = 50_000;

/** The Snowball Dutch stem of a folded word, with the two supplements above. Memoised. */
export function stemDutch(folded: string): string {
  const known = stems.get(folded);
  if (known !== undefined) return known;
  stemmer ??= newStemmer('dutch');
  const base = withoutDiminutive(folded);
  let stem = stemmer.stem(base);
  if (stem === base && base.length >= 7 && base.endsWith('es')) stem = stemmer.stem(base.slice(0, -1));
  const last = stem.charAt(stem.length - 1);
  if (stem.length > 3 && last === stem.charAt(stem.length - 2) && /[b-df-hj-np-tv-z]/.test(last))
    stem = stem.slice(0, -1);
  if (stems.size >= STEM_CACHE_LIMIT) stems.clear();
  stems.set(folded, stem);
  return stem;
}

/** The base word of a Dutch diminutive (-je, -tje, -pje, -etje, with plural -s), or the word itself. */
export function withoutDiminutive(folded: string): string {
  if (folded.length < 5) return folded;
  const word = folded.endsWith('s') ? folded.slice(0, -1) : folded;
  const before = (suffix: string) => (word.endsWith(suffix) ? word.slice(0, -suffix.length) : null);
  const etje = before('etje');
  if (etje !== null && etje.length >= 2) return etje; // mannetje → mann (undoubled later)
  const tje = before('tje');
  if (tje !== null && tje.length >= 3 && /[aeiouylnrw]$/.test(tje)) return tje; // stoeltje, taaltje
  const pje = before('pje');
  if (pje !== null && pje.length >= 3 && pje.endsWith('m')) return pje; // bloempje
  const je = before('je');
  if (je !== null && je.length >= 3 && /[bcdfghkpqstvxz]$/.test(je)) return je; // huisje, boekje, kopje
  return folded;
}

export interface Token {
  /** The word as written, lower-cased (accents kept), for showing terms to people. */
  readonly surface: string;
  /** The stem the similarity works with. */
  readonly stem: string;
}

/** Content words of a text: split on anything but letters and digits, stop words and one-letter words dropped. */
export function tokenizeDutch(text: string): Token[] {
  const tokens: Token[] = [];
  for (const raw of text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)) {
    if (raw === '') continue;
    const folded = foldWord(raw);
    if (folded.length < 2 || DUTCH_STOP_WORDS.has(folded)) continue;
    tokens.push({ surface: raw, stem: stemDutch(folded) });
  }
  return tokens;
}
