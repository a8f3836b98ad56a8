import { spawn } from 'node:child_process';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_INVOKE_PATH, BRIDGE_TOKEN_HEADER } from '../../shared/contract/constants';
import { BridgeHostError, startBridge } from '../../web/bridge';
import { tempDir, testPassphraseEnv } from '../support/profile';
import { startWebApp, type WebApp } from '../support/web-app';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** POSTs campaigns.list to a bridge with a given Host header (fetch cannot set Host). */
async function statusWithHost(bridgeUrl: string, host: string, token: string): Promise<number> {
  const url = new URL(bridgeUrl);
  return new Promise<number>((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: BRIDGE_INVOKE_PATH,
        method: 'POST',
        headers: { host, 'content-type': 'application/json', [BRIDGE_TOKEN_HEADER]: token },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ channel: 'campaigns.list' }));
  });
}

describe('browser-mode HTTP bridge', () => {
  const profile = tempDir('veldwerk-bridge-');
  let app: WebApp;

  beforeAll(async () => {
    app = await startWebApp(profile.dir, { staticDir: null });
  });

  afterAll(async () => {
    await app.stop();
    profile.remove();
  });

  function invoke(body: unknown, headers: Record<string, string> = { [BRIDGE_TOKEN_HEADER]: app.bridge.token }) {
    return fetch(`${app.bridge.url}${BRIDGE_INVOKE_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  it('listens on loopback with a random per-launch token', () => {
    expect(app.bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(app.bridge.token.length).toBeGreaterThanOrEqual(40);
    expect(app.bridge.openUrl).toBe(`${app.bridge.url}/#token=${app.bridge.token}`);
  });

  it('refuses requests without the token or with a wrong one, and stores nothing', async () => {
    for (const headers of [
      {},
      { [BRIDGE_TOKEN_HEADER]: 'guess' },
      { [BRIDGE_TOKEN_HEADER]: `${app.bridge.token}x` },
    ] as Record<string, string>[]) {
      const response = await invoke(
        { channel: 'campaigns.create', payload: { name: 'Stiekem', workingYear: '2025-2026' } },
        headers,
      );
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        ok: false,
        error: { code: 'UNAUTHORIZED', message: `Missing or wrong ${BRIDGE_TOKEN_HEADER} header` },
      });
    }
    const list = await (await invoke({ channel: 'campaigns.list' })).json();
    expect(list).toEqual({ ok: true, value: [] });
  });

  it('answers the same envelope as IPC: value, unknown channel, invalid payload', async () => {
    const created = await (
      await invoke({ channel: 'campaigns.create', payload: { name: 'Gent', workingYear: '2025-2026' } })
    ).json();
    expect(created).toMatchObject({ ok: true, value: { name: 'Gent', workingYear: '2025-2026' } });

    const unknown = await invoke({ channel: 'campaigns.dropAll', payload: {} });
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown channel: "campaigns.dropAll"' },
    });

    const invalid = await (
      await invoke({ channel: 'campaigns.create', payload: { name: 'X', workingYear: '2025' } })
    ).json();
    expect(invalid).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', issues: [{ path: 'workingYear', key: 'errors.fields.workingYearFormat' }] },
    });
  });

  it('refuses malformed, mis-shaped and oversized bodies with a clear error', async () => {
    const badJson = await invoke('{"channel": ');
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const extraField = await invoke({ channel: 'campaigns.list', sneaky: true });
    expect(extraField.status).toBe(400);

    const noChannel = await invoke({ payload: {} });
    expect(noChannel.status).toBe(400);

    const huge = await invoke({
      channel: 'campaigns.create',
      payload: { name: 'x'.repeat(17 * 1024 * 1024), workingYear: '2025-2026' },
    });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Request body too large' },
    });

    const list = await (await invoke({ channel: 'campaigns.list' })).json();
    expect(list.value.map((campaign: { name: string }) => campaign.name)).toEqual(['Gent']);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    expect(await statusWithHost(app.bridge.url, 'evil.example', app.bridge.token)).toBe(403);
  });

  it('refuses a channel that is not a string instead of coercing it', async () => {
    for (const channel of [['app.info'], 42, { name: 'app.info' }, null, true]) {
      const response = await invoke({ channel, payload: {} });
      expect(response.status, JSON.stringify(channel)).toBe(400);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(await (await invoke({ channel: 'app.info', payload: {} })).json()).toMatchObject({ ok: true });
  });

  it('keeps the Host check on every loopback bind, also when --host names one', async () => {
    for (const host of ['127.0.0.1', 'localhost']) {
      const bridge = await startBridge({ dispatch: app.services.dispatch, host, allowRemoteHost: true });
      try {
        const port = new URL(bridge.url).port;
        expect(await statusWithHost(bridge.url, 'evil.example', bridge.token), host).toBe(403);
        expect(await statusWithHost(bridge.url, `evil.example:${port}`, bridge.token), host).toBe(403);
        expect(await statusWithHost(bridge.url, `localhost:${port}`, bridge.token), host).toBe(200);
        expect(await statusWithHost(bridge.url, `127.0.0.1:${port}`, bridge.token), host).toBe(200);
      } finally {
        await bridge.close();
      }
    }
  });

  it('refuses a non-loopback bind unless the host was named explicitly', async () => {
    await expect(startBridge({ dispatch: app.services.dispatch, host: '0.0.0.0' })).rejects.toThrow(BridgeHostError);
    await expect(startBridge({ dispatch: app.services.dispatch, host: '0.0.0.0' })).rejects.toThrow(
      /pass --host explicitly/,
    );
  });
});

describe('veldwerk command', () => {
  function run(
    args: string[],
    options: { timeoutMs?: number; until?: RegExp } = {},
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'bin/veldwerk.mjs'), ...args], {
        cwd: ROOT,
        env: { ...process.env, VELDWERK_PROFILE: '', ...testPassphraseEnv() },
      });
      let stdout = '';
      let stderr = '';
      const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (options.until?.test(stdout)) child.kill('SIGINT');
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  }

  it('prints its version and help', async () => {
    const version = await run(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: '0.1.0\n' });
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: veldwerk <command>');
    expect(help.stdout).toContain('web');
  });

  it('refuses unknown commands and bad options with exit code 2', async () => {
    const unknown = await run(['teleport']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "teleport"');
    const badPort = await run(['web', '--port', 'x']);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('--port must be a whole number');
    const badOption = await run(['web', '--colour', 'blue']);
    expect(badOption.code).toBe(2);
  });

  it('starts browser mode on a profile, prints the link, and stops on Ctrl+C', async () => {
    const profile = tempDir('veldwerk-cli-web-');
    try {
      const result = await run(
        ['web', '--profile', profile.dir, '--renderer', path.join(ROOT, 'tests/support/fixtures/renderer')],
        { until: /Press Ctrl\+C/ },
      );
      expect(result.stdout).toContain(`profile: ${profile.dir}`);
      expect(result.stdout).toMatch(/open: {4}http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{40,}/);
      expect(result.code, result.stderr).toBe(0);
    } finally {
      profile.remove();
    }
  });
});
