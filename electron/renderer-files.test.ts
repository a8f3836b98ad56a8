import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAllowedExternalLink, resolveRendererFile } from './renderer-files';

const root = path.resolve('/opt/veldwerk/dist/renderer');

describe('app:// protocol file mapping', () => {
  it('maps the root and assets inside the renderer folder', () => {
    expect(resolveRendererFile(root, 'app://veldwerk/')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://veldwerk/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://veldwerk/assets/index-abc.js')).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
  });

  it('refuses traversal, other hosts and garbage', () => {
    // The URL parser already folds "..": the request stays inside the renderer folder.
    expect(resolveRendererFile(root, 'app://veldwerk/../../etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    expect(resolveRendererFile(root, 'app://veldwerk/..%2f..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveRendererFile(root, 'app://veldwerk/assets/%00.js')).toBeNull();
    expect(resolveRendererFile(root, 'app://evil/index.html')).toBeNull();
    expect(resolveRendererFile(root, 'not a url')).toBeNull();
    expect(resolveRendererFile(root, 'app://veldwerk/%E0%A4%A')).toBeNull();
  });

  it('hands only allowlisted links to the system browser', () => {
    expect(isAllowedExternalLink('https://www.onderwijsinspectie.be/nl')).toBe(true);
    expect(isAllowedExternalLink('https://evil.example/')).toBe(false);
    expect(isAllowedExternalLink('file:///etc/passwd')).toBe(false);
  });
});
