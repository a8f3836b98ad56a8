import { describe, expect, it } from 'vitest';
import { catalogs, LANGUAGES } from './index';

// "1 gesprekken" must not come back: a message that puts a count before a plural noun is a
// plural key (i18next _one/_other), or takes the count already worded (field.counts.*).
const COUNTED_NOUN =
  /\{\{[a-zA-Z]+\}\} (gesprekken|items|lemma’s|wijzigingen|organisaties|bezoeken|dubbels|conversations|lemmas|changes|organisations|visits|duplicates)\b/;

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
      const wrong = leaves(catalogs[language], '', []).filter(
        ([key, text]) => COUNTED_NOUN.test(text) && !ALLOWED.has(key) && !/_(zero|one|two|few|many|other)$/.test(key),
      );
      expect(wrong).toEqual([]);
    });
  }
});
