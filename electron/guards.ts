import { APP_ORIGIN } from '../shared/contract/constants';

/**
 * The Electron shell's security decisions as pure functions (unit-tested without Electron):
 * which URLs the window may show, and which IPC senders may call the services.
 */

const APP = new URL(`${APP_ORIGIN}/`);

/** True for a URL of the app's own renderer (app://veldwerk/…), parsed, not prefix-matched. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === APP.protocol && parsed.host === APP.host && parsed.username === '' && parsed.password === ''
    );
  } catch {
    return false;
  }
}

/**
 * Whether a navigation of the window (will-navigate, will-redirect, will-frame-navigate: a
 * top-level or frame navigation, or a server redirect) may go ahead: only to the app's own pages.
 * Links to the outside go through the window-open handler to the system browser instead.
 */
export function navigationAllowed(url: string): boolean {
  return isAppUrl(url);
}

/** The parts of Electron's WebFrameMain the sender check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
}

/**
 * An IPC call is the window's own when it comes from the main window's web contents, from its
 * top frame (not an iframe, even one of the app's origin), showing a page of the app.
 */
export function isOwnSender(
  event: { readonly sender: unknown; readonly senderFrame: FrameLike | null },
  mainContents: unknown,
): boolean {
  const frame = event.senderFrame;
  return (
    mainContents !== null &&
    event.sender === mainContents &&
    frame !== null &&
    frame.parent === null &&
    isAppUrl(frame.url)
  );
}
