import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// Proves that the layering rules of eslint.config.js bite: each probe is linted as if it stood
// in the named folder, and must be refused (or accepted) for the stated reason. The probes are no
// files of a tsconfig project, so they are linted without type information.
const eslint = new ESLint({ overrideConfig: tseslint.configs.disableTypeChecked });

async function lintAs(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.severity === 2)
    .map((message) => `${message.ruleId}: ${message.message}`);
}

describe('layering lint', () => {
  it.each([
    [
      'shared/probe.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      'no-restricted-imports',
    ],
    ['shared/probe.ts', "import path from 'path';\nexport const x = path;\n", 'import-x/no-nodejs-modules'],
    [
      'shared/probe.ts',
      "import { openDatabase } from '../db/connection';\nexport const x = openDatabase;\n",
      'import-x/no-restricted-paths',
    ],
    ['shared/probe.ts', "import { app } from 'electron';\nexport const x = app;\n", 'no-restricted-imports'],
    [
      'renderer/src/probe.ts',
      "import { openProfile } from '../../db/profile';\nexport const x = openProfile;\n",
      'import-x/no-restricted-paths',
    ],
    [
      'renderer/src/probe.ts',
      "import { createDispatch } from '../../services/dispatch';\nexport const x = createDispatch;\n",
      'import-x/no-restricted-paths',
    ],
    [
      'renderer/src/probe.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      'no-restricted-imports',
    ],
    [
      'db/probe.ts',
      "import { startServices } from '../services/runtime';\nexport const x = startServices;\n",
      'import-x/no-restricted-paths',
    ],
    [
      'db/probe.ts',
      "import { BrowserWindow } from 'electron';\nexport const x = BrowserWindow;\n",
      'no-restricted-imports',
    ],
    ['services/probe.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n", 'no-restricted-imports'],
    [
      'server/probe.ts',
      "import { startServices } from '../services/runtime';\nexport const x = startServices;\n",
      'import-x/no-restricted-paths',
    ],
    [
      'services/probe.ts',
      "export const count = (db: { prepare(sql: string): unknown }) => db.prepare('SELECT count(*) FROM changes');\n",
      'no-restricted-syntax',
    ],
    [
      'server/probe.ts',
      "export const count = (db: { prepare(sql: string): unknown }) => db.prepare('SELECT 1');\n",
      'no-restricted-syntax',
    ],
  ])('refuses %s importing a forbidden module (%#)', async (filePath, code, rule) => {
    const errors = await lintAs(filePath, code);
    expect(
      errors.some((error) => error.startsWith(`${rule}:`)),
      errors.join('\n'),
    ).toBe(true);
  });

  it.each([
    [
      'renderer/src/probe.ts',
      "import { contract } from '../../shared/contract/channels';\nexport const x = contract;\n",
    ],
    [
      'db/probe.ts',
      "import { campaignCreateInput } from '../shared/domain/campaign';\nexport const x = campaignCreateInput;\n",
    ],
    [
      'db/probe.ts',
      "export const count = (db: { prepare(sql: string): unknown }) => db.prepare('SELECT count(*) FROM changes');\n",
    ],
    [
      'server/store/probe.ts',
      "export const count = (db: { prepare(sql: string): unknown }) => db.prepare('SELECT 1');\n",
    ],
    [
      'electron/probe.ts',
      "import { app } from 'electron';\nimport { startServices } from '../services/runtime';\nexport const x = [app, startServices];\n",
    ],
  ])('accepts %s importing what its layer allows', async (filePath, code) => {
    expect(await lintAs(filePath, code)).toEqual([]);
  });
});

// The rules that need whole files: a cycle of imports, and promises (with type information).
// The fixtures are ignored by `npm run lint`; here they are linted on purpose.
describe('lint rules over fixture files', () => {
  // Type information means loading the tests project: slow on a busy machine, so the cycle is linted without.
  const typed = new ESLint({ ignorePatterns: ['!tests/fixtures/**'] });
  const untyped = new ESLint({
    ignorePatterns: ['!tests/fixtures/**'],
    overrideConfig: tseslint.configs.disableTypeChecked,
  });

  async function errorsIn(pattern: string, eslint = untyped): Promise<string[]> {
    const results = await eslint.lintFiles([pattern]);
    return results.flatMap((result) =>
      result.messages
        .filter((message) => message.severity === 2)
        .map((message) => `${result.filePath.split('/').slice(-1)[0]}:${message.line} ${message.ruleId}`),
    );
  }

  it('refuses a cycle of value imports', async () => {
    expect((await errorsIn('tests/fixtures/lint-cycle/*.ts')).sort()).toEqual([
      'a.ts:2 import-x/no-cycle',
      'b.ts:2 import-x/no-cycle',
    ]);
  });

  it('refuses a floating promise and an async listener where nothing awaits it', async () => {
    expect(await errorsIn('tests/fixtures/lint-promises/*.ts', typed)).toEqual([
      'promises.ts:7 @typescript-eslint/no-floating-promises',
      'promises.ts:11 @typescript-eslint/no-misused-promises',
    ]);
  }, 120_000);
});
