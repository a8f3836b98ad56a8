import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDemo } from '../../db/demo/demo';
import { tempDir, openTestProfile, testPassphraseEnv } from '../support/profile';

// `veldwerk duo` as two people use it on two laptops (two processes on 127.0.0.1): pair by
// comparing the code, then sync; both answer on their own keyboard (stdin).

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

interface Running {
  readonly child: ChildProcessWithoutNullStreams;
  output: string;
  readonly exit: Promise<number>;
}

function veldwerk(args: string[]): Running {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/veldwerk.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, VELDWERK_PROFILE: '', ...testPassphraseEnv() },
  });
  const running: Running = {
    child,
    output: '',
    exit: new Promise((resolve) => child.on('close', (code) => resolve(code ?? -1))),
  };
  child.stdout.on('data', (data: Buffer) => (running.output += data.toString()));
  child.stderr.on('data', (data: Buffer) => (running.output += data.toString()));
  cleanups.push(() => child.kill());
  return running;
}

async function until(running: Running, pattern: RegExp): Promise<RegExpExecArray> {
  for (let i = 0; i < 600; i += 1) {
    const match = pattern.exec(running.output);
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${pattern} in: ${running.output}`);
}

describe('veldwerk duo', () => {
  it('pairs two laptops by the code on both screens, then syncs a campaign across', async () => {
    const temp = tempDir('veldwerk-duo-cli-');
    cleanups.push(temp.remove);
    const a = path.join(temp.dir, 'a');
    const b = path.join(temp.dir, 'b');
    const seeded = openTestProfile(a);
    generateDemo(seeded.store, { size: 'small', laptopSigned: true });
    const campaign = seeded.store.list('campaigns')[0]!;
    seeded.close();

    const listening = veldwerk(['duo', 'listen', '--profile', b, '--pair']);
    const port = (await until(listening, /Waiting for the partner at 127\.0\.0\.1:(\d+)/))[1]!;
    const connecting = veldwerk(['duo', 'connect', '--profile', a, '--address', `127.0.0.1:${port}`, '--pair']);
    const codeA = (await until(connecting, /Pairing code: (\d{6})/))[1];
    const codeB = (await until(listening, /Pairing code: (\d{6})/))[1];
    expect(codeB).toBe(codeA);
    connecting.child.stdin.write('j\n');
    listening.child.stdin.write('j\n');
    expect(await connecting.exit).toBe(0);
    expect(await listening.exit).toBe(0);
    expect(connecting.output).toMatch(/Paired with/);

    const syncListen = veldwerk(['duo', 'listen', '--profile', b]);
    const syncPort = (await until(syncListen, /at 127\.0\.0\.1:(\d+)/))[1]!;
    const sync = veldwerk(['duo', 'connect', '--profile', a, '--address', `127.0.0.1:${syncPort}`]);
    expect(await sync.exit).toBe(0);
    expect(await syncListen.exit).toBe(0);
    expect(sync.output).toMatch(/Synced with .*: received \d+ changes .*sent \d+ \(\d+ new there\)/);
    const arrived = openTestProfile(b);
    try {
      expect(arrived.store.get('campaigns', campaign.id)?.name).toBe(campaign.name);
    } finally {
      arrived.close();
    }

    const peers = veldwerk(['duo', 'peers', '--profile', b]);
    expect(await peers.exit).toBe(0);
    expect(peers.output).toMatch(/paired 20\d\d-/);
    const bad = veldwerk(['duo', 'connect', '--profile', a, '--address', 'nowhere']);
    expect(await bad.exit).toBe(2);
    expect(bad.output).toMatch(/--address must be HOST:PORT/);
  });
});
