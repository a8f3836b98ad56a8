import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangeRejectedError } from '../../db/store/errors';
import { createDispatch } from '../dispatch';
import type { Handlers } from '../handler';
import { startServices, type Services } from '../runtime';
import { newProfileKey } from '../../db/crypto/profile-key';

/** The limits of set-up input are the sync registry's: what validation lets through, the store takes. */
describe('set-up input limits', () => {
  let dir: string;
  let services: Services;
  const internalErrors: unknown[] = [];
  let campaignId: string;

  beforeEach(async () => {
    internalErrors.length = 0;
    dir = mkdtempSync(path.join(os.tmpdir(), 'veldwerk-limits-'));
    services = startServices({
      profileDir: dir,
      key: newProfileKey(),
      transport: 'ipc',
      onInternalError: (_channel, error) => internalErrors.push(error),
    });
    const created = await services.dispatch('campaigns.create', { name: 'Doorlichting', workingYear: '2025-2026' });
    if (!created.ok) throw new Error(created.error.message);
    campaignId = (created.value as { id: string }).id;
  });

  afterEach(async () => {
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a 250-character sector name as a field error, never INTERNAL', async () => {
    const result = await services.dispatch('setup.addItem', { campaignId, kind: 'sectors', name: 'x'.repeat(250) });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', issues: [{ path: 'name', key: 'setup.errors.nameTooLong' }] },
    });
    expect(internalErrors).toEqual([]);
  });

  it('refuses a 250-character member name as a field error', async () => {
    const result = await services.dispatch('members.add', {
      campaignId,
      name: 'x'.repeat(250),
      email: '',
      isInspector: true,
      isTeamLead: false,
      coordinatorOf: [],
      sectorLeadOf: [],
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', issues: [{ path: 'name', key: 'setup.errors.nameTooLong' }] },
    });
    expect(internalErrors).toEqual([]);
  });

  it('takes the longest name the registry takes, per list', async () => {
    const sector = await services.dispatch('setup.addItem', { campaignId, kind: 'sectors', name: 's'.repeat(200) });
    expect(sector.ok).toBe(true);
    const sectorId = sector.ok ? (sector.value as { id: string }).id : '';
    // A guiding question's "name" is its text, which holds up to 2000 characters.
    const question = await services.dispatch('setup.addItem', {
      campaignId,
      kind: 'guiding_questions',
      sectorId,
      name: 'q'.repeat(1500),
    });
    expect(question.ok).toBe(true);
    expect(internalErrors).toEqual([]);
  });
});

describe('a store refusal that validation did not catch', () => {
  it('answers INVALID_INPUT naming the field, never INTERNAL', async () => {
    const internal: unknown[] = [];
    const handlers = {
      'campaigns.list': () => {
        throw new ChangeRejectedError('bad value for sectors.sort_order: Too big', {
          table: 'sectors',
          column: 'sort_order',
        });
      },
    } as unknown as Handlers;
    const dispatch = createDispatch(handlers, { onInternalError: (_channel, error) => internal.push(error) });
    const result = await dispatch('campaigns.list', {});
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', issues: [{ path: 'sortOrder', key: 'errors.fields.refused' }] },
    });
    expect(internal).toEqual([]);
  });
});
