import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { tempDir } from '../support/profile';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The Electron binary if it is installed, without triggering the electron package's lazy download. */
function electronBinary(): string | null {
  const packageDir = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist');
  const binary = path.join(base, relative);
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
if (!binary) {
  console.log(
    'electron e2e skipped: no Electron binary (node_modules/electron/dist is missing; it cannot be downloaded on this machine)',
  );
}

describe.skipIf(!binary)('the Electron app', () => {
  const profile = tempDir('veldwerk-electron-');
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/electron-native.mjs')], { cwd: ROOT, stdio: 'inherit' });
    app = await electron.launch({
      executablePath: binary as string,
      args: [ROOT, '--profile', profile.dir],
      cwd: ROOT,
    });
    page = await app.firstWindow();
  });

  afterAll(async () => {
    await app?.close();
    profile.remove();
  });

  it('opens the home screen from app:// with a locked-down renderer', async () => {
    await page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    expect(page.url()).toBe('app://veldwerk/index.html');
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    await screenshot(page, 'electron-home');
  });

  it('round-trips a campaign through IPC to SQLite and refuses unknown channels', async () => {
    await page.getByLabel('Naam').fill('Elektron campagne');
    await page.getByLabel('Werkjaar').fill('2025-2026');
    await page.getByRole('button', { name: 'Campagne aanmaken' }).click();
    await page.getByTestId('campaign-list').getByText('Elektron campagne').waitFor();
    const refused = await page.evaluate(() => {
      const bridge = (
        window as unknown as { veldwerk: { invoke: (channel: string, payload: unknown) => Promise<unknown> } }
      ).veldwerk;
      return bridge.invoke('campaigns.dropAll', {});
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });
});
