import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES, templateKeyFor, templateSectionsSchema } from './templates';

describe('templateKeyFor', () => {
  it('derives a valid key from the title, the same on every laptop', () => {
    expect(templateKeyFor('Aanbevelingen voor de sector', [])).toBe('aanbevelingen-voor-de-sector');
    expect(templateKeyFor('Één blik op België', [])).toBe('een-blik-op-belgie');
    expect(templateKeyFor('Uitdagingen voor {scopeName}', [])).toBe('uitdagingen-voor');
    expect(templateKeyFor('???', [])).toBe('sectie');
  });

  it('never takes a key the template already has', () => {
    const keys = DEFAULT_TEMPLATES.sector.map((section) => section.key);
    expect(templateKeyFor('Team', keys)).toBe('team-2');
    expect(templateKeyFor('Team', [...keys, 'team-2'])).toBe('team-3');
  });

  it('stays within the key pattern the template table accepts', () => {
    const key = templateKeyFor('x'.repeat(200), []);
    const parsed = templateSectionsSchema.safeParse([{ key, title: 'x', repeat: 'once', content: null }]);
    expect(parsed.success).toBe(true);
  });
});
