import { describe, expect, it } from 'vitest';
import { rowAligned } from './engine';

const entry = (table: string, rowId: string) => ({ change: { table, rowId } });

describe('push batches that keep a row together', () => {
  it('ends a full batch before the run of its last row', () => {
    const batch = [entry('sectors', 's1'), entry('sectors', 's2'), entry('sectors', 's2')];
    expect(rowAligned(batch, 3)).toEqual([entry('sectors', 's1')]);
  });

  it('keeps a batch that is not full, or that is one row only, whole', () => {
    const short = [entry('sectors', 's1'), entry('sectors', 's2')];
    expect(rowAligned(short, 3)).toEqual(short);
    const one = [entry('sectors', 's1'), entry('sectors', 's1')];
    expect(rowAligned(one, 2)).toEqual(one);
  });
});
