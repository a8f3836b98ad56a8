import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { ChannelName, InputOf, OutputOf } from '../../shared/contract/channels';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium } from './browser';
import { tempDir } from './profile';
import { startWebApp, type WebApp } from './web-app';

export interface BrowserAppOptions {
  /** Prefix of the temporary profile folder made fresh for every test. */
  readonly profilePrefix: string;
  readonly viewport?: { readonly width: number; readonly height: number };
  readonly acceptDownloads?: boolean;
}

/** What a browser-mode test works with; the getters answer the current test's objects. */
export interface BrowserApp {
  readonly page: Page;
  readonly app: WebApp;
  /** Uncaught page errors and console errors of the current test. */
  readonly pageErrors: readonly string[];
  /** Opens the app with the bridge's token, as the launcher does. */
  openApp(): Promise<void>;
  /** Stops the services and starts them again on the same profile: a new port and a new token. */
  restartApp(): Promise<void>;
  /** Opens the app with the token and follows the campaign's link in the campaign list. */
  openCampaign(name: string): Promise<void>;
  /** Opens the app with the token, creates a campaign through the home form and opens it. */
  createAndOpenCampaign(name: string, workingYear: string): Promise<void>;
  /** Calls the services directly (set-up of data the test is not about); throws on an error result. */
  call<C extends ChannelName>(channel: C, payload: InputOf<C>): Promise<OutputOf<C>>;
}

/**
 * Registers the hooks of a browser-mode e2e suite: one Chromium for the file, and for every test a fresh
 * profile, the services with the HTTP bridge on it, a browser context and a page whose errors are collected.
 */
export function useBrowserApp(options: BrowserAppOptions): BrowserApp {
  let browser: Browser;
  let profile: ReturnType<typeof tempDir>;
  let app: WebApp;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!chromiumAvailable())
      throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium"`);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    profile = tempDir(options.profilePrefix);
    app = await startWebApp(profile.dir);
    context = await browser.newContext({
      viewport: options.viewport ?? { width: 1400, height: 900 },
      locale: 'nl-BE',
      ...(options.acceptDownloads ? { acceptDownloads: true } : {}),
    });
    page = await context.newPage();
    pageErrors.length = 0;
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  });

  afterEach(async () => {
    await context.close();
    await app.stop();
    profile.remove();
  });

  const openApp = async (): Promise<void> => {
    await page.goto(app.bridge.openUrl);
  };

  return {
    get page() {
      return page;
    },
    get app() {
      return app;
    },
    pageErrors,
    openApp,
    async restartApp() {
      // Leave the page first: its background polling (the sync indicator) would otherwise hit the
      // server while it shuts down and log a failed request.
      await page.goto('about:blank');
      await app.stop();
      app = await startWebApp(profile.dir);
    },
    async openCampaign(name) {
      await openApp();
      await page.getByTestId('campaign-list').getByRole('link', { name }).click();
    },
    async createAndOpenCampaign(name, workingYear) {
      await openApp();
      await page.getByLabel('Naam').fill(name);
      await page.getByLabel('Werkjaar').fill(workingYear);
      await page.getByRole('button', { name: 'Campagne aanmaken' }).click();
      await page.getByTestId('campaign-list').getByRole('link', { name }).click();
    },
    async call(channel, payload) {
      const result = await app.services.dispatch(channel, payload);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value as OutputOf<typeof channel>;
    },
  };
}
