import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  electronExportHost,
  type ElectronPieces,
  type PrintWindow,
  type PrintWindowOptions,
} from '../../electron/export-host';
import { startServices, type Services } from '../../services/runtime';
import { PLANTED, plantedReport } from '../support/export-seed';
import { tempDir, testProfileKey } from '../support/profile';
import { call, until } from '../support/services';

// The desktop app's export (save dialog + webContents.printToPDF) through the real services,
// with the Electron pieces faked: the Electron binary cannot run here. What is checked is what
// the host does with them: the hidden sandboxed window, the print view it loads, the bytes it
// saves where the dialog says, a cancel, a missing font, and a failure that leaves no file.

const PDF = new TextEncoder().encode('%PDF-1.7\n% printed by the fake webContents\n%%EOF\n');

interface FakeWindow {
  readonly options: PrintWindowOptions;
  html: string;
  htmlMode: number;
  loadedFrom: string;
  destroyed: boolean;
  openHandler: (() => { action: 'deny' }) | null;
  navigate: ((event: { preventDefault(): void }) => void) | null;
  printOptions: unknown;
}

function fakeElectron(options: { savePath: string | null; missingFonts?: string[]; failPrint?: boolean }) {
  const windows: FakeWindow[] = [];
  const dialogs: Array<{ owner: string | null; defaultPath: string; extensions: string[] }> = [];
  const pieces: ElectronPieces<string> = {
    createWindow: (windowOptions) => {
      const fake: FakeWindow = {
        options: windowOptions,
        html: '',
        htmlMode: 0,
        loadedFrom: '',
        destroyed: false,
        openHandler: null,
        navigate: null,
        printOptions: null,
      };
      windows.push(fake);
      const window: PrintWindow = {
        loadFile: async (file) => {
          fake.loadedFrom = file;
          fake.html = readFileSync(file, 'utf8');
          fake.htmlMode = statSync(file).mode & 0o777;
        },
        destroy: () => {
          fake.destroyed = true;
        },
        webContents: {
          setWindowOpenHandler: (handler) => {
            fake.openHandler = handler;
          },
          on: (_event, listener) => {
            fake.navigate = listener;
          },
          executeJavaScript: async () => options.missingFonts ?? [],
          printToPDF: async (printOptions) => {
            fake.printOptions = printOptions;
            if (options.failPrint) throw new Error('the printer went away');
            return PDF;
          },
        },
      };
      return window;
    },
    showSaveDialog: async (owner, dialogOptions) => {
      dialogs.push({
        owner,
        defaultPath: dialogOptions.defaultPath,
        extensions: dialogOptions.filters.flatMap((filter) => filter.extensions),
      });
      return options.savePath ? { canceled: false, filePath: options.savePath } : { canceled: true };
    },
  };
  return { pieces, windows, dialogs };
}

const open: Array<{ services: Services; remove: () => void }> = [];
afterEach(async () => {
  for (const entry of open.splice(0)) {
    await entry.services.close();
    entry.remove();
  }
});

async function desktopExport(electron: ReturnType<typeof fakeElectron>) {
  const dir = tempDir('veldwerk-export-electron-');
  const services = startServices({
    profileDir: dir.dir,
    key: testProfileKey(dir.dir),
    transport: 'ipc',
    backgroundSync: false,
    exportHost: electronExportHost(electron.pieces, () => 'main-window'),
  });
  open.push({ services, remove: dir.remove });
  const { report } = await plantedReport(services);
  const review = await call(services, 'export.review', { reportId: report.id });
  const seen = new Set<string>();
  for (const hit of review.hits) {
    if (seen.has(hit.key)) continue;
    seen.add(hit.key);
    await call(services, 'export.decide', {
      reportId: report.id,
      key: hit.key,
      kind: hit.kind,
      term: hit.text,
      decision: { action: 'replace', replacement: hit.suggestions[0] ?? '[weg]' },
    });
  }
  const { jobId } = await call(services, 'export.start', {
    reportId: report.id,
    format: 'pdf',
    teamName: 'Team Inburgering',
    destination: 'dialog',
  });
  return until(
    () => call(services, 'jobs.reportExport', { jobId }),
    (job) => job.state !== 'running',
    'the export job',
  );
}

describe('the Electron export host', () => {
  const out = tempDir('veldwerk-export-electron-out-');
  afterAll(() => out.remove());

  it('asks where to save, prints the anonymised print view in a hidden sandboxed window, and saves the PDF', async () => {
    const target = path.join(out.dir, 'rapport.pdf');
    const electron = fakeElectron({ savePath: target, missingFonts: ['Calibri'] });
    const job = await desktopExport(electron);
    expect(job.state, job.error ?? '').toBe('done');
    expect(job.result).toMatchObject({ path: target, base64: null, cancelled: false, bytes: PDF.byteLength });
    // Calibri is missing: the PDF says which font it is set in instead.
    expect(job.result?.fontFallback).toEqual({ missing: 'Calibri', used: 'Carlito' });
    expect(readFileSync(target)).toEqual(Buffer.from(PDF));
    expect(electron.dialogs).toEqual([
      { owner: 'main-window', defaultPath: 'Sectorhoofdstuk-Integratiecentra.pdf', extensions: ['pdf'] },
    ]);
    const [window] = electron.windows;
    if (!window) throw new Error('no print window');
    expect(window.options).toEqual({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false },
    });
    expect(window.printOptions).toEqual({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    expect(window.openHandler?.()).toEqual({ action: 'deny' });
    let prevented = false;
    window.navigate?.({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    // The print view it loaded: the report with the labels in place, from a private temporary file, removed after.
    expect(window.html).toContain('Wie zijn ze?');
    expect(window.html).toContain('een van de integratiecentra');
    for (const name of PLANTED) expect(window.html, name).not.toContain(name);
    expect(window.htmlMode).toBe(0o600);
    expect(existsSync(path.dirname(window.loadedFrom))).toBe(false);
    expect(window.destroyed).toBe(true);
    expect(readdirSync(out.dir).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('renders and writes nothing when the save dialog is cancelled', async () => {
    const electron = fakeElectron({ savePath: null });
    const job = await desktopExport(electron);
    expect(job.state).toBe('done');
    expect(job.result).toMatchObject({ cancelled: true, path: null, base64: null });
    expect(electron.windows).toEqual([]);
  });

  it('fails without touching an earlier file when printing fails halfway', async () => {
    const target = path.join(out.dir, 'eerder.pdf');
    writeFileSync(target, 'de vorige export');
    const electron = fakeElectron({ savePath: target, failPrint: true });
    const job = await desktopExport(electron);
    expect(job.state).toBe('failed');
    expect(job.error).toContain('the printer went away');
    expect(readFileSync(target, 'utf8')).toBe('de vorige export');
    expect(readdirSync(out.dir).filter((name) => name.endsWith('.part'))).toEqual([]);
    const [window] = electron.windows;
    expect(window?.destroyed).toBe(true);
    expect(existsSync(path.dirname(window?.loadedFrom ?? '/nonexistent'))).toBe(false);
  });
});
