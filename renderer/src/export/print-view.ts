import type { PrintView } from '../../../shared/export/html';

/**
 * Opens the print view of a report in a new window for the browser's own print (browser mode).
 * The window has the app's origin and so its Content-Security-Policy, which refuses inline
 * styles (Chromium applies it even to a DOMParser document): the view comes in parts, its body
 * without any style, and its CSS is adopted as a constructed style sheet, which the policy does
 * not govern.
 */
export function openPrintView(view: PrintView): boolean {
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${view.body}</body>`, 'text/html');
  const target = window.open('', '_blank');
  if (!target) return false;
  target.document.title = view.title;
  target.document.documentElement.lang = view.language;
  target.document.body.replaceChildren(
    ...[...parsed.body.childNodes].map((node) => target.document.importNode(node, true)),
  );
  const sheet = new (target as Window & typeof globalThis).CSSStyleSheet();
  sheet.replaceSync(view.css);
  target.document.adoptedStyleSheets = [sheet];
  target.focus();
  target.print();
  return true;
}
