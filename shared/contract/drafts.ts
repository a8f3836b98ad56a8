import { channel, empty } from './define';

/**
 * The key the renderer seals its draft journals with (renderer/src/input/sealed-storage.ts): kept
 * inside the encrypted profile, answered only while the profile is open.
 */
export const draftsChannels = {
  'drafts.key': channel<{ readonly key: string }>()(empty),
} as const;
