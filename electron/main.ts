// The Electron shell: a window, the app:// protocol, security handlers and the IPC router.
// No business logic lives here: every call goes through services/dispatch like in browser mode.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, app, dialog, ipcMain, net, protocol, session, shell, type IpcMainInvokeEvent } from 'electron';
import {
  APP_ORIGIN,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  IPC_EVENTS_CHANNEL,
  IPC_INVOKE_CHANNEL,
} from '../shared/contract/constants';
import { fail } from '../shared/contract/result';
import { defaultProfileDir } from '../services/paths';
import { ProfileSession } from '../services/vault/session';
import { electronExportHost } from './export-host';
import { isOwnSender, navigationAllowed } from './guards';
import { osKeyring } from './keyring';
import { isAllowedExternalLink, resolveRendererFile } from './renderer-files';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

const appRoot = app.getAppPath();
const rendererDir = path.join(appRoot, 'dist', 'renderer');
const preloadFile = path.join(appRoot, 'dist-electron', 'preload.cjs');

function profileDirFromArgs(): string {
  const { values } = parseArgs({
    args: process.argv.slice(app.isPackaged ? 1 : 2),
    options: { profile: { type: 'string' } },
    strict: false,
    allowPositionals: true,
  });
  if (typeof values.profile === 'string') return path.resolve(values.profile);
  // The same default as browser mode and the CLI: $VELDWERK_PROFILE, else <userData>/profile.
  return path.resolve(defaultProfileDir(process.env));
}

/** In development the SQLite (Multiple Ciphers) copy rebuilt for Electron's ABI (scripts/electron-native.mjs); packaged apps are rebuilt by electron-builder. */
function nativeBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const file = path.join(appRoot, '.electron-native', 'better_sqlite3_multiple_ciphers.node');
  return existsSync(file) ? file : undefined;
}

let mainWindow: BrowserWindow | null = null;
let services: ProfileSession | null = null;

/** The main window's top frame on an app:// page (electron/guards.ts). */
function fromMainWindow(event: IpcMainInvokeEvent): boolean {
  return isOwnSender({ sender: event.sender, senderFrame: event.senderFrame }, mainWindow?.webContents ?? null);
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Veldwerk',
    show: false,
    webPreferences: {
      preload: preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: true,
      // DevTools only in development: in a packaged build they would let anyone at the laptop
      // call every service and read the profile through the window.
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  // Every way the window or one of its frames could leave the app: links, form posts, server
  // redirects and frame navigations. Only the app's own pages load (electron/guards.ts).
  window.webContents.on('will-navigate', (event) => {
    if (!navigationAllowed(event.url)) event.preventDefault();
  });
  window.webContents.on('will-redirect', (event) => {
    if (!navigationAllowed(event.url)) event.preventDefault();
  });
  window.webContents.on('will-frame-navigate', (event) => {
    if (!navigationAllowed(event.url)) event.preventDefault();
  });
  if (app.isPackaged) window.webContents.on('devtools-opened', () => window.webContents.closeDevTools());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

void app.whenReady().then(async () => {
  // The profile starts locked: the window's first screen unlocks it (OS keyring or passphrase)
  // or, on first run, asks how to protect it (services/vault/session.ts).
  services = new ProfileSession({
    profileDir: profileDirFromArgs(),
    transport: 'ipc',
    keyring: await osKeyring(),
    ...(nativeBinding() ? { nativeBinding: nativeBinding() as string } : {}),
    onInternalError: (channel, error) => console.error(`error in ${channel}:`, error),
    exportHost: electronExportHost<BrowserWindow>(
      {
        createWindow: (options) => new BrowserWindow(options),
        showSaveDialog: (owner, options) =>
          owner ? dialog.showSaveDialog(owner, options) : dialog.showSaveDialog(options),
      },
      () => mainWindow,
    ),
  });
  const dispatch = services.dispatch;

  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveRendererFile(rendererDir, request.url);
    if (!file || !existsSync(file)) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', CONTENT_SECURITY_POLICY);
    headers.set('x-content-type-options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });

  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, channel: unknown, payload: unknown) => {
    if (!fromMainWindow(event)) return fail('FORBIDDEN', 'Calls are only accepted from the Veldwerk window');
    return dispatch(channel, payload);
  });

  // Change events go to the main window only, and only while it shows our own app:// page
  // (the same rule as isOwnSender for calls).
  services.events.subscribe((event) => {
    const contents = mainWindow?.webContents;
    if (contents && !contents.isDestroyed() && contents.getURL().startsWith(`${APP_ORIGIN}/`))
      contents.send(IPC_EVENTS_CHANNEL, event);
  });

  mainWindow = createWindow();
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Stop the background sync and close the profile before the process ends.
app.on('will-quit', (event) => {
  const closing = services;
  if (!closing) return;
  services = null;
  event.preventDefault();
  void closing.close().finally(() => app.quit());
});
