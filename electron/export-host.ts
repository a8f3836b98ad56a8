import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BrowserWindow, dialog } from 'electron';
import type { ExportHost } from '../services/export/handlers';
import { missingFontsScript, PRINT_FONTS } from '../shared/export/html';

/**
 * What the desktop app does for an export: the save dialog, and the PDF printed from the print
 * view by a hidden, sandboxed window with webContents.printToPDF (the same Chromium printing
 * the tests run through Playwright's page.pdf()). The print view is loaded from a temporary
 * file (large reports exceed what a data: URL carries) that is removed afterwards.
 */
export function electronExportHost(parent: () => BrowserWindow | null): ExportHost {
  return {
    chooseSavePath: async (suggestedName, format) => {
      const options = { defaultPath: suggestedName, filters: [{ name: format.toUpperCase(), extensions: [format] }] };
      const owner = parent();
      const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    printPdf: async (html) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'veldwerk-print-'));
      const file = path.join(dir, 'print.html');
      writeFileSync(file, html, { mode: 0o600 });
      const window = new BrowserWindow({
        show: false,
        webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false },
      });
      try {
        // The print view has no links to follow and no windows to open.
        window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
        window.webContents.on('will-navigate', (event) => event.preventDefault());
        await window.loadFile(file);
        const missing = (await window.webContents.executeJavaScript(missingFontsScript())) as string[];
        const pdf = await window.webContents.printToPDF({
          pageSize: 'A4',
          printBackground: true,
          preferCSSPageSize: true,
        });
        return { pdf: new Uint8Array(pdf), missingFonts: missing.includes(PRINT_FONTS[0]) ? [PRINT_FONTS[0]] : [] };
      } finally {
        window.destroy();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
