import { describe, expect, it } from 'vitest';
import { indicatorState } from './indicator';

describe('sync indicator', () => {
  it('never says up to date while changes wait to be sent', () => {
    expect(indicatorState({ state: 'up-to-date', pendingChanges: 3 })).toBe('waiting');
    expect(indicatorState({ state: 'up-to-date', pendingChanges: 0 })).toBe('up-to-date');
    expect(indicatorState({ state: 'offline', pendingChanges: 3 })).toBe('offline');
    expect(indicatorState(null)).toBe('not-configured');
  });
});
