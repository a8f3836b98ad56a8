// Transport constants, in a module of their own so that the sandboxed preload can import them
// without pulling in zod and the schemas.

/** The Electron IPC channel that carries every contract call. */
export const IPC_INVOKE_CHANNEL = 'veldwerk:invoke';
/** The HTTP path of the browser-mode bridge. */
export const BRIDGE_INVOKE_PATH = '/api/invoke';
/** The header that carries the per-launch bridge token. */
export const BRIDGE_TOKEN_HEADER = 'x-veldwerk-token';
/** The custom scheme and host the Electron window loads the renderer from. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'veldwerk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The Content-Security-Policy of every renderer page, in Electron (app://) and in browser mode. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The Electron IPC channel on which main pushes change events to the window (shared/contract/events.ts). */
export const IPC_EVENTS_CHANNEL = 'veldwerk:events';
/** The browser-mode bridge's server-sent events stream of change events. */
export const BRIDGE_EVENTS_PATH = '/api/events';
