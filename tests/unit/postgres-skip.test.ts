import { describe, expect, it } from 'vitest';
import { skipOrFail } from '../integration/server-support';

// CI (.ci/run) sets VELDWERK_TEST_DATABASE_URL where PostgreSQL is installed: there the
// PostgreSQL tests must run, and a database they cannot reach fails the suite instead of skipping.
describe('the PostgreSQL half of the suite', () => {
  it('runs when PostgreSQL answers', () => {
    expect(skipOrFail(null, {})).toBeNull();
    expect(skipOrFail(null, { VELDWERK_TEST_DATABASE_URL: 'postgres://x@127.0.0.1/y' })).toBeNull();
  });

  it('skips, saying why, where nobody named a database', () => {
    expect(skipOrFail('PostgreSQL is not reachable', {})).toBe('PostgreSQL is not reachable');
  });

  it('fails instead of skipping when a database was named', () => {
    expect(() =>
      skipOrFail('PostgreSQL is not reachable', { VELDWERK_TEST_DATABASE_URL: 'postgres://x@127.0.0.1/y' }),
    ).toThrow(/VELDWERK_TEST_DATABASE_URL is set, so the PostgreSQL tests must run/);
  });
});
