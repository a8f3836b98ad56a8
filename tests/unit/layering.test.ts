import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Proves that the layering rules of eslint.config.js bite: each probe is linted as if it stood
// in the named folder, and must be refused (or accepted) for the stated reason.
const eslint = new ESLint();

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
