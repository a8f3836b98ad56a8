/**
 * Pattern rules for what identifies a person without being in the campaign's records: Dutch
 * person-name forms and Belgian identifiers. Each rule answers ranges in the original text.
 * Identifiers with a check digit (national register number, KBO number, IBAN) are only reported
 * when the check digit is right, so ordinary long numbers in a report are not flagged.
 */
export type PatternKind = 'person' | 'email' | 'phone' | 'nationalNumber' | 'kbo' | 'iban';

export interface PatternHit {
  readonly kind: PatternKind;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const UPPER = '\\p{Lu}';
const LOWER = "[\\p{Ll}'’-]";
/** A capitalised word: "Peeters", "De", "Van", "D’Hondt". */
const NAME_WORD = `${UPPER}${LOWER}+`;
/** A word whose first letter may be either case ("van" in "Jan van Dam", "Van" in "Van Dam"). */
function anyFirstCase(word: string): string {
  const first = word.charAt(0);
  return `[${first.toLowerCase()}${first.toUpperCase()}]${word.slice(1)}`;
}
/** Dutch and Flemish surname interfixes, longest first so "van der" wins over "van". */
const INTERFIX = `(?:${[
  'van der',
  'van den',
  'van de',
  "van 't",
  'de la',
  'vanden',
  'vander',
  'ter',
  'ten',
  'van',
  'den',
  'der',
  'de',
  'le',
  'la',
]
  .map((form) => form.split(' ').map(anyFirstCase).join('\\s+'))
  .join('|')}|[dD][’'])`;
/** Forms of address and roles written before a name. */
const TITLE = `(?:${[
  'mevrouw',
  'meneer',
  'mijnheer',
  'mevr\\.',
  'mevr',
  'mw\\.',
  'dhr\\.',
  'dhr',
  'mr\\.',
  'juffrouw',
  'meester',
  'collega',
  'dokter',
  'dr\\.',
  'prof\\.',
  'directeur',
  'directrice',
  'coördinator',
  'coördinatrice',
]
  .map(anyFirstCase)
  .join('|')})`;
/** A leading form of address ("mevrouw ", "dhr. "), to take the bare name out of a match. */
export const TITLE_PREFIX = new RegExp(`^${TITLE}\\s+`, 'u');
const INITIALS = `(?:${UPPER}\\.\\s?){1,4}`;
const SURNAME = `(?:(?:${INTERFIX})\\s+)?${NAME_WORD}(?:[-\\s]${NAME_WORD})?`;

/** Title + capitalised words: "mevrouw Peeters", "dhr. J. Van den Broeck", "collega An De Smet". */
const TITLED = new RegExp(`(?<![\\p{L}])${TITLE}\\s+(?:${INITIALS})?(?:${NAME_WORD}\\s+)?${SURNAME}`, 'gu');
/** Initials + surname: "J. Peeters", "A.M. van der Linden". */
const INITIALLED = new RegExp(`(?<![\\p{L}.])${INITIALS}\\s?${SURNAME}`, 'gu');
/** First name + interfix + surname: "Jan van der Berg", "Els De Wit". */
const INTERFIXED = new RegExp(`(?<![\\p{L}])${NAME_WORD}\\s+${INTERFIX}\\s+${NAME_WORD}`, 'gu');

/** A whole name as written in a record's contact field: "An Peeters", "Jan van der Berg", "mevrouw An De Smet". */
const WHOLE_NAME = new RegExp(
  `^(?:${TITLE}\\s+)?(?:${INITIALS}|${NAME_WORD}\\s+)(?:${NAME_WORD}\\s+)?${SURNAME}$`,
  'u',
);

/**
 * Whether a piece of a contact field is a person's name (its words capitalised, two to four of
 * them with interfixes, the first not a word that never starts a name): the contact persons of
 * the organisations the team meets, a source of the gazetteer besides the notes.
 */
export function isPersonName(text: string, notNames: ReadonlySet<string>): boolean {
  const value = text.trim().replace(/\s+/gu, ' ');
  if (!WHOLE_NAME.test(value)) return false;
  const words = value.replace(TITLE_PREFIX, '').split(' ');
  return !notNames.has((words[0] ?? '').toLowerCase()) && words.some((word) => !notNames.has(word.toLowerCase()));
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
/** Belgian phone numbers: 0X XXX XX XX, 04XX XX XX XX, +32 ..., 0032 ... with spaces, dots, slashes or dashes. */
const PHONE = /(?<![\d+])(?:(?:\+|00)32[\s./-]?(?:\(0\)[\s./-]?)?|0)[1-9](?:[\s./-]?\d){7,8}(?!\d)/g;
/** Rijksregisternummer: YY.MM.DD-XXX.CC (separators optional). */
const NATIONAL_NUMBER = /(?<!\d)\d{2}[.\s]?\d{2}[.\s]?\d{2}[-\s.]?\d{3}[.\s]?\d{2}(?!\d)/g;
/** Ondernemingsnummer (KBO): 0XXX.XXX.XXX or 1XXX.XXX.XXX, optionally "BE". */
const KBO = /(?<![\d\p{L}])(?:BE\s?)?[01]\d{3}[.\s]?\d{3}[.\s]?\d{3}(?!\d)/gu;
/** IBAN (any country, the Belgian one is BEkk dddd dddd dddd), checked with mod 97. */
const IBAN = /(?<![\p{L}\d])[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?(?![\p{L}\d])/gu;

function digits(text: string): string {
  return text.replace(/\D/g, '');
}

/** Big-number mod 97 over a string of digits (IBANs are too long for a double). */
function mod97(numeric: string): number {
  let rest = 0;
  for (const digit of numeric) rest = (rest * 10 + Number(digit)) % 97;
  return rest;
}

export function isNationalNumber(text: string): boolean {
  const value = digits(text);
  if (value.length !== 11) return false;
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  // Month and day may be 0 (unknown birth date) or shifted by 20/40 (bis numbers); anything else is no date.
  if (month % 20 > 12 || day > 31) return false;
  const check = Number(value.slice(9));
  const base = value.slice(0, 9);
  return 97 - mod97(base) === check || 97 - mod97(`2${base}`) === check;
}

export function isKboNumber(text: string): boolean {
  const value = digits(text);
  if (value.length !== 10) return false;
  return 97 - mod97(value.slice(0, 8)) === Number(value.slice(8));
}

export function isIban(text: string): boolean {
  const compact = text.replace(/\s+/g, '').toUpperCase();
  if (compact.length < 15 || compact.length > 34) return false;
  if (compact.startsWith('BE') && compact.length !== 16) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  const numeric = [...rearranged].map((char) => (/[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char)).join('');
  return mod97(numeric) === 1;
}

function collect(
  kind: PatternKind,
  pattern: RegExp,
  text: string,
  accept: (match: string) => boolean = () => true,
): PatternHit[] {
  const hits: PatternHit[] = [];
  for (const match of text.matchAll(pattern)) {
    const value = match[0].replace(/[\s.,;:]+$/u, '');
    if (!accept(value)) continue;
    hits.push({ kind, start: match.index, end: match.index + value.length, text: value });
  }
  return hits;
}

/**
 * Words that start with a capital in Dutch prose without being names; a name-shaped pattern that
 * starts with one of them is not a person ("Huis van het Nederlands", "Stad Gent").
 * The caller adds the campaign's own words (sector names, region names, organisation-name words).
 */
export const NOT_NAME_WORDS: readonly string[] = [
  'huis',
  'huizen',
  'stad',
  'provincie',
  'gemeente',
  'agentschap',
  'dienst',
  'diensten',
  'centrum',
  'centra',
  'vlaamse',
  'vlaams',
  'vlaanderen',
  'belgische',
  'ministerie',
  'departement',
  'onderwijs',
  'inspectie',
  'team',
  'sector',
  'regio',
  'het',
  'een',
  'de',
  'die',
  'dat',
  'deze',
  'dit',
  'wij',
  'we',
  'zij',
  'ze',
  'hij',
  'men',
  'ook',
  'maar',
  'en',
  'of',
  'in',
  'op',
  'bij',
  'voor',
  'met',
  'naar',
  'uit',
  'over',
  'tijdens',
  'na',
  'zoals',
  'volgens',
  'alle',
  'veel',
  'sommige',
];

/** Person-name and identifier hits in one text; `notNames` are folded words that never start a name. */
export function findPatterns(text: string, notNames: ReadonlySet<string>): PatternHit[] {
  const firstWordOk = (value: string) => {
    const first = (value.split(/\s+/u)[0] ?? '').toLowerCase();
    return !notNames.has(first);
  };
  const emails = collect('email', EMAIL, text);
  const insideEmail = (start: number, end: number) => emails.some((email) => start < email.end && end > email.start);
  const titled = collect('person', TITLED, text, (value) => {
    const words = value.split(/\s+/u);
    // The words after the title must not all be not-name words ("collega Huis" is no one).
    return words.slice(1).some((word) => !notNames.has(word.toLowerCase()));
  });
  const initialled = collect(
    'person',
    INITIALLED,
    text,
    (value) =>
      !notNames.has((value.replace(/^(?:\p{Lu}\.\s?)+/u, '').split(/\s+/u)[0] ?? '').toLowerCase()) ||
      /\s\p{Lu}/u.test(value),
  );
  const interfixed = collect(
    'person',
    INTERFIXED,
    text,
    (value) =>
      firstWordOk(value) && /^\p{Lu}/u.test(value) && /\s\p{Lu}[\p{Ll}]/u.test(value.slice(value.search(/\s/u))),
  );
  const numbers = [
    ...collect('iban', IBAN, text, isIban),
    ...collect('nationalNumber', NATIONAL_NUMBER, text, isNationalNumber),
    ...collect('kbo', KBO, text, isKboNumber),
  ];
  const phones = collect('phone', PHONE, text).filter(
    (phone) => !numbers.some((number) => phone.start < number.end && phone.end > number.start),
  );
  return [
    ...emails,
    ...[...titled, ...initialled, ...interfixed].filter((hit) => !insideEmail(hit.start, hit.end)),
    ...numbers,
    ...phones,
  ];
}
