import type { Messages } from './nl-BE';

/** English messages of the field-ready mechanisms. Joined into en.ts. */
export const fieldEn: Messages['field'] = {
  save: { unsaved: 'Not saved yet' },
  entry: {
    saving: 'saving…',
    held: 'waiting for your name',
    failed: 'not saved: {{reason}}',
    retry: 'Try again',
    discard: 'Leave out',
    chooseIdentity: 'First choose who you are under “I am” (at the top): what you typed stays and is saved as soon as you choose your name.',
  },
};
