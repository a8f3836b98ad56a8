import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isOwnSender, navigationAllowed, type FrameLike } from './guards';

describe('navigation guard', () => {
  it('allows only the app’s own pages', () => {
    expect(navigationAllowed('app://veldwerk/index.html')).toBe(true);
    expect(navigationAllowed('app://veldwerk/#/campaigns/c1')).toBe(true);
    for (const url of [
      'https://evil.example/',
      'app://veldwerk.evil/index.html',
      'app://evil/',
      'file:///etc/passwd',
      'app://user:pw@veldwerk/',
      'javascript:alert(1)',
      'not a url',
      '',
    ]) {
      expect(navigationAllowed(url), url).toBe(false);
    }
  });
});

describe('IPC sender check', () => {
  const contents = { id: 1 };
  const top: FrameLike = { url: 'app://veldwerk/index.html', parent: null };

  it('accepts the main window’s top frame on an app page', () => {
    expect(isOwnSender({ sender: contents, senderFrame: top }, contents)).toBe(true);
  });

  it('refuses an iframe, even one of the app’s origin, another window, another page, or no frame', () => {
    expect(
      isOwnSender({ sender: contents, senderFrame: { url: 'app://veldwerk/index.html', parent: top } }, contents),
    ).toBe(false);
    expect(isOwnSender({ sender: { id: 2 }, senderFrame: top }, contents)).toBe(false);
    expect(
      isOwnSender({ sender: contents, senderFrame: { url: 'https://evil.example/', parent: null } }, contents),
    ).toBe(false);
    expect(isOwnSender({ sender: contents, senderFrame: null }, contents)).toBe(false);
    expect(isOwnSender({ sender: contents, senderFrame: top }, null)).toBe(false);
  });
});

describe('packaging', () => {
  it('flips the security fuses in electron-builder.yml', () => {
    // The YAML is flat here: read the top-level `asar` and the indented keys of `electronFuses`.
    const text = readFileSync(path.resolve(import.meta.dirname, '../electron-builder.yml'), 'utf8');
    expect(text).toMatch(/^asar: true$/m);
    const block = /^electronFuses:\n((?: {2}\w+: (?:true|false)\n?)+)/m.exec(text)?.[1] ?? '';
    const fuses = Object.fromEntries(
      [...block.matchAll(/^ {2}(\w+): (true|false)$/gm)].map((match) => [match[1], match[2] === 'true']),
    );
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
