import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../db/demo/demo';
import { main } from '../../cli/main';
import { buildBoard } from '../../services/swot/handlers';
import { resolveScope } from '../../services/swot/scope';
import { capturingIo } from '../support/cli';
import { tempDir, openTestProfile } from '../support/profile';

const io = capturingIo;

// `veldwerk swot score --profile`: the same JSON as the file mode, for a scope of a profile, and
// the same numbers as the clustering board shows.
describe('veldwerk swot score --profile', () => {
  const profile = tempDir('veldwerk-swot-cli-');

  beforeAll(() => {
    const opened = openTestProfile(profile.dir);
    try {
      generateDemo(opened.store, { size: 'small' });
    } finally {
      opened.close();
    }
  });

  afterAll(() => profile.remove());

  it('prints the scored scope, equal to what the board computes', async () => {
    const capture = io();
    expect(
      await main(['swot', 'score', '--profile', profile.dir, '--sector', 'ic', '--group', 'personeel'], capture),
    ).toBe(0);
    expect(capture.err).toBe('');
    const printed = JSON.parse(capture.out) as {
      group: string;
      conversationCount: number;
      quadrants: Record<string, { lemma: string; display: string }[]>;
    };
    expect(printed.group).toBe('Personeel');

    const opened = openTestProfile(profile.dir);
    try {
      const ids = resolveScope(opened.store, { sector: 'IC', group: 'Personeel' });
      const board = buildBoard(opened, ids.campaignId, ids.sectorId, ids.groupId);
      expect(printed.conversationCount).toBe(board.conversations.length);
      for (const quadrant of ['strengths', 'weaknesses', 'opportunities', 'threats'] as const) {
        expect(printed.quadrants[quadrant]?.map((row) => [row.lemma, row.display])).toEqual(
          board.scored[quadrant].map((row) => [row.name, row.display]),
        );
      }
    } finally {
      opened.close();
    }
  });

  it('refuses unknown scopes and mixed arguments with exit code 2 and nothing on stdout', async () => {
    const unknown = io();
    expect(
      await main(['swot', 'score', '--profile', profile.dir, '--sector', 'IC', '--group', 'Tolken'], unknown),
    ).toBe(2);
    expect(unknown.out).toBe('');
    expect(unknown.err).toMatch(/No respondent group "Tolken"; choose from: .*Personeel/);

    const missing = io();
    expect(
      await main(
        ['swot', 'score', '--profile', `${profile.dir}-nope`, '--sector', 'IC', '--group', 'Personeel'],
        missing,
      ),
    ).toBe(2);
    expect(missing.err).toMatch(/no profile folder/);

    const mixed = io();
    expect(
      await main(
        ['swot', 'score', 'file.json', '--profile', profile.dir, '--sector', 'IC', '--group', 'Personeel'],
        mixed,
      ),
    ).toBe(2);
    const half = io();
    expect(await main(['swot', 'score', '--profile', profile.dir, '--sector', 'IC'], half)).toBe(2);
    expect(half.err).toMatch(/--group/);
  });
});
