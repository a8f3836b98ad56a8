import type { Messages } from './nl-BE';

/** English messages of synchronisation. Same keys as sync.nl-BE.ts. */
export const syncEn: Messages['sync'] = {
  indicator: {
    'not-configured': 'Not connected',
    idle: 'Connected',
    offline: 'Offline',
    syncing: 'Syncing…',
    syncingProgress: '{{phase}}: {{done}} of {{total}}',
    'up-to-date': 'Up to date',
    upToDateAt: 'Up to date at {{time}}',
    error: 'Sync failed',
    waiting: 'Not everything sent yet',
    pending_one: '{{count}} change not on the server yet',
    pending_other: '{{count}} changes not on the server yet',
  },
  phase: { push: 'Sending', pull: 'Receiving' },
  dialog: { title: 'Synchronisation', close: 'Close' },
  server: {
    title: 'Central server',
    explain:
      'Connect this laptop to the team’s server. Your work is kept offline too; as soon as there is a network, everything is exchanged.',
    url: 'Server address',
    email: 'Email address',
    password: 'Password',
    connect: 'Connect',
    connecting: 'Connecting…',
    connectFailed: 'Could not connect.',
    connectedAs: 'Connected as {{email}} to {{url}}.',
    reason: '({{reason}})',
    lastSync: 'Last updated: {{time}}',
    nextAttempt: 'Next attempt: {{time}}',
    syncNow: 'Sync now',
    disconnect: 'Disconnect',
  },
  duo: {
    title: 'Exchange with your duo partner',
    explain:
      'Without a network: export your work to a file (e.g. on a USB stick) and have your duo partner import it. Importing a file twice changes nothing.',
    thisLaptop: 'This laptop: {{node}}',
    campaign: 'Campaign',
    campaignId: 'Id (for the server administrator)',
    for: 'For',
    everything: 'everything of this campaign',
    peer: 'laptop {{node}} (only what it lacks)',
    peerNamed: '{{name}}’s laptop (only what it lacks)',
    noCampaign: 'No campaign on this laptop yet: import your duo partner’s file to start.',
    export: 'Export for my duo partner',
    import: 'Import from my duo partner',
    exported_one: '{{count}} change exported to {{file}}.',
    exported_other: '{{count}} changes exported to {{file}}.',
    exportFailed: 'Export failed: {{reason}}',
    imported_one:
      '{{count}} change read: {{applied}} new, {{duplicates}} already here, {{conflicts}} conflicting choices to review.',
    imported_other:
      '{{count}} changes read: {{applied}} new, {{duplicates}} already here, {{conflicts}} conflicting choices to review.',
    importFailed: 'Import failed, nothing was changed: {{reason}}',
    reasons: {
      'bundle-damaged': 'the file is damaged or incomplete. Have your duo partner export it again.',
      'bundle-not-a-bundle': 'this is not a Veldwerk exchange file.',
      'bundle-newer-version': 'the file comes from a newer version of Veldwerk. Update Veldwerk first.',
      'bundle-same-profile': 'this file comes from this laptop itself. Import it on your duo partner’s laptop.',
      'bundle-foreign-campaign': 'the file belongs to another campaign than the one chosen.',
      'bundle-bad-request': 'the chosen campaign or laptop is not valid (any more). Choose again.',
      'bundle-too-large':
        'the file is too large to unpack on this laptop (more than 256 MB). Have your duo partner export one campaign, or only what you lack.',
      'clock-skew':
        'the clock of the laptop that made the file is wrong. Set its date and time right and export again.',
      'change-rejected': 'the file holds a change Veldwerk cannot accept.',
    },
    phase: {
      start: 'Starting…',
      collect: 'Collecting changes',
      write: 'Writing the file',
      read: 'Reading the file',
      verify: 'Checking the file',
      apply: 'Merging changes',
    },
  },
  errors: {
    serverUrl: 'Write the server’s address, e.g. https://veldwerk.example.be',
    insecureUrl:
      'Use an address that starts with https://. Over http:// your password and your access travel unencrypted over the network, so anyone on the same Wi-Fi can read them (http:// is allowed only for this computer itself, such as localhost).',
    email: 'Write a valid email address.',
    password: 'Type your password.',
    emptyFile: 'The file is empty.',
    fileTooLarge: 'The file is too large (at most 48 MB).',
    notABundle: 'This is not a Veldwerk exchange file.',
  },
};
