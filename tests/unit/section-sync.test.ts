import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { REMOTE_ORIGIN, SectionSync, type SaveStatus } from '../../renderer/src/reports/editor/section-sync';
import { fail, ok, type Result } from '../../shared/contract/result';

// The editor's bridge to the store (no websocket provider): loaded state is never sent back,
// local updates go out batched, remote ones are applied without an echo, and a failed or
// refused save keeps every typed character until it is stored.

/** A store stand-in: a Y.Doc that merges what it is sent, answering what `answer` says. */
function fakeStore(initial?: (doc: Y.Doc) => void) {
  const doc = new Y.Doc();
  if (initial) initial(doc);
  const saves: Uint8Array[] = [];
  let answer: () => Result<unknown> = () => ok({});
  return {
    doc,
    saves,
    state: () => Y.encodeStateAsUpdate(doc),
    answerWith(next: () => Result<unknown>) {
      answer = next;
    },
    save: async (update: Uint8Array): Promise<Result<unknown>> => {
      const result = answer();
      if (result.ok) {
        saves.push(update);
        Y.applyUpdate(doc, update);
      }
      return result;
    },
  };
}

const text = (doc: Y.Doc) => doc.getText('t').toString();
const until = async (condition: () => boolean) => {
  for (let i = 0; i < 500 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 2));
  expect(condition()).toBe(true);
};

describe('SectionSync', () => {
  it('loads the store state without sending it back and batches local edits into one save', async () => {
    const store = fakeStore((doc) => doc.getText('t').insert(0, 'Template. '));
    const sync = new SectionSync(store.state(), { save: store.save, delayMs: 20, maxWaitMs: 1000 });
    expect(text(sync.doc)).toBe('Template. ');
    expect(sync.hasUnsaved).toBe(false);
    const typed = sync.doc.getText('t');
    for (const letter of 'Hallo') typed.insert(typed.length, letter);
    expect(sync.status.kind).toBe('pending');
    await sync.flush();
    expect(store.saves).toHaveLength(1);
    expect(text(store.doc)).toBe('Template. Hallo');
    expect(sync.status.kind).toBe('saved');
    sync.destroy();
  });

  it('applies remote updates with the remote origin and never echoes them', async () => {
    const store = fakeStore();
    const sync = new SectionSync(store.state(), { save: store.save, delayMs: 5 });
    const origins: unknown[] = [];
    sync.doc.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin));
    const other = new Y.Doc();
    other.getText('t').insert(0, 'from the partner');
    sync.applyRemote(Y.encodeStateAsUpdate(other));
    sync.applyRemote(Y.encodeStateAsUpdate(other));
    expect(text(sync.doc)).toBe('from the partner');
    expect(origins).toEqual([REMOTE_ORIGIN]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(store.saves).toHaveLength(0);
    expect(sync.hasUnsaved).toBe(false);
    sync.destroy();
  });

  it('keeps the text after a failed save and stores it on the retry', async () => {
    const store = fakeStore();
    store.answerWith(() => fail('INTERNAL', 'TRANSPORT: down'));
    const statuses: SaveStatus['kind'][] = [];
    const sync = new SectionSync(null, {
      save: store.save,
      delayMs: 5,
      retryMs: 10,
      onStatus: (status) => statuses.push(status.kind),
    });
    sync.doc.getText('t').insert(0, 'niet verloren');
    await until(() => statuses.includes('failed'));
    expect(sync.hasUnsaved).toBe(true);
    sync.doc.getText('t').insert(13, ', nooit');
    store.answerWith(() => ok({}));
    await until(() => sync.status.kind === 'saved');
    expect(text(store.doc)).toBe('niet verloren, nooit');
    sync.destroy();
  });

  it('holds a refused edit (locked section) without resending until retry, then loses nothing', async () => {
    const store = fakeStore();
    let refusals = 0;
    store.answerWith(() => {
      refusals += 1;
      return fail('FORBIDDEN', 'The section is locked');
    });
    const sync = new SectionSync(null, { save: store.save, delayMs: 5 });
    sync.doc.getText('t').insert(0, 'getypt');
    await until(() => sync.status.kind === 'refused');
    sync.doc.getText('t').insert(6, ' en meer');
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(refusals).toBe(1);
    expect(text(sync.doc)).toBe('getypt en meer');
    store.answerWith(() => ok({}));
    await sync.retry();
    expect(sync.status.kind).toBe('saved');
    expect(text(store.doc)).toBe('getypt en meer');
    sync.destroy();
  });

  it('journals every unconfirmed update at once, and a new page restores that draft over the store', async () => {
    const store = fakeStore((doc) => doc.getText('t').insert(0, 'Opgeslagen. '));
    let journal: Uint8Array | null = null;
    const journals: (Uint8Array | null)[] = [];
    const record = (unconfirmed: Uint8Array | null) => {
      journal = unconfirmed;
      journals.push(unconfirmed);
    };
    // The store never answers: the page crashes with its save under way.
    const hung = { ...store, save: () => new Promise<Result<unknown>>(() => undefined) };
    const earlier = new SectionSync(store.state(), { save: hung.save, journal: record, delayMs: 5 });
    const typed = earlier.doc.getText('t');
    for (const letter of 'Niet') typed.insert(typed.length, letter);
    // Synchronous: before any timer ran, the journal holds every letter.
    expect(journal).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(earlier.status.kind).toBe('saving');
    for (const letter of ' kwijt.') typed.insert(typed.length, letter);
    earlier.destroy();

    // The next page: the store lacks all of it; the draft restores it and saves it.
    const saved: (Uint8Array | null)[] = [];
    const next = new SectionSync(
      store.state(),
      { save: store.save, journal: (u) => saved.push(u), delayMs: 5 },
      journal,
    );
    expect(text(next.doc)).toBe('Opgeslagen. Niet kwijt.');
    expect(next.status.kind).toBe('pending');
    await next.flush();
    expect(text(store.doc)).toBe('Opgeslagen. Niet kwijt.');
    expect(saved.at(-1)).toBeNull();
    next.destroy();

    // A draft the store already has queues nothing and leaves the journal.
    const again: (Uint8Array | null)[] = [];
    const third = new SectionSync(store.state(), { save: store.save, journal: (u) => again.push(u) }, journal);
    expect(third.hasUnsaved).toBe(false);
    expect(again).toEqual([null]);
    expect(text(third.doc)).toBe('Opgeslagen. Niet kwijt.');
    third.destroy();
  });

  it('sends the queue at once beside a save under way when the page goes (keepalive)', async () => {
    const store = fakeStore();
    const sent: { update: Uint8Array; keepalive: boolean }[] = [];
    const sync = new SectionSync(null, {
      save: (update, options) => {
        sent.push({ update, keepalive: options?.keepalive === true });
        return new Promise<Result<unknown>>(() => undefined);
      },
      delayMs: 5,
    });
    sync.doc.getText('t').insert(0, 'Eerst');
    await until(() => sent.length === 1);
    sync.doc.getText('t').insert(5, ' en dan');
    expect(sync.pending).toBe(true);
    await sync.flush({ keepalive: true });
    expect(sent.map((one) => one.keepalive)).toEqual([false, true]);
    for (const one of sent) Y.applyUpdate(store.doc, one.update);
    expect(text(store.doc)).toBe('Eerst en dan');
    sync.destroy();
  });
});
