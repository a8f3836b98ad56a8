import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { isPlaintextDatabase } from '../../db/crypto/vault';
import { passphraseWrapper } from '../../db/crypto/wrappers';
import { migrate } from '../../db/migrate';
import { migrations } from '../../db/migrations';
import { DATABASE_FILE } from '../../db/profile';
import { LocalStore } from '../../db/store/store';
import { FREE_ATTEMPTS } from '../../services/vault/attempts';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, screenshot } from '../support/browser';
import { TEST_SCRYPT_COST, tempDir } from '../support/profile';
import { startLockedWebApp, type LockedWebApp } from '../support/web-app';

// Issue 12 as a person meets it in Chromium (browser mode): the first-run step that says what is
// protected and how, the lock, a wrong and a changed passphrase, and "I forgot it".
describe('the profile lock in Chromium (browser mode)', () => {
  let browser: Browser;
  const folders: ReturnType<typeof tempDir>[] = [];
  const apps: LockedWebApp[] = [];
  const pageErrors: string[] = [];

  async function open(app: LockedWebApp): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'nl-BE' });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(app.bridge.openUrl);
    return page;
  }

  async function start(dir: string): Promise<LockedWebApp> {
    const app = await startLockedWebApp(dir);
    apps.push(app);
    return app;
  }

  function profileDir(): string {
    const folder = tempDir('veldwerk-e2e-vault-');
    folders.push(folder);
    return path.join(folder.dir, 'profile');
  }

  beforeAll(async () => {
    if (!chromiumAvailable())
      throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium"`);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    for (const app of apps) await app.stop();
    for (const folder of folders) folder.remove();
  });

  it('protects a new profile with a passphrase, locks, refuses a wrong one and changes it', async () => {
    const dir = profileDir();
    const app = await start(dir);
    const page = await open(app);
    const firstRun = page.getByTestId('vault-first-run');
    await firstRun.getByRole('heading', { name: 'Je gegevens op deze laptop beschermen' }).waitFor();
    await firstRun.getByText('De hele profieldatabank').waitFor();
    // Browser mode has no OS keyring: it says so and offers the passphrase.
    await firstRun.getByTestId('vault-no-keyring').waitFor();
    await screenshot(page, 'vault-first-run-nl');

    await firstRun.getByLabel('Wachtzin', { exact: true }).fill('een zin van ons team');
    await firstRun.getByLabel('Wachtzin nog eens').fill('een zin van ons tem');
    await firstRun.getByRole('button', { name: 'Beschermen en starten' }).click();
    await firstRun.getByText('De twee wachtzinnen zijn niet gelijk.').waitFor();
    await firstRun.getByLabel('Wachtzin', { exact: true }).fill('kort');
    await firstRun.getByLabel('Wachtzin nog eens').fill('kort');
    await firstRun.getByRole('button', { name: 'Beschermen en starten' }).click();
    await firstRun.getByText('Een wachtzin heeft minstens 8 tekens.').waitFor();
    await firstRun.getByLabel('Wachtzin', { exact: true }).fill('een zin van ons team');
    await firstRun.getByLabel('Wachtzin nog eens').fill('een zin van ons team');
    await firstRun.getByRole('button', { name: 'Beschermen en starten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();
    expect(isPlaintextDatabase(path.join(dir, DATABASE_FILE))).toBe(false);
    expect(existsSync(path.join(dir, 'veldwerk.key'))).toBe(true);

    // The security dialog: the idle lock's time, lock now.
    await page.getByTestId('security-open').click();
    const dialog = page.getByTestId('security-dialog');
    await dialog.getByText('de sleutel is vergrendeld met een wachtzin').waitFor();
    await dialog.getByLabel('Automatisch vergrendelen na').selectOption('5');
    await dialog.getByText('Opgeslagen.').waitFor();
    expect(app.session.status().idleLockMinutes).toBe(5);
    await screenshot(page, 'vault-security-nl');
    await dialog.getByTestId('security-lock-now').click();
    const unlock = page.getByTestId('vault-unlock');
    await unlock.getByRole('heading', { name: 'Veldwerk is vergrendeld' }).waitFor();
    expect(app.session.current).toBeNull();
    await expect.poll(() => page.getByText('Campagnes').count()).toBe(0);

    await unlock.getByLabel('Wachtzin').fill('niet de wachtzin');
    await unlock.getByRole('button', { name: 'Ontgrendelen' }).click();
    await unlock.getByText('Dat is niet de wachtzin van dit profiel.').waitFor();
    await screenshot(page, 'vault-unlock-wrong-nl');
    await unlock.getByLabel('Wachtzin').fill('een zin van ons team');
    await unlock.getByRole('button', { name: 'Ontgrendelen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();

    // Change the passphrase: the current one is asked again; afterwards only the new one opens.
    await page.getByTestId('security-open').click();
    const change = page.getByTestId('security-change');
    await change.getByLabel('Huidige wachtzin').fill('niet de wachtzin');
    await change.getByLabel('Nieuwe wachtzin', { exact: true }).fill('een nieuwe zin voor 2026');
    await change.getByLabel('Nieuwe wachtzin nog eens').fill('een nieuwe zin voor 2026');
    await change.getByRole('button', { name: 'Wachtzin wijzigen' }).click();
    await change.getByText('Dat is niet de wachtzin van dit profiel.').waitFor();
    await change.getByLabel('Huidige wachtzin').fill('een zin van ons team');
    await change.getByRole('button', { name: 'Wachtzin wijzigen' }).click();
    await change.getByText('De wachtzin is gewijzigd.', { exact: false }).waitFor();
    await screenshot(page, 'vault-passphrase-changed-nl');
    await page.getByTestId('security-lock-now').click();
    await unlock.getByLabel('Wachtzin').fill('een zin van ons team');
    await unlock.getByRole('button', { name: 'Ontgrendelen' }).click();
    await unlock.getByText('Dat is niet de wachtzin van dit profiel.').waitFor();
    await unlock.getByLabel('Wachtzin').fill('een nieuwe zin voor 2026');
    await unlock.getByRole('button', { name: 'Ontgrendelen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Campagnes' }).waitFor();

    // The services lock by themselves (their own idle timer, services/vault/session.ts): the page
    // is told by the vault event and shows the lock screen without any input.
    await app.session.lock();
    await unlock.getByRole('heading', { name: 'Veldwerk is vergrendeld' }).waitFor();
    await expect.poll(() => page.getByText('Campagnes').count()).toBe(0);

    // Wrong passphrases in a row: after the free tries even the right one waits, and the screen
    // says for how long.
    for (let index = 0; index < FREE_ATTEMPTS; index += 1) {
      await unlock.getByLabel('Wachtzin').fill(`fout ${index}`);
      await unlock.getByRole('button', { name: 'Ontgrendelen' }).click();
      await unlock.getByText('Dat is niet de wachtzin van dit profiel.').waitFor();
    }
    await unlock.getByLabel('Wachtzin').fill('een nieuwe zin voor 2026');
    await unlock.getByRole('button', { name: 'Ontgrendelen' }).click();
    await unlock.getByText('Te veel foute wachtzinnen na elkaar.', { exact: false }).waitFor();
    await unlock.getByTestId('vault-wait').getByText('Je kan opnieuw proberen over 1 minuut.').waitFor();
    await screenshot(page, 'vault-unlock-wait-nl');
    expect(app.session.current).toBeNull();
    expect(pageErrors).toEqual([]);
  });

  it('says honestly what "I forgot it" means and starts a fresh profile, keeping the old one aside', async () => {
    const dir = profileDir();
    const first = await start(dir);
    await first.session.unlockWith(passphraseWrapper('vergeten zin 123', TEST_SCRYPT_COST));
    await first.session.lock();
    const page = await open(first);
    const unlock = page.getByTestId('vault-unlock');
    await unlock.getByRole('button', { name: 'Ik ben mijn wachtzin vergeten' }).click();
    const forgot = page.getByTestId('vault-forgot');
    await forgot.getByText('zonder de wachtzin kan niemand dit profiel nog openen', { exact: false }).waitFor();
    await forgot.getByText('verbind het met de server', { exact: false }).waitFor();
    await screenshot(page, 'vault-forgot-nl');
    await forgot.getByRole('button', { name: 'Nieuw profiel beginnen' }).click();
    await page.getByTestId('vault-first-run').waitFor();
    const aside = readdirSync(path.dirname(dir)).filter((name) => name.startsWith('profile.forgotten-'));
    expect(aside).toHaveLength(1);
    expect(existsSync(path.join(path.dirname(dir), aside[0] ?? '', 'veldwerk.key'))).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('tells an older, unencrypted profile that it will be encrypted, and encrypts it with every record', async () => {
    const dir = profileDir();
    mkdirSync(dir, { recursive: true });
    const old = openDatabase(path.join(dir, DATABASE_FILE));
    migrate(old, migrations);
    new LocalStore(old).insert('campaigns', 'c-oud', {
      name: 'Werkjaar 2024-2025',
      working_year: '2024-2025',
      created_at: '2024-09-02T08:00:00.000Z',
    });
    old.close();
    const app = await start(dir);
    const page = await open(app);
    const firstRun = page.getByTestId('vault-first-run');
    await firstRun.getByText('Dit profiel werd gemaakt door een oudere versie', { exact: false }).waitFor();
    await screenshot(page, 'vault-first-run-plaintext-nl');
    await firstRun.getByLabel('Wachtzin', { exact: true }).fill('een zin van ons team');
    await firstRun.getByLabel('Wachtzin nog eens').fill('een zin van ons team');
    await firstRun.getByRole('button', { name: 'Beschermen en starten' }).click();
    await page.getByRole('link', { name: 'Werkjaar 2024-2025' }).waitFor();
    expect(isPlaintextDatabase(path.join(dir, DATABASE_FILE))).toBe(false);
    await screenshot(page, 'vault-plaintext-encrypted-nl');
    expect(pageErrors).toEqual([]);
  });
});
