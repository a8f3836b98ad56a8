import { describe, expect, it } from 'vitest';
import {
  SwotInputError,
  formatScoreTenths,
  scoreSwot,
  scoreTenths,
  scopeIssues,
  swotScopeSchema,
  type SwotScope,
  type SwotScopeItem,
} from './score';

const conversations = (count: number) => Array.from({ length: count }, (_, index) => `c${index + 1}`);

function item(
  id: string,
  conversation: string,
  text: string,
  lemma: string | null = null,
  quadrant = 'strengths',
): SwotScopeItem {
  return { id, conversation, quadrant, text, lemma };
}

function thrownIssues(scope: SwotScope) {
  try {
    scoreSwot(scope);
  } catch (error) {
    expect(error).toBeInstanceOf(SwotInputError);
    return (error as SwotInputError).issues;
  }
  throw new Error('expected scoreSwot to throw');
}

describe('scoreTenths and formatScoreTenths', () => {
  it('scores the worked example of DOMAIN.md: 5 of 8 conversations is 6,3', () => {
    expect(scoreTenths(5, 8)).toBe(63);
    expect(formatScoreTenths(63)).toBe('6,3');
    expect(formatScoreTenths(63, 'en')).toBe('6.3');
  });

  it('rounds half up at the .05 boundaries and thirds correctly', () => {
    expect(scoreTenths(1, 3)).toBe(33); // 3.333…
    expect(scoreTenths(2, 3)).toBe(67); // 6.666…
    expect(scoreTenths(1, 40)).toBe(3); // 0.25 → 0.3
    expect(scoreTenths(3, 40)).toBe(8); // 0.75 → 0.8
    expect(scoreTenths(1, 200)).toBe(1); // 0.05 → 0.1
    expect(scoreTenths(3, 8)).toBe(38); // 3.75 → 3.8
    expect(scoreTenths(1, 16)).toBe(6); // 0.625 → 0.6
    expect(scoreTenths(0, 7)).toBe(0);
    expect(scoreTenths(7, 7)).toBe(100);
    expect(formatScoreTenths(100)).toBe('10,0');
    expect(formatScoreTenths(3)).toBe('0,3');
    expect(formatScoreTenths(0, 'en')).toBe('0.0');
  });

  it('equals exact rational half-up rounding for every k ≤ N ≤ 400', () => {
    const wrong: string[] = [];
    for (let n = 1; n <= 400; n += 1) {
      for (let k = 0; k <= n; k += 1) {
        const t = scoreTenths(k, n);
        // t − ½ ≤ 100k/N < t + ½, multiplied by 2N: all in exact integers.
        if (!(2 * t * n - n <= 200 * k && 200 * k < 2 * t * n + n)) wrong.push(`${k}/${n} → ${t}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses impossible counts', () => {
    expect(() => scoreTenths(1, 0)).toThrow(RangeError);
    expect(() => scoreTenths(3, 2)).toThrow(RangeError);
    expect(() => scoreTenths(-1, 2)).toThrow(RangeError);
    expect(() => scoreTenths(0.5, 2)).toThrow(RangeError);
  });
});

describe('scoreSwot', () => {
  it('scores a lemma by distinct conversations, not mentions (5 of 8 → 6,3)', () => {
    const items = [
      item('a1', 'c1', 'Goede samenwerking', 'Samenwerking'),
      item('a2', 'c1', 'Samenwerking met scholen', 'Samenwerking'),
      item('a3', 'c2', 'Partners', 'Samenwerking'),
      item('a4', 'c4', 'Netwerk', 'Samenwerking'),
      item('a5', 'c6', 'Overleg', 'Samenwerking'),
      item('a6', 'c8', 'Lokale besturen', 'Samenwerking'),
    ];
    const result = scoreSwot({ group: 'beleid en personeel', conversations: conversations(8), items });
    expect(result).toEqual({
      group: 'beleid en personeel',
      conversationCount: 8,
      quadrants: {
        strengths: [
          {
            rank: 1,
            lemma: 'Samenwerking',
            conversations: 5,
            score: 6.3,
            display: '6,3',
            items: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'],
          },
        ],
        weaknesses: [],
        opportunities: [],
        threats: [],
      },
      notRetained: [],
    });
    expect(JSON.stringify(result.quadrants.strengths[0])).toBe(
      '{"rank":1,"lemma":"Samenwerking","conversations":5,"score":6.3,"display":"6,3","items":["a1","a2","a3","a4","a5","a6"]}',
    );
  });

  it('shows English display with a decimal point when asked', () => {
    const result = scoreSwot(
      { group: 'g', conversations: conversations(3), items: [item('x', 'c1', 't', 'L')] },
      { language: 'en' },
    );
    expect(result.quadrants.strengths[0]?.display).toBe('3.3');
  });

  it('drops an unclustered item mentioned in one conversation, keeps it when in two', () => {
    const items = [
      item('u1', 'c1', 'Wachtlijsten', null, 'weaknesses'),
      item('u2', 'c1', ' wachtlijsten', null, 'weaknesses'), // same conversation: still one
      item('u3', 'c2', 'Te weinig lokalen', null, 'weaknesses'),
      item('u4', 'c3', 'te  weinig LOKALEN ', null, 'weaknesses'),
      item('u5', 'c3', 'Nieuwe subsidies', null, 'opportunities'),
    ];
    const result = scoreSwot({ group: 'g', conversations: conversations(4), items });
    expect(result.quadrants.weaknesses).toEqual([
      { rank: 1, lemma: 'Te weinig lokalen', conversations: 2, score: 5, display: '5,0', items: ['u3', 'u4'] },
    ]);
    expect(result.quadrants.opportunities).toEqual([]);
    expect(result.notRetained).toEqual([
      { id: 'u1', quadrant: 'weaknesses', text: 'Wachtlijsten' },
      { id: 'u2', quadrant: 'weaknesses', text: ' wachtlijsten' },
      { id: 'u5', quadrant: 'opportunities', text: 'Nieuwe subsidies' },
    ]);
  });

  it('retains a lemma the team made even when it comes from one conversation', () => {
    const result = scoreSwot({
      group: 'g',
      conversations: conversations(4),
      items: [item('l1', 'c2', 'Bereikbaarheid', 'Ligging')],
    });
    expect(result.quadrants.strengths).toEqual([
      { rank: 1, lemma: 'Ligging', conversations: 1, score: 2.5, display: '2,5', items: ['l1'] },
    ]);
  });

  it('lets an unclustered item join the lemma named like its text in the same quadrant only', () => {
    const items = [
      item('j1', 'c3', 'Vrijwilligers', null),
      item('j2', 'c1', 'Inzet van vrijwilligers', 'VRIJWILLIGERS'),
      item('j3', 'c2', 'vrijwilligers', null, 'threats'),
    ];
    const result = scoreSwot({ group: 'g', conversations: conversations(5), items });
    expect(result.quadrants.strengths).toEqual([
      { rank: 1, lemma: 'VRIJWILLIGERS', conversations: 2, score: 4, display: '4,0', items: ['j1', 'j2'] },
    ]);
    expect(result.notRetained).toEqual([{ id: 'j3', quadrant: 'threats', text: 'vrijwilligers' }]);
  });

  it('treats lemma names alike when they differ only in case, accents or spaces', () => {
    const items = [item('n1', 'c1', 'a', 'Coördinatie '), item('n2', 'c2', 'b', 'coordinatie')];
    const result = scoreSwot({ group: 'g', conversations: conversations(2), items });
    expect(result.quadrants.strengths).toEqual([
      { rank: 1, lemma: 'Coördinatie', conversations: 2, score: 10, display: '10,0', items: ['n1', 'n2'] },
    ]);
  });

  it('sorts by score, then by Dutch collation, with sequential ranks', () => {
    const items = [
      item('s1', 'c1', 'x', 'zorg'),
      item('s2', 'c1', 'x', 'Ééntalig aanbod'),
      item('s3', 'c1', 'x', 'beleid'),
      item('s4', 'c2', 'x', 'beleid'),
      item('s5', 'c1', 'x', 'Aanbod'),
    ];
    const ranked = scoreSwot({ group: 'g', conversations: conversations(3), items }).quadrants.strengths.map(
      ({ rank, lemma, display }) => [rank, lemma, display],
    );
    expect(ranked).toEqual([
      [1, 'beleid', '6,7'],
      [2, 'Aanbod', '3,3'],
      [3, 'Ééntalig aanbod', '3,3'],
      [4, 'zorg', '3,3'],
    ]);
  });

  it('handles a scope without conversations and items', () => {
    expect(scoreSwot({ group: 'leeg', conversations: [], items: [] })).toEqual({
      group: 'leeg',
      conversationCount: 0,
      quadrants: { strengths: [], weaknesses: [], opportunities: [], threats: [] },
      notRetained: [],
    });
  });

  it('counts N from the conversation list, including conversations without items', () => {
    const result = scoreSwot({
      group: 'g',
      conversations: conversations(10),
      items: [item('a', 'c1', 't', 'L'), item('b', 'c2', 't', 'L')],
    });
    expect(result.conversationCount).toBe(10);
    expect(result.quadrants.strengths[0]?.score).toBe(2);
  });
});

describe('scope validation', () => {
  it('lists items naming a conversation not in the list', () => {
    const issues = thrownIssues({
      group: 'g',
      conversations: ['c1'],
      items: [item('i1', 'c1', 't'), item('i2', 'c9', 't'), item('i3', 'c8', 't')],
    });
    expect(issues).toEqual([{ code: 'unknownConversation', ids: ['i2', 'i3'], conversations: ['c9', 'c8'] }]);
  });

  it('lists items with an unknown quadrant', () => {
    const issues = thrownIssues({ group: 'g', conversations: ['c1'], items: [item('i1', 'c1', 't', null, 'kansen')] });
    expect(issues).toEqual([{ code: 'unknownQuadrant', ids: ['i1'], quadrants: ['kansen'] }]);
  });

  it('lists duplicate item ids and duplicate conversation ids', () => {
    const issues = thrownIssues({
      group: 'g',
      conversations: ['c1', 'c2', 'c1'],
      items: [item('i1', 'c1', 't'), item('i1', 'c2', 'u'), item('i2', 'c2', 'u')],
    });
    expect(issues).toEqual([
      { code: 'duplicateConversation', ids: ['c1'] },
      { code: 'duplicateItemId', ids: ['i1'] },
    ]);
  });

  it('refuses items when the list of conversations is empty', () => {
    const issues = thrownIssues({
      group: 'g',
      conversations: [],
      items: [item('i1', 'c1', 't'), item('i2', 'c2', 't')],
    });
    expect(issues).toEqual([{ code: 'noConversations', ids: ['i1', 'i2'] }]);
  });

  it('refuses blank item texts and blank lemma names', () => {
    expect(scopeIssues({ group: 'g', conversations: ['c1'], items: [item('i1', 'c1', '  ')] })).toEqual([
      { code: 'blankText', ids: ['i1'] },
    ]);
    expect(() => scoreSwot({ group: 'g', conversations: ['c1'], items: [item('i1', 'c1', 't', ' \t')] })).toThrow(
      'blank lemma name (use null for an item without a lemma): items "i1"',
    );
  });

  it('writes a clear English message naming the offending ids', () => {
    try {
      scoreSwot({
        group: 'g',
        conversations: ['c1'],
        items: [item('i1', 'c1', 't', null, 'kansen'), item('i2', 'c7', 't')],
      });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toBe(
        '1 item names a conversation that is not in the list of conversations ("c7"): items "i2"\n' +
          'unknown quadrant "kansen" (expected one of strengths, weaknesses, opportunities, threats): items "i1"',
      );
    }
  });

  it('shortens very long id lists', () => {
    const items = Array.from({ length: 25 }, (_, index) => item(`i${index}`, 'zz', 't'));
    expect(() => scoreSwot({ group: 'g', conversations: ['c1'], items })).toThrow(/"i19" and 5 more/);
  });
});

describe('swotScopeSchema (file format)', () => {
  it('accepts the format of issue 6 and defaults a missing lemma to null', () => {
    const parsed = swotScopeSchema.parse({
      group: 'g',
      conversations: ['c1'],
      items: [{ id: 'i1', conversation: 'c1', quadrant: 'strengths', text: 't' }],
    });
    expect(parsed.items[0]?.lemma).toBeNull();
  });

  it('refuses unknown fields, blank ids and wrong types, naming the path', () => {
    const result = swotScopeSchema.safeParse({
      group: 'g',
      conversations: ['c1', ''],
      items: [{ id: 'i1', conversation: 'c1', quadrant: 'strengths', text: 't', lemmma: 'x' }, { id: 3 }],
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['conversations.1', 'items.0', 'items.1.id']));
  });
});
