import os from 'node:os';
import path from 'node:path';

/**
 * The folder where Electron keeps the app's data ("userData"), computed the same way without
 * Electron so that browser mode and the CLI open the same default profile as the desktop app.
 */
export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Veldwerk');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Veldwerk');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Veldwerk');
}

/** The default profile: $VELDWERK_PROFILE, else <userData>/profile. */
export function defaultProfileDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.VELDWERK_PROFILE ?? path.join(appDataDir(env), 'profile');
}
