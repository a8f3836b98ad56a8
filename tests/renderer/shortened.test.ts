import { describe, expect, it } from 'vitest';
import { shortened } from '../../renderer/src/format/text';

describe('shortened', () => {
  it('keeps a short text and cuts a long one at a word', () => {
    expect(shortened('  Buddywerking   met vrijwilligers ')).toBe('Buddywerking met vrijwilligers');
    expect(shortened('een twee drie vier vijf zes', 16)).toBe('een twee drie…');
    expect(shortened('aaaaaaaaaaaaaaaaaaaa', 10)).toBe('aaaaaaaaa…');
    expect(shortened(null)).toBe('');
  });
});
