import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServices } from '../../services/runtime';
import { call } from '../support/services';
import { tempDir, testProfileKey } from '../support/profile';

// The key the renderer seals its draft journals with (issue 12): made once, kept inside the
// encrypted profile (no file of the folder holds it), the same after a restart.
describe('the draft journal key', () => {
  const folder = tempDir('veldwerk-draft-key-');
  afterAll(() => folder.remove());
  const open = () =>
    startServices({
      profileDir: folder.dir,
      key: testProfileKey(folder.dir),
      transport: 'http',
      backgroundSync: false,
    });

  it('is 32 random bytes, kept in the encrypted database and the same after a restart', async () => {
    let services = open();
    const first = (await call(services, 'drafts.key', {})).key;
    expect(Buffer.from(first, 'base64')).toHaveLength(32);
    expect((await call(services, 'drafts.key', {})).key).toBe(first);
    await services.close();
    for (const file of readdirSync(folder.dir, { recursive: true, withFileTypes: true }))
      if (file.isFile()) expect(readFileSync(path.join(file.parentPath, file.name)).includes(first)).toBe(false);
    services = open();
    expect((await call(services, 'drafts.key', {})).key).toBe(first);
    await services.close();
  });
});
