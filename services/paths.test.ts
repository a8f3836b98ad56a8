import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appDataDir, defaultProfileDir } from './paths';

// The desktop app, browser mode and the CLI all open this default profile (electron/main.ts too).
describe('the default profile folder', () => {
  it('is $VELDWERK_PROFILE when it is set', () => {
    expect(defaultProfileDir({ VELDWERK_PROFILE: '/data/veldwerk-anna' })).toBe('/data/veldwerk-anna');
  });

  it("is otherwise the profile folder in Electron's userData for the platform", () => {
    const home = os.homedir();
    expect(defaultProfileDir({ XDG_CONFIG_HOME: '/cfg' })).toBe(
      process.platform === 'linux' ? path.join('/cfg', 'Veldwerk', 'profile') : path.join(appDataDir({}), 'profile'),
    );
    expect(appDataDir({}, 'linux')).toBe(path.join(home, '.config', 'Veldwerk'));
    expect(appDataDir({}, 'darwin')).toBe(path.join(home, 'Library', 'Application Support', 'Veldwerk'));
    expect(appDataDir({ APPDATA: 'C:\\Users\\anna\\AppData\\Roaming' }, 'win32')).toBe(
      path.join('C:\\Users\\anna\\AppData\\Roaming', 'Veldwerk'),
    );
  });
});
