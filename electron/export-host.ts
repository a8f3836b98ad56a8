import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ExportHost } from '../services/export/handlers';
import type { ExportFormat } from '../shared/contract/export';
import { missingFontsScript } from '../shared/export/html';

/** The window options the print view is loaded with (a subset of BrowserWindowConstructorOptions). */
export interface PrintWindowOptions {
  readonly show: false;
  readonly webPreferences: { readonly sandbox: true; readonly contextIsolation: true; readonly nodeIntegration: false };
}

/** What the host uses of a BrowserWindow: the real one is assignable to this, and so is a test's fake. */
export interface PrintWindow {
  loadFile(file: string): Promise<void>;
  destroy(): void;
  readonly webContents: {
    setWindowOpenHandler(handler: () => { action: 'deny' }): void;
    on(event: 'will-navigate', listener: (event: { preventDefault(): void }) => void): unknown;
    executeJavaScript(code: string): Promise<unknown>;
    printToPDF(options: { pageSize: 'A4'; printBackground: boolean; preferCSSPageSize: boolean }): Promise<Uint8Array>;
  };
}

/** The pieces of Electron an export needs, passed in by main.ts (so this module runs without Electron). */
export interface ElectronPieces<Owner> {
  readonly createWindow: (options: PrintWindowOptions) => PrintWindow;
  readonly showSaveDialog: (
    owner: Owner | null,
    options: { defaultPath: string; filters: Array<{ name: string; extensions: string[] }> },
  ) => Promise<{ canceled: boolean; filePath?: string | undefined }>;
}

/**
 * What the desktop app does for an export: the save dialog, and the PDF printed from the print
 * view by a hidden, sandboxed window with webContents.printToPDF (the same Chromium printing
 * the tests run through Playwright's page.pdf()). The print view is loaded from a temporary
 * file (large reports exceed what a data: URL carries) that is removed afterwards, as is the
 * window, whether printing worked or not.
 */
export function electronExportHost<Owner>(electron: ElectronPieces<Owner>, parent: () => Owner | null): ExportHost {
  return {
    chooseSavePath: async (suggestedName: string, format: ExportFormat) => {
      const result = await electron.showSaveDialog(parent(), {
        defaultPath: suggestedName,
        filters: [{ name: format.toUpperCase(), extensions: [format] }],
      });
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    printPdf: async (html: string) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'veldwerk-print-'));
      let window: PrintWindow | null = null;
      try {
        const file = path.join(dir, 'print.html');
        writeFileSync(file, html, { mode: 0o600 });
        window = electron.createWindow({
          show: false,
          webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false },
        });
        // The print view has no links to follow and no windows to open.
        window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
        window.webContents.on('will-navigate', (event) => event.preventDefault());
        await window.loadFile(file);
        const missing = await window.webContents.executeJavaScript(missingFontsScript());
        const pdf = await window.webContents.printToPDF({
          pageSize: 'A4',
          printBackground: true,
          preferCSSPageSize: true,
        });
        return {
          pdf: new Uint8Array(pdf),
          missingFonts: Array.isArray(missing)
            ? missing.filter((font): font is string => typeof font === 'string')
            : [],
        };
      } finally {
        window?.destroy();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
