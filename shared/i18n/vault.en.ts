import type { Messages } from './nl-BE';

/** English messages of the profile's lock. Same keys as vault.nl-BE.ts. */
export const vaultEn: Messages['vault'] = {
  firstRun: {
    title: 'Protect your data on this laptop',
    intro:
      'Veldwerk keeps interview notes, documents and SWOT work holding the opinions of staff and stakeholders on this laptop. If the laptop is lost, nobody should be able to read them.',
    whatTitle: 'What is protected',
    what: {
      database:
        'The whole profile database (notes, participants, planning, reports) is encrypted on disk, its temporary files beside it too.',
      files: 'The files of documents you receive on a visit are encrypted.',
      duo: 'Exchange files for your duo partner (USB stick) are encrypted: for a laptop you are paired with under the key you share, otherwise with a passphrase the two of you agree on.',
    },
    howTitle: 'How',
    how: 'Everything is encrypted with a random key of this profile. That key itself is locked: by the operating system (your login on this computer) or by a passphrase only you know.',
    notTitle: 'What this does not do',
    not: 'Anyone logged in as you while Veldwerk is unlocked can read along. So lock it when you leave the laptop; Veldwerk does so itself after a while without use.',
    plaintext:
      'This profile was made by an older version and is not encrypted yet. Choose how to protect it; Veldwerk then encrypts it right away. Nothing is lost.',
    choose: 'Choose how the key is locked',
    keyring: "With my login on this computer (the operating system's keyring)",
    keyringHint:
      'Nothing to remember. Someone who finds your laptop must first be able to log in as you. After a lock a Mac with Touch ID asks for your fingerprint; Windows and Linux ask nothing again: lock your computer too when you leave it, or choose a passphrase.',
    noKeyring:
      'This computer has no operating-system keyring Veldwerk can use (or you work in the browser): choose a passphrase.',
    passphrase: 'With a passphrase',
    passphraseHint:
      'At least 8 characters; a sentence of a few words is strong and easy to remember. Without the passphrase the profile cannot be opened: write it down somewhere safe.',
    passphraseLabel: 'Passphrase',
    repeatLabel: 'Passphrase again',
    mismatch: 'The two passphrases are not the same.',
    submit: 'Protect and start',
    working: 'Encrypting…',
  },
  unlock: {
    title: 'Veldwerk is locked',
    explainPassphrase: 'Type your passphrase to open your profile.',
    explainKeyring: 'Your profile is locked. Unlock it with your login on this computer.',
    passphraseLabel: 'Passphrase',
    submit: 'Unlock',
    keyringSubmit: 'Unlock with my login',
    working: 'Unlocking…',
    forgot: 'I forgot my passphrase',
    wait_one: 'You can try again in {{count}} minute.',
    wait_other: 'You can try again in {{count}} minutes.',
  },
  forgot: {
    title: 'Passphrase forgotten',
    explain:
      'The honest answer: without the passphrase nobody can open this profile any more, Veldwerk included. That is exactly how the protection works.',
    answer:
      'What you can do: start a new, empty profile and connect it to the server. Everything you had synced comes back. What never reached the server or your duo partner cannot be recovered.',
    kept: 'The old profile is not erased but set aside ({{dir}}.forgotten-…): if you remember the passphrase later, it still opens.',
    confirm: 'Start a new profile',
    cancel: 'Back',
  },
  keyMissing: {
    title: "This profile's key is missing",
    explain:
      'The profile in {{dir}} is encrypted, but the key file beside it (veldwerk.key) is gone. Without that file it cannot be opened any more.',
  },
  security: {
    open: 'Security',
    title: 'Security of this profile',
    protectedBy: 'This profile is encrypted; its key is locked with {{method}}.',
    methods: {
      passphrase: 'a passphrase',
      'os-keyring': "the operating system's keyring",
    },
    lockNow: 'Lock now',
    idleLabel: 'Lock automatically after',
    idleNever: 'never',
    idleMinutes_one: '{{count}} minute without use',
    idleMinutes_other: '{{count}} minutes without use',
    idleSaved: 'Saved.',
    changeTitle: 'Change the passphrase',
    setTitle: 'Set a passphrase (instead of the keyring)',
    setExplain:
      'With a passphrase you can also open the profile in the browser or from the command line (--passphrase-stdin). The keyring is then no longer used.',
    currentLabel: 'Current passphrase',
    newLabel: 'New passphrase',
    repeatLabel: 'New passphrase again',
    change: 'Change the passphrase',
    changed: 'The passphrase was changed. Use the new one from now on.',
    close: 'Close',
  },
  errors: {
    tooManyAttempts: 'Too many wrong passphrases in a row. Wait a little (longer each time), then try again.',
    wrongPassphrase: 'That is not the passphrase of this profile.',
    tooShort: 'A passphrase has at least 8 characters.',
    passphraseNeeded: 'Type the passphrase.',
    noKeyring: 'This computer has no keyring Veldwerk can use; choose a passphrase.',
    locked: 'The profile is locked.',
  },
  duo: {
    passphraseLabel: 'Passphrase for the exchange file',
    passphraseHint:
      'The file is encrypted with it. Agree on the passphrase with your duo partner (not through the same channel as the file); they type it when importing.',
    pairedLaptop: 'laptop {{node}}',
    pairedHint:
      'For {{name}}: without a passphrase the file is encrypted with the key your laptops share since they were paired. Only that laptop can open it.',
    errors: {
      tooShort: 'A passphrase for the exchange file has at least 8 characters.',
      needed: 'This exchange file is encrypted: type the passphrase your duo partner used.',
      wrong: 'The exchange file does not open with this passphrase. Ask your duo partner for the right one.',
      neededForExport:
        'Type a passphrase: the file is encrypted with it. A duo partner this laptop is paired with needs none.',
      otherLaptop:
        'This exchange file is encrypted for another laptop paired with its maker. Only that laptop can open it.',
    },
  },
};
