import { act, renderHook, waitFor } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contract/result';
import type * as ApiModule from '../../renderer/src/api';
import type * as ProviderModule from '../../renderer/src/data/DataProvider';
import type * as PlanningModule from '../../renderer/src/data/planning';
import type * as QueriesModule from '../../renderer/src/data/queries';
import type * as SyncModule from '../../renderer/src/data/sync';
import type * as WakeModule from '../../renderer/src/data/wake';

/**
 * The converted hooks over the real renderer modules, with the Electron transport played by a
 * fake preload (the boundary): answers per channel, and a push function for change events.
 */
const answers = new Map<string, (payload: unknown) => unknown>();
const calls: Array<{ channel: string; payload: unknown }> = [];
const listeners = new Set<(event: unknown) => void>();
const push = (event: unknown) => {
  for (const listener of [...listeners]) listener(event);
};

Object.defineProperty(window, 'veldwerk', {
  value: {
    invoke: async (channel: string, payload: unknown): Promise<Result<unknown>> => {
      calls.push({ channel, payload });
      const answer = answers.get(channel);
      return answer
        ? { ok: true, value: answer(payload) }
        : { ok: false, error: { code: 'NOT_FOUND', message: `no ${channel}` } };
    },
    subscribe: (listener: (event: unknown) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  },
});

type Modules = {
  DataProvider: typeof ProviderModule.DataProvider;
  useContractQuery: typeof QueriesModule.useContractQuery;
  createQueryClient: typeof QueriesModule.createQueryClient;
  useSyncStatus: typeof SyncModule.useSyncStatus;
  usePlanningData: typeof PlanningModule.usePlanningData;
  wakeOn: typeof WakeModule.wakeOn;
  isJobEvent: typeof WakeModule.isJobEvent;
  api: typeof ApiModule.api;
};
let m: Modules;

beforeAll(async () => {
  // Imported after the fake preload is in place: api.ts picks its transport at load.
  const [provider, queries, sync, planning, wake, api] = await Promise.all([
    import('../../renderer/src/data/DataProvider'),
    import('../../renderer/src/data/queries'),
    import('../../renderer/src/data/sync'),
    import('../../renderer/src/data/planning'),
    import('../../renderer/src/data/wake'),
    import('../../renderer/src/api'),
  ]);
  m = {
    DataProvider: provider.DataProvider,
    ...queries,
    useSyncStatus: sync.useSyncStatus,
    usePlanningData: planning.usePlanningData,
    wakeOn: wake.wakeOn,
    isJobEvent: wake.isJobEvent,
    api: api.api,
  };
});

function wrapper() {
  const client = m.createQueryClient();
  return ({ children }: { children: ReactNode }) => createElement(m.DataProvider, { client, children });
}

const changes = (tables: string[], campaigns: string[]) => ({
  type: 'changes',
  source: 'server',
  campaigns,
  tables,
  rows: [],
  truncated: false,
});
const countOf = (channel: string) => calls.filter((call) => call.channel === channel).length;

describe('data layer hooks', () => {
  it('reads a channel through api.invoke and reads again when a change event touches it', async () => {
    let name = 'Werkjaar';
    answers.set('campaigns.list', () => [
      { id: 'c1', name, workingYear: '2025-2026', createdAt: '2025-09-01T00:00:00Z' },
    ]);
    const { result } = renderHook(() => m.useContractQuery('campaigns.list', {}), { wrapper: wrapper() });
    await waitFor(() => expect(result.current.data?.[0]?.name).toBe('Werkjaar'));
    const before = countOf('campaigns.list');

    // Not its table: no read.
    act(() => push(changes(['notes'], ['c1'])));
    // Its table: read again, the screen shows the new name without any reload call.
    name = 'Werkjaar 2025-2026';
    act(() => push(changes(['campaigns'], ['c1'])));
    await waitFor(() => expect(result.current.data?.[0]?.name).toBe('Werkjaar 2025-2026'));
    expect(countOf('campaigns.list')).toBe(before + 1);
  });

  it('drops a pushed payload that is not a valid event', async () => {
    answers.set('app.info', () => ({ version: '1', profileDir: '/p', transport: 'ipc' }));
    const { result } = renderHook(() => m.useContractQuery('app.info', {}), { wrapper: wrapper() });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    const before = calls.length;
    act(() => push({ type: 'resync-please' }));
    act(() => push({ type: 'changes', tables: 'everything' }));
    expect(calls.length).toBe(before);
  });

  it('answers a contract refusal as an ApiError carrying the contract error, without retrying', async () => {
    answers.delete('setup.get');
    const { result } = renderHook(() => m.useContractQuery('setup.get', { campaignId: 'gone' }), {
      wrapper: wrapper(),
    });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error?.error).toEqual({ code: 'NOT_FOUND', message: 'no setup.get' });
    expect(calls.filter((call) => call.channel === 'setup.get')).toHaveLength(1);
  });

  it('keeps the sync status current from pushed sync events without reading it again, and shows an answer in place', async () => {
    const status = {
      state: 'idle',
      serverUrl: 'https://sync.team.be',
      email: 'an@team.be',
      reason: null,
      reasonCode: null,
      nextAttemptAt: null,
      lastSyncAt: null,
      progress: null,
      pendingChanges: 0,
    } as const;
    answers.set('sync.status', () => status);
    const { result } = renderHook(() => m.useSyncStatus(), { wrapper: wrapper() });
    await waitFor(() => expect(result.current.status?.state).toBe('idle'));
    const reads = countOf('sync.status');

    // The services push the status whole: it is shown as it came, nothing is read.
    act(() =>
      push({
        type: 'sync',
        status: { ...status, state: 'syncing', progress: { phase: 'push', done: 3, total: null } },
      }),
    );
    await waitFor(() => expect(result.current.status?.state).toBe('syncing'));
    expect(result.current.status?.progress).toEqual({ phase: 'push', done: 3, total: null });
    act(() => push({ type: 'sync', status: { ...status, state: 'up-to-date', lastSyncAt: 1, pendingChanges: 2 } }));
    await waitFor(() => expect(result.current.status?.pendingChanges).toBe(2));
    // Writes and the engine's local events no longer make it be read; a malformed status is dropped.
    act(() => push(changes(['notes'], ['c1'])));
    act(() => push({ type: 'local', topic: 'sync', campaign: null }));
    act(() => push({ type: 'sync', status: { ...status, pendingChanges: -1 } }));
    act(() => push({ type: 'sync', status: { state: 'idle' } }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(result.current.status?.pendingChanges).toBe(2);
    expect(countOf('sync.status')).toBe(reads);

    const current = result.current.status;
    if (!current) throw new Error('no status');
    act(() => result.current.show({ ...current, state: 'error' }));
    await waitFor(() => expect(result.current.status?.state).toBe('error'));
  });

  it('puts a pushed sync status in place over a read still on its way', async () => {
    answers.set('sync.status', () => ({ state: 'offline', pendingChanges: 5 }));
    const client = m.createQueryClient();
    const Wrapper = ({ children }: { children: ReactNode }) => createElement(m.DataProvider, { client, children });
    const { result } = renderHook(() => m.useSyncStatus(), { wrapper: Wrapper });
    await waitFor(() => expect(result.current.status?.state).toBe('offline'));
    // A read starts (say after a resync) and answers late, with what was true when it started.
    let release: () => void = () => {};
    const late = new Promise<void>((resolve) => (release = resolve));
    answers.set('sync.status', () => late.then(() => ({ state: 'offline', pendingChanges: 5 })));
    const reads = countOf('sync.status');
    act(() => void client.refetchQueries({ queryKey: ['contract', 'sync.status', {}] }));
    await waitFor(() => expect(countOf('sync.status')).toBe(reads + 1));
    act(() =>
      push({
        type: 'sync',
        status: {
          state: 'up-to-date',
          serverUrl: null,
          email: null,
          reason: null,
          reasonCode: null,
          nextAttemptAt: null,
          lastSyncAt: 7,
          progress: null,
          pendingChanges: 0,
        },
      }),
    );
    await waitFor(() => expect(result.current.status?.state).toBe('up-to-date'));
    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(result.current.status).toMatchObject({ state: 'up-to-date', pendingChanges: 0 });
  });

  it('refreshes a campaign-scoped read only for events of its campaign', async () => {
    answers.set('planning.get', (payload) => ({
      visits: [{ id: `v-${(payload as { campaignId: string }).campaignId}-${countOf('planning.get')}` }],
      retiredVisits: [],
    }));
    const { result } = renderHook(() => m.usePlanningData('c1'), { wrapper: wrapper() });
    await waitFor(() => expect(result.current.visits).toHaveLength(1));
    const first = result.current.visits[0]?.id;
    act(() => push(changes(['visits'], ['c2'])));
    act(() => push(changes(['visits'], ['c1'])));
    await waitFor(() => expect(result.current.visits[0]?.id).not.toBe(first));
  });

  it('wakes a job follower on job events only, without polling', async () => {
    const moved = m.wakeOn(m.isJobEvent, m.api.subscribe);
    let woken = false;
    const waiting = moved.wait().then(() => {
      woken = true;
    });
    push(changes(['notes'], ['c1']));
    await Promise.resolve();
    expect(woken).toBe(false);
    push({ type: 'local', topic: 'jobs', campaign: null });
    await waiting;
    expect(woken).toBe(true);
    // An event between two waits is not lost.
    push({ type: 'local', topic: 'jobs', campaign: null });
    await moved.wait();
    moved.stop();
  });
});
