import { describe, expect, it } from 'vitest';
import { lemmaConversationMatrix } from './matrix';
import { SwotInputError, type SwotScopeItem } from './score';

const item = (
  id: string,
  conversation: string,
  lemma: string | null,
  quadrant = 'strengths',
  text = id,
): SwotScopeItem => ({ id, conversation, quadrant, text, lemma });

describe('lemmaConversationMatrix', () => {
  it('counts items per lemma and conversation, rows in quadrant and rank order', () => {
    const matrix = lemmaConversationMatrix({
      group: 'g',
      conversations: ['c1', 'c2', 'c3'],
      items: [
        item('t1', 'c3', 'Besparingen', 'threats'),
        item('s1', 'c1', 'Samenwerking'),
        item('s2', 'c1', 'Samenwerking'),
        item('s3', 'c3', 'Samenwerking'),
        item('s4', 'c2', 'Aanbod'),
        item('u1', 'c2', null, 'weaknesses', 'Wachtlijsten'),
        item('u2', 'c3', null, 'weaknesses', 'wachtlijsten'),
        item('u3', 'c1', null, 'weaknesses', 'Huisvesting'),
      ],
    });
    expect(matrix).toEqual({
      conversations: ['c1', 'c2', 'c3'],
      rows: [
        {
          quadrant: 'strengths',
          rank: 1,
          lemma: 'Samenwerking',
          display: '6,7',
          cells: [2, 0, 1],
          conversations: 2,
          items: 3,
        },
        {
          quadrant: 'strengths',
          rank: 2,
          lemma: 'Aanbod',
          display: '3,3',
          cells: [0, 1, 0],
          conversations: 1,
          items: 1,
        },
        {
          quadrant: 'weaknesses',
          rank: 1,
          lemma: 'Wachtlijsten',
          display: '6,7',
          cells: [0, 1, 1],
          conversations: 2,
          items: 2,
        },
        {
          quadrant: 'threats',
          rank: 1,
          lemma: 'Besparingen',
          display: '3,3',
          cells: [0, 0, 1],
          conversations: 1,
          items: 1,
        },
      ],
      maxCell: 2,
      columnTotals: [2, 2, 3],
    });
  });

  it('gives every row as many non-zero cells as its k', () => {
    const matrix = lemmaConversationMatrix({
      group: 'g',
      conversations: ['a', 'b', 'c', 'd'],
      items: [item('1', 'a', 'L'), item('2', 'd', 'L'), item('3', 'd', 'L')],
    });
    for (const row of matrix.rows) expect(row.cells.filter((cell) => cell > 0)).toHaveLength(row.conversations);
  });

  it('is empty for an empty scope and refuses what scoring refuses', () => {
    expect(lemmaConversationMatrix({ group: 'g', conversations: [], items: [] })).toEqual({
      conversations: [],
      rows: [],
      maxCell: 0,
      columnTotals: [],
    });
    expect(() => lemmaConversationMatrix({ group: 'g', conversations: ['a'], items: [item('1', 'zz', 'L')] })).toThrow(
      SwotInputError,
    );
  });
});
