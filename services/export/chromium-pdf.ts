import { existsSync } from 'node:fs';
import type * as Playwright from 'playwright-core';
import { missingFontsScript } from '../../shared/export/html';
import type { PdfPrinter } from './write';

/** The Chromium a PDF is printed with outside Electron: VELDWERK_CHROMIUM, else Debian's. */
export function chromiumPath(): string | null {
  const candidates = [process.env.VELDWERK_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (value): value is string => Boolean(value),
  );
  return candidates.find((candidate) => existsSync(candidate)) ?? null;
}

/**
 * Prints the print view with a headless Chromium (Playwright's page.pdf(), the same printing as
 * Electron's printToPDF), reporting the fonts of the document that are not installed.
 * Answers null when no Chromium or no playwright-core is available.
 */
export async function chromiumPrinter(
  executablePath: string | null = chromiumPath(),
): Promise<{ printer: PdfPrinter; close: () => Promise<void> } | null> {
  if (!executablePath) return null;
  let playwright: typeof Playwright;
  try {
    playwright = await import('playwright-core');
  } catch {
    return null;
  }
  const browser = await playwright.chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  const printer: PdfPrinter = async (html) => {
    const page = await browser.newPage();
    try {
      // No network: the print view is self-contained.
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      const missing: unknown = await page.evaluate(missingFontsScript());
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
      return {
        pdf: new Uint8Array(pdf),
        missingFonts: Array.isArray(missing) ? missing.filter((font): font is string => typeof font === 'string') : [],
      };
    } finally {
      await page.close();
    }
  };
  return { printer, close: () => browser.close() };
}
