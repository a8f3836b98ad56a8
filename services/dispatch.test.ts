import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServices, type Services } from './runtime';
import { newProfileKey } from '../db/crypto/profile-key';

describe('dispatch', () => {
  let dir: string;
  let services: Services;
  const internalErrors: unknown[] = [];

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'veldwerk-dispatch-'));
    services = startServices({
      profileDir: dir,
      key: newProfileKey(),
      transport: 'ipc',
      onInternalError: (_channel, error) => internalErrors.push(error),
    });
  });

  afterEach(async () => {
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses unknown channels, including prototype names', async () => {
    for (const channel of ['campaigns.drop', 'constructor', '__proto__', 42, null]) {
      const result = await services.dispatch(channel, {});
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('UNKNOWN_CHANNEL');
    }
  });

  it('refuses a payload that fails the schema, with field issues and i18n keys', async () => {
    const result = await services.dispatch('campaigns.create', { name: '', workingYear: 'volgend jaar' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    expect(result.error.message).toMatch(/campaigns\.create/);
    expect(result.error.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'name',
          key: 'errors.fields.nameRequired',
          message: 'Give the campaign a name.',
        }),
        expect.objectContaining({ path: 'workingYear', key: 'errors.fields.workingYearFormat' }),
      ]),
    );
    const list = await services.dispatch('campaigns.list', {});
    expect(list).toEqual({ ok: true, value: [] });
  });

  it('refuses payloads of the wrong type', async () => {
    for (const payload of ['text', [1, 2], { name: 3, workingYear: 2025 }]) {
      const result = await services.dispatch('campaigns.create', payload);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('INVALID_INPUT');
    }
  });

  it('creates and lists campaigns through the contract', async () => {
    const created = await services.dispatch('campaigns.create', { name: 'Doorlichting', workingYear: '2025-2026' });
    expect(created.ok).toBe(true);
    const list = await services.dispatch('campaigns.list', {});
    expect(list.ok && list.value).toEqual([
      expect.objectContaining({ name: 'Doorlichting', workingYear: '2025-2026' }),
    ]);
    expect(internalErrors).toEqual([]);
  });

  it('answers app.info with the profile folder and transport', async () => {
    const info = await services.dispatch('app.info', {});
    expect(info).toEqual({ ok: true, value: expect.objectContaining({ profileDir: dir, transport: 'ipc' }) });
  });

  it('hides internal errors behind a generic message', async () => {
    services.profile.db.close();
    const result = await services.dispatch('campaigns.list', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Internal error while handling campaigns.list' },
    });
    expect(internalErrors.length).toBe(1);
  });
});
