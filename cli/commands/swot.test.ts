import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../io';
import { main } from '../main';
import { parseScopeText, renderScore } from './swot';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const workDir = mkdtempSync(path.join(tmpdir(), 'veldwerk-swot-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(argv: string[], stdin = ''): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readStdin: () => Promise.resolve(stdin),
    env: {},
    untilInterrupted: () => new Promise(() => undefined),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const conversations = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8'];
const workedExample = {
  group: 'beleid en personeel',
  conversations,
  items: [
    ...['c1', 'c2', 'c4', 'c6', 'c8'].map((conversation, index) => ({
      id: `s${index + 1}`,
      conversation,
      quadrant: 'strengths',
      text: `Samenwerking ${index}`,
      lemma: 'Samenwerking',
    })),
    { id: 'w1', conversation: 'c3', quadrant: 'weaknesses', text: 'Wachtlijsten', lemma: null },
    { id: 'w2', conversation: 'c5', quadrant: 'weaknesses', text: 'wachtlijsten ', lemma: null },
    { id: 't1', conversation: 'c7', quadrant: 'threats', text: 'Besparingen', lemma: null },
  ],
};

const expectedResult = {
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
        items: ['s1', 's2', 's3', 's4', 's5'],
      },
    ],
    weaknesses: [{ rank: 1, lemma: 'Wachtlijsten', conversations: 2, score: 2.5, display: '2,5', items: ['w1', 'w2'] }],
    opportunities: [],
    threats: [],
  },
  notRetained: [{ id: 't1', quadrant: 'threats', text: 'Besparingen' }],
};

async function failure(input: string): Promise<string> {
  const result = await run(['swot', 'score', '-'], input);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  return result.stderr;
}

describe('veldwerk swot score', () => {
  it('scores a file and prints the result as pretty JSON (worked example: 6,3)', async () => {
    const file = path.join(workDir, 'scope.json');
    writeFileSync(file, JSON.stringify(workedExample));
    const result = await run(['swot', 'score', file]);
    expect(result).toEqual({ code: 0, stdout: `${JSON.stringify(expectedResult, null, 2)}\n`, stderr: '' });
  });

  it('reads standard input for -', async () => {
    const result = await run(['swot', 'score', '-'], JSON.stringify(workedExample));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(expectedResult);
  });

  it('shows English display with --lang en', async () => {
    const result = await run(['swot', 'score', '-', '--lang', 'en'], JSON.stringify(workedExample));
    expect(JSON.parse(result.stdout).quadrants.strengths[0].display).toBe('6.3');
  });

  it('accepts a UTF-8 byte order mark', async () => {
    const result = await run(['swot', 'score', '-'], `\uFEFF${JSON.stringify(workedExample)}`);
    expect(result.code).toBe(0);
  });

  it('reports malformed JSON with its line and column', async () => {
    const stderr = await failure('{"group": "g",\n  "conversations": ["c1" "c2"]}');
    expect(stderr).toBe(
      "veldwerk swot score: standard input: malformed JSON at line 2, column 26 (position 40): expected ',' or ']' after an array element\n",
    );
    expect(await failure('')).toContain(
      'malformed JSON at line 1, column 1 (position 0): unexpected end of input, expected a value',
    );
  });

  it('names the field and the item of a schema error', async () => {
    const bad = {
      ...workedExample,
      items: [{ id: 'x1', conversation: 'c1', quadrant: 'strengths', text: 42, lemma: null }],
    };
    const stderr = await failure(JSON.stringify(bad));
    expect(stderr).toContain('the input does not have the expected shape');
    expect(stderr).toContain('items[0] (id "x1").text: Invalid input: expected string, received number');
    expect(await failure('[]')).toContain('the file: Invalid input: expected object, received array');
    expect(await failure(JSON.stringify({ group: 'g', conversations: [] }))).toContain(
      'items: Invalid input: expected array, received undefined',
    );
  });

  it('refuses an item naming an unknown conversation, listing the ids', async () => {
    const bad = {
      ...workedExample,
      items: [...workedExample.items, { id: 'z9', conversation: 'c99', quadrant: 'threats', text: 'x', lemma: null }],
    };
    expect(await failure(JSON.stringify(bad))).toContain(
      '1 item names a conversation that is not in the list of conversations ("c99"): items "z9"',
    );
  });

  it('refuses an unknown quadrant', async () => {
    const bad = {
      ...workedExample,
      items: [{ id: 'q1', conversation: 'c1', quadrant: 'kansen', text: 'x', lemma: null }],
    };
    expect(await failure(JSON.stringify(bad))).toContain(
      'unknown quadrant "kansen" (expected one of strengths, weaknesses, opportunities, threats): items "q1"',
    );
  });

  it('refuses duplicate item ids and duplicate conversations', async () => {
    const bad = {
      ...workedExample,
      conversations: [...conversations, 'c2'],
      items: [...workedExample.items, workedExample.items[0]],
    };
    const stderr = await failure(JSON.stringify(bad));
    expect(stderr).toContain('duplicate conversation id in the list of conversations: "c2"');
    expect(stderr).toContain('duplicate item id: "s1"');
  });

  it('reports an unreadable file with exit code 2', async () => {
    const missing = path.join(workDir, 'missing.json');
    const result = await run(['swot', 'score', missing]);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `veldwerk swot score: ${missing}: cannot read the file: no such file\n`,
    });
    const directory = await run(['swot', 'score', workDir]);
    expect(directory.code).toBe(2);
    expect(directory.stdout).toBe('');
    expect(directory.stderr).toContain('cannot read the file: EISDIR');
  });

  it('answers bad arguments with the usage and exit code 2', async () => {
    for (const argv of [
      ['swot'],
      ['swot', 'plot'],
      ['swot', 'score'],
      ['swot', 'score', 'a', 'b'],
      ['swot', 'score', '-', '--lang', 'fr'],
      ['swot', 'score', '-', '--profile', 'x'],
    ]) {
      const result = await run(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('veldwerk swot score FILE');
    }
  });

  it('prints its usage for --help, listing only what works', async () => {
    const result = await run(['swot', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('veldwerk swot score FILE [--lang nl-BE|en]');
    expect(result.stdout).toContain('--profile DIR --sector S --group G');
  });

  it('exposes parsing and rendering for other callers', () => {
    expect(renderScore(parseScopeText(JSON.stringify(workedExample)), 'en')).toContain('"display": "6.3"');
  });
});

describe('veldwerk swot score as a real process', () => {
  it('reads stdin, prints the result and exits 0; bad input exits 2 with nothing on stdout', () => {
    const bin = path.join(ROOT, 'bin/veldwerk.mjs');
    const ok = spawnSync(process.execPath, [bin, 'swot', 'score', '-'], {
      cwd: ROOT,
      input: JSON.stringify(workedExample),
      encoding: 'utf8',
    });
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual(expectedResult);
    const bad = spawnSync(process.execPath, [bin, 'swot', 'score', '-'], {
      cwd: ROOT,
      input: '{"group": ',
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('malformed JSON at line 1, column 11');
  });
});

describe('veldwerk swot suggest', () => {
  const scope = {
    group: 'Personeel',
    conversations,
    items: [
      {
        id: 'l1',
        conversation: 'c1',
        quadrant: 'weaknesses',
        text: 'Lange wachtlijsten voor NT2',
        lemma: 'Wachtlijsten',
      },
      {
        id: 'l2',
        conversation: 'c2',
        quadrant: 'weaknesses',
        text: 'Wachtlijst voor de taalcursus',
        lemma: 'Wachtlijsten',
      },
      { id: 'u1', conversation: 'c3', quadrant: 'weaknesses', text: 'Wachtlijsten blijven groeien', lemma: null },
      { id: 'u2', conversation: 'c4', quadrant: 'weaknesses', text: 'Hoge werkdruk bij het personeel', lemma: null },
      {
        id: 'u3',
        conversation: 'c5',
        quadrant: 'weaknesses',
        text: 'Te veel werkdruk, personeel overbelast',
        lemma: null,
      },
      { id: 'u4', conversation: 'c6', quadrant: 'strengths', text: 'Wachtlijsten zijn weg', lemma: null },
    ],
  };

  it('proposes groups of the unclustered items and the best existing lemma per item, as JSON', async () => {
    const result = await run(['swot', 'suggest', '-'], JSON.stringify(scope));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as {
      group: string;
      groupQuantile: number;
      groups: {
        quadrant: string;
        members: { id: string }[];
        proposedName: string;
        confidence: number;
        terms: string[];
      }[];
      items: { id: string; bestLemmas: { lemma: string; score: number; terms: string[] }[] }[];
    };
    expect(output.group).toBe('Personeel');
    expect(output.groupQuantile).toBeGreaterThan(0);
    expect(output.groupQuantile).toBeLessThan(1);
    const workload = output.groups.find((group) => group.members.some((member) => member.id === 'u2'));
    expect(workload?.members.map((member) => member.id)).toEqual(['u2', 'u3']);
    expect(workload?.quadrant).toBe('weaknesses');
    expect(workload?.terms).toContain('werkdruk');
    expect(output.items.map((item) => item.id)).toEqual(['u1', 'u2', 'u3', 'u4']);
    expect(output.items[0]?.bestLemmas[0]).toMatchObject({
      lemma: 'Wachtlijsten',
      terms: expect.arrayContaining(['wachtlijsten']),
    });
    // A lemma of another quadrant is never proposed.
    expect(output.items[3]?.bestLemmas).toEqual([]);
  });

  it('refuses bad input with exit 2 and a clear message, like score', async () => {
    const unknown = await run(
      ['swot', 'suggest', '-'],
      JSON.stringify({ ...scope, items: [{ ...scope.items[0], conversation: 'c99' }] }),
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/^veldwerk swot suggest: standard input: the input cannot be used:/);
    const malformed = await run(['swot', 'suggest', '-'], '{"group": ');
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/malformed JSON at line 1/);
    const missing = await run(['swot', 'suggest']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/name the FILE to suggest/);
  });
});
