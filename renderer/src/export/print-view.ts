/**
 * Opens the print view of a report in a new window for the browser's own print (browser mode).
 * The page's Content-Security-Policy forbids inline <style>, so the print view's CSS is applied
 * as a constructed style sheet (CSSOM), which the policy does not govern.
 */
export function openPrintView(html: string): boolean {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const css = [...parsed.querySelectorAll('style')].map((style) => style.textContent ?? '').join('\n');
  const target = window.open('', '_blank');
  if (!target) return false;
  target.document.title = parsed.title;
  target.document.documentElement.lang = parsed.documentElement.lang;
  target.document.body.replaceChildren(
    ...[...parsed.body.childNodes].map((node) => target.document.importNode(node, true)),
  );
  const sheet = new (target as Window & typeof globalThis).CSSStyleSheet();
  sheet.replaceSync(css);
  target.document.adoptedStyleSheets = [sheet];
  target.focus();
  target.print();
  return true;
}
