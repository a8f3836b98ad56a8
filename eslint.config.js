// Lint, including the layering of ../shared/ARCHITECTURE.md: which folder may import which.
// A wrong import fails `npm test` (tests/unit/layering.test.ts proves each rule bites).
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const LAYERS = ['shared', 'db', 'services', 'server', 'electron', 'web', 'renderer', 'cli', 'tests', 'scripts'];

/** What each layer may import besides itself and npm packages. */
const ALLOWED = {
  shared: [],
  db: ['shared'],
  services: ['shared', 'db', 'server'],
  server: ['shared', 'db'],
  electron: ['shared', 'db', 'services', 'server'],
  web: ['shared', 'db', 'services', 'server'],
  renderer: ['shared'],
  cli: ['shared', 'db', 'services', 'server', 'web'],
};

function zonesFor(layer) {
  const allowed = new Set([layer, ...ALLOWED[layer]]);
  return LAYERS.filter((other) => !allowed.has(other)).map((other) => ({
    target: `./${layer}`,
    from: `./${other}`,
    message: `${layer}/ may import only ${[...allowed].map((name) => `${name}/`).join(', ')} (see docs/architecture.md).`,
  }));
}

const electronOnly = {
  paths: [{ name: 'electron', message: 'Only electron/ may import electron: keep the services plain Node.' }],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-electron/',
      'release/',
      '.electron-native/',
      'coverage/',
      'screenshots/',
      'test-results/',
      '.tsbuild/',
      // Lint fixtures that must fail (tests/unit/layering.test.ts lints them on purpose).
      'tests/fixtures/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      // Without these, import-x reads no .ts module it follows, and no-cycle sees no cycle.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          alwaysTryTypes: true,
          noWarnOnMultipleProjects: true,
          project: [
            'tsconfig.shared.json',
            'tsconfig.node.json',
            'tsconfig.renderer.json',
            'tsconfig.electron.json',
            'tsconfig.tests.json',
          ],
        }),
      ],
    },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-restricted-paths': ['error', { zones: Object.keys(ALLOWED).flatMap(zonesFor) }],
      'no-restricted-imports': ['error', electronOnly],
      // A cycle of value imports makes module start-up order matter (a class or const read before it exists).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // Type-aware rules: a promise nobody awaits or catches fails silently, and one handed to a
    // callback that expects nothing (an event handler, forEach) loses its errors.
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'import-x/no-nodejs-modules': ['error'],
      'no-restricted-imports': [
        'error',
        { ...electronOnly, patterns: [{ group: ['node:*'], message: 'shared/ runs anywhere: no Node built-ins.' }] },
      ],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'import-x/no-nodejs-modules': ['error'],
      'no-restricted-imports': [
        'error',
        {
          ...electronOnly,
          patterns: [{ group: ['node:*'], message: 'The renderer runs in a browser: no Node built-ins.' }],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts', 'tests/electron/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // SQL lives in db/ (the local profile) and server/store/ (the server's repositories): the rest
    // calls named functions there. Tests may inspect a database directly.
    files: ['**/*.{ts,tsx}'],
    ignores: ['db/**', 'server/store/**', 'tests/**', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='prepare']",
          message: 'SQL lives in db/ and server/store/: call a named function there instead of .prepare().',
        },
      ],
    },
  },
);
