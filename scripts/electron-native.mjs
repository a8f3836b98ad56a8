// Builds a second copy of the SQLite native module (better-sqlite3-multiple-ciphers, the encrypted
// profile's driver) for Electron's ABI into .electron-native/, so that `npm start` (Electron) and
// `npm test` (plain Node) can both use the same node_modules. Electron's main process loads it
// through the driver's `nativeBinding` option. A clean clone: prebuilt download, else node-gyp.
// Packaged apps do not need this: electron-builder rebuilds native modules for Electron itself.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const outDir = path.join(root, '.electron-native');
const PACKAGE = 'better-sqlite3-multiple-ciphers';
const target = path.join(outDir, 'better_sqlite3_multiple_ciphers.node');
const stampFile = path.join(outDir, 'stamp.json');

const electronVersion = require('electron/package.json').version;
const sqlitePackageDir = path.dirname(require.resolve(`${PACKAGE}/package.json`));
const sqliteVersion = JSON.parse(readFileSync(path.join(sqlitePackageDir, 'package.json'), 'utf8')).version;
const stamp = JSON.stringify({
  PACKAGE,
  electronVersion,
  sqliteVersion,
  arch: process.arch,
  platform: process.platform,
});

if (existsSync(target) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
  console.log(`${PACKAGE} ${sqliteVersion} for Electron ${electronVersion}: up to date`);
  process.exit(0);
}

const work = path.join(outDir, 'build');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
cpSync(sqlitePackageDir, work, {
  recursive: true,
  filter: (source) => !source.includes(`${path.sep}build${path.sep}`),
});

const run = (command, args) =>
  execFileSync(command, args, { cwd: work, stdio: 'inherit', shell: process.platform === 'win32' });
const common = [`--runtime=electron`, `--target=${electronVersion}`, `--arch=${process.arch}`];
try {
  console.log(`Fetching prebuilt ${PACKAGE} ${sqliteVersion} for Electron ${electronVersion}…`);
  run('npx', ['--no-install', 'prebuild-install', ...common]);
} catch {
  console.log('No prebuilt binary; compiling from source with node-gyp…');
  run('npx', [
    '--no-install',
    'node-gyp',
    'rebuild',
    '--release',
    ...common,
    '--dist-url=https://electronjs.org/headers',
  ]);
}
cpSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), target);
writeFileSync(stampFile, stamp);
rmSync(work, { recursive: true, force: true });
console.log(`${PACKAGE} for Electron ${electronVersion} written to ${path.relative(root, target)}`);
