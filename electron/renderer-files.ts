import path from 'node:path';
import { APP_HOST } from '../shared/contract/constants';

/**
 * Maps an app://veldwerk/... URL to a file of the built renderer. Answers null for anything
 * outside the renderer folder (path traversal, another host), so the protocol handler can 404 it.
 * Kept free of Electron imports so it is unit-tested in Node.
 */
export function resolveRendererFile(rendererDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

/** External links the app may hand to the system browser; everything else is denied. */
export const EXTERNAL_LINK_ALLOWLIST: readonly string[] = ['https://www.onderwijsinspectie.be/'];

export function isAllowedExternalLink(url: string): boolean {
  return EXTERNAL_LINK_ALLOWLIST.some((prefix) => url.startsWith(prefix));
}
