// Bundles the Electron main process and the preload into dist-electron/ with esbuild.
// Main is CommonJS with the SQLite driver (better-sqlite3-multiple-ciphers) and electron left external; the sandboxed preload is
// one self-contained CommonJS file, as Electron requires.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning' };

await build({
  ...common,
  entryPoints: ['electron/main.ts'],
  outfile: 'dist-electron/main.cjs',
  format: 'cjs',
  external: ['electron', 'better-sqlite3-multiple-ciphers'],
});

await build({
  ...common,
  entryPoints: ['electron/preload.ts'],
  outfile: 'dist-electron/preload.cjs',
  format: 'cjs',
  external: ['electron'],
});

console.log('built dist-electron/main.cjs and dist-electron/preload.cjs');
