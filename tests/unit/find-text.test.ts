import { describe, expect, it } from 'vitest';
import { findTextRange } from '../../renderer/src/reports/editor/find-text';
import { reportSchema } from '../../shared/report/extensions';

// Jumping from a hit of the anonymisation panel to its text in the section editor.

const schema = reportSchema();
const doc = schema.nodeFromJSON({
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'De Brug' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Bij ' },
        { type: 'text', text: 'De Brug', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' vertelde Lies Janssens het.' },
        { type: 'footnote', attrs: { text: 'Volgens Lies Janssens.' } },
        { type: 'text', text: ' Daarna De Brug opnieuw.' },
      ],
    },
    {
      type: 'bulletList',
      content: [
        {
          type: 'listItem',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Anna Peeters belde.' }] }],
        },
      ],
    },
  ],
});

const textAt = (range: { from: number; to: number } | null) => (range ? doc.textBetween(range.from, range.to) : null);

describe('finding a hit in the editor', () => {
  it('finds the occurrence of the hit that has its context, across marks', () => {
    const range = findTextRange(doc, 'De Brug', 'Bij ', ' vertelde Lies Janssens het.');
    expect(textAt(range)).toBe('De Brug');
    // Not the heading's "De Brug": the paragraph's, at the position after "Bij ".
    const heading = findTextRange(doc, 'De Brug');
    expect(range && heading && range.from > heading.to).toBe(true);
  });

  it('finds text after an inline footnote and inside lists', () => {
    expect(textAt(findTextRange(doc, 'De Brug', ' Daarna ', ' opnieuw.'))).toBe('De Brug');
    expect(textAt(findTextRange(doc, 'Anna Peeters', '', ' belde.'))).toBe('Anna Peeters');
  });

  it('falls back to the bare text when the context changed, and answers null when it is gone', () => {
    expect(textAt(findTextRange(doc, 'Lies Janssens', 'Toen ', ' zweeg.'))).toBe('Lies Janssens');
    expect(findTextRange(doc, 'Bart Claes')).toBeNull();
    expect(findTextRange(doc, '')).toBeNull();
  });
});
