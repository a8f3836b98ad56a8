import { randomBytes } from 'node:crypto';
import type { Profile } from '../../db/profile';
import { readProfileSecret, storeProfileSecretOnce, SECRET_DRAFT_KEY } from '../../db/profile-secrets';
import type { draftsChannels } from '../../shared/contract/drafts';
import type { HandlersOf } from '../handler';

/**
 * The draft journals' key (issue 12): 32 random bytes made on first ask and kept inside the
 * encrypted database, so the renderer's journals in local storage are ciphertext on disk. Like
 * every channel but the vault's, it answers only while the profile is unlocked.
 */
export function createDraftKeyHandlers(profile: Profile): HandlersOf<typeof draftsChannels> {
  return {
    'drafts.key': () => ({
      key:
        readProfileSecret(profile.db, SECRET_DRAFT_KEY) ??
        storeProfileSecretOnce(profile.db, SECRET_DRAFT_KEY, randomBytes(32).toString('base64')),
    }),
  };
}
