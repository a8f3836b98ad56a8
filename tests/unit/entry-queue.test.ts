import { describe, expect, it } from 'vitest';
import type { ContractError } from '../../shared/contract/result';
import { EntryQueue, type SubmitResult } from '../../renderer/src/input/entry-queue';

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
