import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_EVENTS_PATH, BRIDGE_INVOKE_PATH, BRIDGE_TOKEN_HEADER } from '../../shared/contract/constants';
import type { AppEvent } from '../../shared/contract/events';
import type { SyncView } from '../../shared/contract/sync';
import { openBridgeStream, type StreamEvent } from '../../renderer/src/data/events';
import { tempDir } from '../support/profile';
import { startWebApp, type WebApp } from '../support/web-app';

/** Change events from the services to the page over the browser-mode bridge (server-sent events). */
describe('change events over the bridge', () => {
  const profile = tempDir('veldwerk-events-');
  let app: WebApp;

  beforeAll(async () => {
    app = await startWebApp(profile.dir, { staticDir: null });
  });

  afterAll(async () => {
    await app.stop();
    profile.remove();
  });

  async function invoke(channel: string, payload: unknown): Promise<{ ok: boolean; value?: unknown }> {
    const response = await fetch(`${app.bridge.url}${BRIDGE_INVOKE_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [BRIDGE_TOKEN_HEADER]: app.bridge.token },
      body: JSON.stringify({ channel, payload }),
    });
    return (await response.json()) as { ok: boolean; value?: unknown };
  }

  /** The renderer's own stream reader, pointed at the bridge. */
  function listen(token: string | null = app.bridge.token): {
    events: StreamEvent[];
    next: (match: (event: StreamEvent) => boolean) => Promise<StreamEvent>;
    stop: () => void;
  } {
    const events: StreamEvent[] = [];
    const waiters: Array<{ match: (event: StreamEvent) => boolean; resolve: (event: StreamEvent) => void }> = [];
    const stop = openBridgeStream(
      (event) => {
        events.push(event);
        for (const waiter of [...waiters]) {
          if (waiter.match(event)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(event);
          }
        }
      },
      { token, fetch: (input, init) => fetch(`${app.bridge.url}${String(input)}`, init), retryDelayMs: () => 50 },
    );
    const next = (match: (event: StreamEvent) => boolean) => {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise<StreamEvent>((resolve) => waiters.push({ match, resolve }));
    };
    return { events, next, stop };
  }

  it('pushes a local write as one changes event after it is stored', async () => {
    const stream = listen();
    await stream.next((event) => event.type === 'resync');
    const created = (await invoke('campaigns.create', { name: 'Gent', workingYear: '2025-2026' })) as {
      ok: true;
      value: { id: string };
    };
    expect(created.ok).toBe(true);
    const event = (await stream.next(
      (candidate) => candidate.type === 'changes' && candidate.campaigns.includes(created.value.id),
    )) as AppEvent;
    expect(event).toMatchObject({ type: 'changes', source: 'local', campaigns: [created.value.id], truncated: false });
    if (event.type !== 'changes') throw new Error('not a changes event');
    expect(event.tables).toContain('campaigns');
    expect(event.rows).toContainEqual({ table: 'campaigns', id: created.value.id });
    stream.stop();
  });

  it('pushes local state changes (who uses the profile) as local events', async () => {
    const list = (await invoke('campaigns.list', {})) as { value: Array<{ id: string }> };
    const campaignId = list.value[0]?.id as string;
    const member = (await invoke('members.add', {
      campaignId,
      name: 'An Peeters',
      email: '',
      isInspector: true,
      isTeamLead: false,
      coordinatorOf: [],
      sectorLeadOf: [],
    })) as { ok: boolean; value: { id: string } };
    expect(member.ok).toBe(true);
    const stream = listen();
    await stream.next((event) => event.type === 'resync');
    expect((await invoke('identity.set', { campaignId, memberId: member.value.id })).ok).toBe(true);
    expect(await stream.next((event) => event.type === 'local')).toEqual({
      type: 'local',
      topic: 'identity',
      campaign: campaignId,
    });
    stream.stop();
  });

  it('pushes the sync status whole when a write changes the count of changes to send', async () => {
    const stream = listen();
    await stream.next((event) => event.type === 'resync');
    const before = (await invoke('sync.status', {})) as { value: SyncView };
    expect((await invoke('campaigns.create', { name: 'Brugge', workingYear: '2025-2026' })).ok).toBe(true);
    const after = (await invoke('sync.status', {})) as { value: SyncView };
    expect(after.value.pendingChanges).toBeGreaterThan(before.value.pendingChanges);
    // The event carries what sync.status answers now (validated by the renderer's reader on the way).
    const event = await stream.next(
      (candidate) => candidate.type === 'sync' && candidate.status.pendingChanges === after.value.pendingChanges,
    );
    expect(event).toEqual({ type: 'sync', status: after.value });
    expect(after.value.state).toBe('not-configured');
    // Told once per change: the same status is not sent again on the next unrelated event.
    const told = stream.events.filter((candidate) => candidate.type === 'sync').length;
    expect((await invoke('sync.now', {})).ok).toBe(false);
    expect(stream.events.filter((candidate) => candidate.type === 'sync')).toHaveLength(told);
    stream.stop();
  });

  it('refuses the stream without the token, and for another host name', async () => {
    const response = await fetch(`${app.bridge.url}${BRIDGE_EVENTS_PATH}`);
    expect(response.status).toBe(401);
    await response.text();
    const wrong = await fetch(`${app.bridge.url}${BRIDGE_EVENTS_PATH}`, {
      headers: { [BRIDGE_TOKEN_HEADER]: 'guess' },
    });
    expect(wrong.status).toBe(401);
    await wrong.text();
    const url = new URL(app.bridge.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: BRIDGE_EVENTS_PATH,
          headers: { host: 'evil.example', [BRIDGE_TOKEN_HEADER]: app.bridge.token },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('ends open streams when the bridge closes', async () => {
    const other = await startWebApp(tempDir('veldwerk-events-close-').dir, { staticDir: null });
    const response = await fetch(`${other.bridge.url}${BRIDGE_EVENTS_PATH}`, {
      headers: { [BRIDGE_TOKEN_HEADER]: other.bridge.token },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body?.getReader();
    await reader?.read();
    await other.stop();
    let done = false;
    while (!done) done = (await reader?.read())?.done ?? true;
    expect(done).toBe(true);
  });
});
