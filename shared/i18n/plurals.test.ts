import { describe, expect, it } from 'vitest';
import { catalogs, LANGUAGES } from './index';

// "1 gesprekken" must not come back: a message that puts a count before a plural noun is a
// plural key (i18next _one/_other), or takes the count already worded (field.counts.*).
const PLURAL_NOUNS = [
  'gesprekken',
  'items',
  'lemma’s',
  'wijzigingen',
  'organisaties',
  'bezoeken',
  'dubbels',
  'notities',
  'documenten',
  'teamleden',
  'regels',
  'rijen',
  'conflicten',
  'deelnemers',
  'minuten',
  'treffers',
  'sectoren',
  'regio’s',
  'vragen',
  'onderdelen',
  'opmerkingen',
  'versies',
  'bestanden',
  'keuzes',
  'pagina’s',
  'tekens',
  'blokken',
  'goede praktijken',
  'conversations',
  'lemmas',
  'changes',
  'organisations',
  'visits',
  'duplicates',
  'notes',
  'documents',
  'members',
  'rows',
  'lines',
  'conflicts',
  'participants',
  'minutes',
  'hits',
  'sectors',
  'regions',
  'questions',
  'sections',
  'comments',
  'versions',
  'files',
  'choices',
  'pages',
  'characters',
  'blocks',
  'good practices',
  'items',
];
/** A placeholder, maybe an adjective ("{{n}} tegenstrijdige keuzes"), then a plural noun. */
const COUNTED_NOUN = new RegExp(`\\{\\{([a-zA-Z]+)\\}\\} (\\p{Ll}+ )?(${PLURAL_NOUNS.join('|')})(?!\\p{L})`, 'gu');
const PLURAL_KEY = /_(zero|one|two|few|many|other)$/;

/** Counts before a plural noun that no plural form chooses: only {{count}} of a plural key is chosen by i18next. */
function unpluralised(key: string, text: string): string[] {
  return [...text.matchAll(COUNTED_NOUN)]
    .filter((match) => !(match[1] === 'count' && PLURAL_KEY.test(key)))
    .map((match) => match[0]);
}

/** A threshold, never 1: "fewer than {{k}} organisations". */
const ALLOWED = new Set(['export.kinds.smallCell']);

function leaves(node: unknown, prefix: string, out: [string, string][]): [string, string][] {
  if (typeof node === 'string') out.push([prefix, node]);
  else if (typeof node === 'object' && node !== null)
    for (const [key, value] of Object.entries(node)) leaves(value, prefix ? `${prefix}.${key}` : key, out);
  return out;
}

describe('plural forms in the catalogs', () => {
  for (const language of LANGUAGES) {
    it(`${language}: every count before a plural noun is a plural key`, () => {
      const wrong = leaves(catalogs[language], '', [])
        .filter(([key]) => !ALLOWED.has(key))
        .map(([key, text]) => [key, unpluralised(key, text)] as const)
        .filter(([, found]) => found.length > 0);
      expect(wrong).toEqual([]);
    });
  }
});
