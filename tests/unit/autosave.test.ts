import { describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contract/result';
import { AutosaveRegistry, type SaveCall } from '../../renderer/src/input/autosave';
import { memoryStorage } from '../support/memory-storage';

const noteCall = (text: string): SaveCall => ({
  channel: 'notes.save',
  payload: { conversationId: 'c1', guidingQuestionId: null, text },
});

describe('AutosaveRegistry', () => {
  it('journals every value until it is stored, and saves a released field instead of dropping it', async () => {
    const storage = memoryStorage();
    const saved: string[] = [];
    const registry = new AutosaveRegistry(async (call) => {
      saved.push((call.payload as { text: string }).text);
      return { ok: true, value: {} } as Result<unknown>;
    }, storage);
    const field = registry.field('note:c1', noteCall, { delayMs: 60_000 });
    field.change('Eerste');
    field.change('Eerste zin.');
    expect(field.state().kind).toBe('dirty');
    expect(JSON.parse(storage.map.get('veldwerk.draft.note:c1') ?? '{}').call.payload.text).toBe('Eerste zin.');
    expect(registry.pending).toBe(true);
    // Unmount long before the pause is over: the value is saved, not cancelled.
    await registry.release(field);
    expect(saved).toEqual(['Eerste zin.']);
    expect(storage.map.size).toBe(0);
    expect(registry.pending).toBe(false);
  });

  it('replays the journal of an earlier page at start and keeps drafts the transport could not deliver', async () => {
    const storage = memoryStorage();
    const earlier = new AutosaveRegistry(
      async () => ({ ok: false, error: { code: 'INTERNAL', message: 'TRANSPORT: gone' } }),
      storage,
    );
    earlier.field('note:c1', noteCall).change('Getypt vlak voor het herladen.');
    earlier
      .field('lemma-narrative:gone', (text) => ({
        channel: 'swot.lemmas.narrative',
        payload: { lemmaId: 'gone', text },
      }))
      .change('x');
    expect(storage.map.size).toBe(2);

    const offline = new AutosaveRegistry(
      async () => ({ ok: false, error: { code: 'INTERNAL', message: 'TRANSPORT: down' } }),
      storage,
    );
    expect(await offline.replay()).toBe(0);
    expect(storage.map.size).toBe(2);

    const stored: string[] = [];
    const next = new AutosaveRegistry(async (call) => {
      if (call.channel === 'swot.lemmas.narrative')
        return { ok: false, error: { code: 'NOT_FOUND', message: 'No lemma gone' } };
      stored.push((call.payload as { text: string }).text);
      return { ok: true, value: {} };
    }, storage);
    expect(await next.replay()).toBe(1);
    expect(stored).toEqual(['Getypt vlak voor het herladen.']);
    expect(storage.map.size).toBe(0);
  });

  it('keeps text not yet handed over for its box, never replays it, and flushes tracked sources before unload', async () => {
    const storage = memoryStorage();
    const calls: SaveCall[] = [];
    const registry = new AutosaveRegistry(async (call) => {
      calls.push(call);
      return { ok: true, value: {} };
    }, storage);
    registry.keepText('capture:c1:strengths', 'Goede samenw');
    expect(await registry.replay()).toBe(0);
    expect(calls).toEqual([]);
    expect(new AutosaveRegistry(registry.invoke, storage).keptText('capture:c1:strengths')).toBe('Goede samenw');
    registry.keepText('capture:c1:strengths', '');
    expect(storage.map.size).toBe(0);

    let flushed: boolean | undefined;
    const source = {
      pending: true,
      flush: async (options?: { keepalive?: boolean }) => {
        flushed = options?.keepalive;
        source.pending = false;
      },
    };
    registry.track(source);
    expect(registry.pending).toBe(true);
    await registry.flushAll({ keepalive: true });
    expect(flushed).toBe(true);
    expect(registry.pending).toBe(false);
  });

  it('sets a refused section draft aside once instead of retrying it at every start, and never drops it', async () => {
    const storage = memoryStorage();
    const sectionCall = (update: string): SaveCall => ({
      channel: 'reports.section.update',
      payload: { sectionId: 's1', update },
    });
    const keepsRefused = (key: string) => key.startsWith('report-section:');
    const earlier = new AutosaveRegistry(
      async () => ({ ok: false, error: { code: 'INTERNAL', message: 'TRANSPORT: gone' } }),
      storage,
      { keepsRefused },
    );
    earlier.journal('report-section:s1', sectionCall('AQID'));
    // A note refused for lack of a name waits for the name; so does any field without a refusal notice.
    earlier.field('note:c1', noteCall).change('Nog zonder naam.');

    const calls: SaveCall[] = [];
    const refusing = new AutosaveRegistry(
      async (call) => {
        calls.push(call);
        return call.channel === 'reports.section.update'
          ? { ok: false, error: { code: 'FORBIDDEN', message: 'The report "R" is final; its text no longer changes.' } }
          : {
              ok: false,
              error: {
                code: 'FORBIDDEN',
                message: 'Choose who you are',
                issues: [{ path: 'identity', message: 'Choose' }],
              },
            };
      },
      storage,
      { keepsRefused },
    );
    expect(await refusing.replay()).toBe(0);
    expect(calls.map((call) => call.channel).sort()).toEqual(['notes.save', 'reports.section.update']);
    expect(refusing.draft('report-section:s1')).toBeNull();
    const [refused] = refusing.refusedDrafts('report-section:s1');
    expect(refused?.call).toEqual(sectionCall('AQID'));
    expect(refused?.error.code).toBe('FORBIDDEN');
    expect(refusing.draft('note:c1')).not.toBeNull();

    // The next start tries the note again, never the refused section.
    calls.length = 0;
    expect(await refusing.replay()).toBe(0);
    expect(calls.map((call) => call.channel)).toEqual(['notes.save']);
    expect(refusing.refusedDrafts('report-section:s1')).toHaveLength(1);

    // A second refusal of the same section is kept beside the first, not over it.
    refusing.journal('report-section:s1', sectionCall('BAUG'));
    await refusing.replay();
    expect(refusing.refusedDrafts('report-section:s1').map((draft) => draft.call)).toEqual([
      sectionCall('AQID'),
      sectionCall('BAUG'),
    ]);
    refusing.dropRefused('report-section:s1');
    expect(refusing.refusedDrafts('report-section:s1')).toEqual([]);
  });

  it('sets a section draft refused as a conflict aside instead of dropping it', async () => {
    const storage = memoryStorage();
    const call: SaveCall = { channel: 'reports.section.update', payload: { sectionId: 's2', update: 'AQID' } };
    const registry = new AutosaveRegistry(
      async () => ({ ok: false, error: { code: 'CONFLICT', message: 'The record was retired.' } }),
      storage,
      { keepsRefused: (key) => key.startsWith('report-section:') },
    );
    registry.journal('report-section:s2', call);
    expect(await registry.replay()).toBe(0);
    expect(registry.refusedDrafts('report-section:s2').map((draft) => draft.call)).toEqual([call]);
  });
});
