import { describe, expect, it } from 'vitest';
import type { ContractError } from '../../shared/contract/result';
import { EntryQueue, storageJournal, type SubmitResult } from '../../renderer/src/input/entry-queue';

const noIdentity: ContractError = {
  code: 'FORBIDDEN',
  message: 'choose',
  issues: [{ path: 'identity', message: 'choose' }],
};

/** A submit whose answers the test releases one by one, so saves overlap with new entries. */
function controlledSubmit() {
  const calls: { target: string; text: string; answer: (result: SubmitResult) => void }[] = [];
  const submit = (target: string, text: string) =>
    new Promise<SubmitResult>((resolve) => calls.push({ target, text, answer: resolve }));
  return { calls, submit };
}
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('EntryQueue', () => {
  it('saves entries one after the other in the order typed, whatever arrives while a save runs', async () => {
    const { calls, submit } = controlledSubmit();
    const queue = new EntryQueue(submit);
    queue.enqueue('strengths', 'first');
    queue.enqueue('strengths', 'second');
    queue.enqueue('weaknesses', 'third');
    expect(queue.enqueue('strengths', '   ')).toBe(false);
    expect(calls.map((call) => call.text)).toEqual(['first']);
    calls[0]?.answer({ ok: true, id: 'a' });
    await tick();
    expect(calls.map((call) => call.text)).toEqual(['first', 'second']);
    calls[1]?.answer({ ok: true, id: 'b' });
    await tick();
    calls[2]?.answer({ ok: true, id: 'c' });
    await tick();
    expect(queue.snapshot().map((entry) => [entry.text, entry.state, entry.storedId])).toEqual([
      ['first', 'stored', 'a'],
      ['second', 'stored', 'b'],
      ['third', 'stored', 'c'],
    ]);
    queue.settle(new Set(['a', 'b']));
    expect(queue.snapshot().map((entry) => entry.text)).toEqual(['third']);
  });

  it('holds everything, in order, while no identity is chosen and saves it on retry', async () => {
    const { calls, submit } = controlledSubmit();
    const queue = new EntryQueue(submit);
    queue.enqueue('strengths', 'one');
    queue.enqueue('strengths', 'two');
    calls[0]?.answer({ ok: false, error: noIdentity });
    await tick();
    queue.enqueue('strengths', 'three');
    expect(queue.snapshot().map((entry) => entry.state)).toEqual(['held', 'held', 'held']);
    expect(calls).toHaveLength(1);
    queue.retry();
    for (const index of [1, 2, 3]) {
      calls[index]?.answer({ ok: true, id: String(index) });
      await tick();
    }
    expect(calls.map((call) => call.text)).toEqual(['one', 'one', 'two', 'three']);
    expect(queue.snapshot().every((entry) => entry.state === 'stored')).toBe(true);
  });

  it('marks a refused entry failed, goes on with the next, and can discard it', async () => {
    const { calls, submit } = controlledSubmit();
    const queue = new EntryQueue(submit);
    queue.enqueue('strengths', 'bad');
    queue.enqueue('strengths', 'good');
    calls[0]?.answer({ ok: false, error: { code: 'INVALID_INPUT', message: 'too long' } });
    await tick();
    calls[1]?.answer({ ok: true, id: 'g' });
    await tick();
    expect(queue.snapshot().map((entry) => entry.state)).toEqual(['failed', 'stored']);
    queue.discard(queue.snapshot()[0]?.key ?? 0);
    expect(queue.snapshot().map((entry) => entry.text)).toEqual(['good']);
  });
});

/** A journal in a map, as local storage keeps it across a reload. */
function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
  };
}
const isText = (value: unknown): value is string => typeof value === 'string';

describe('EntryQueue journal (a reload in between)', () => {
  it('keeps entries held for a name across a reload and saves them, in order, once one is chosen', async () => {
    const storage = memoryStorage();
    const before = controlledSubmit();
    const queue = new EntryQueue(before.submit, storageJournal(storage, 'capture.c1', isText));
    queue.enqueue('threats', 'one');
    queue.enqueue('threats', 'two');
    before.calls[0]?.answer({ ok: false, error: noIdentity });
    await tick();
    queue.enqueue('threats', 'three');
    expect(queue.snapshot().map((entry) => entry.state)).toEqual(['held', 'held', 'held']);

    // The page reloads: a new queue reads the journal and asks the services again, in order.
    const after = controlledSubmit();
    const reloaded = new EntryQueue(after.submit, storageJournal(storage, 'capture.c1', isText));
    expect(reloaded.snapshot().map((entry) => entry.text)).toEqual(['one', 'two', 'three']);
    after.calls[0]?.answer({ ok: false, error: noIdentity });
    await tick();
    expect(reloaded.snapshot().map((entry) => entry.state)).toEqual(['held', 'held', 'held']);
    // A name is chosen.
    reloaded.retry();
    for (const index of [1, 2, 3]) {
      after.calls[index]?.answer({ ok: true, id: String(index) });
      await tick();
    }
    expect(after.calls.map((call) => call.text)).toEqual(['one', 'one', 'two', 'three']);
    expect(storage.map.size).toBe(0);
  });

  it('settles an entry whose save was under way: stored once, never twice, never lost', async () => {
    const storage = memoryStorage();
    const before = controlledSubmit();
    const queue = new EntryQueue(before.submit, storageJournal(storage, 'capture.c2', isText));
    queue.enqueue('strengths', 'maybe stored');
    queue.enqueue('strengths', 'not sent');
    expect(before.calls.map((call) => call.text)).toEqual(['maybe stored']);

    // Reload while the first save is under way: it waits, and the next one waits behind it.
    const after = controlledSubmit();
    const reloaded = new EntryQueue(after.submit, storageJournal(storage, 'capture.c2', isText));
    expect(reloaded.snapshot().map((entry) => entry.state)).toEqual(['unconfirmed', 'waiting']);
    expect(after.calls).toHaveLength(0);
    // The store shows it: it was stored; only the other one is saved.
    reloaded.reconcile([{ target: 'strengths', text: 'maybe stored' }]);
    expect(after.calls.map((call) => call.text)).toEqual(['not sent']);

    // Had the store not shown it, it would have been saved again, first.
    const again = new EntryQueue(controlledSubmit().submit, storageJournal(memoryStorage(), 'x', isText));
    expect(again.snapshot()).toEqual([]);
    const lost = memoryStorage();
    lost.setItem(
      'veldwerk.entries.capture.c3',
      JSON.stringify([
        { target: 'strengths', text: 'lost on the way', state: 'sent' },
        { target: 7, text: 'an unknown target is left out', state: 'waiting' },
      ]),
    );
    const third = controlledSubmit();
    const replayed = new EntryQueue(third.submit, storageJournal(lost, 'capture.c3', isText));
    replayed.reconcile([]);
    expect(third.calls.map((call) => call.text)).toEqual(['lost on the way']);
  });
});
