import type { Messages } from './nl-BE';

/** English messages of the duo's sync over the local network. Same keys as lan.nl-BE.ts. */
export const lanEn: Messages['lan'] = {
  title: 'Sync over the local network',
  explain:
    'When you sit in the same room on the same (Wi-Fi) network, your laptops sync directly, with no server and no internet. The connection is encrypted and only a laptop you paired with can sync.',
  thisLaptop: 'This laptop: {{fingerprint}}',
  start: 'Become visible and search',
  stop: 'Stop',
  listening: 'Visible on the network at {{address}} until {{time}}. Your partner can also type this address.',
  nearbyTitle: 'Laptops nearby',
  nearbyEmpty:
    'No other laptop found yet. Open this window on your partner’s laptop too and choose “Become visible and search”. If nothing appears, type the address shown on that screen.',
  laptop: 'Laptop {{fingerprint}}',
  paired: 'paired',
  pairedWith: 'paired ({{name}})',
  notPaired: 'not paired',
  pair: 'Pair',
  sync: 'Sync',
  pairWith: 'Pair with laptop {{fingerprint}}',
  syncWith: 'Sync with laptop {{fingerprint}}',
  server: {
    known: 'The server knows this laptop as {{email}}’s.',
    unknown: 'Careful: the server does not know this laptop among your colleagues’.',
    notChecked: 'Not checked with the server yet (not connected).',
  },
  addressTitle: 'Type an address',
  addressLabel: 'Address of the other laptop',
  addressHint: 'As shown on your partner’s screen, e.g. 192.168.1.20:45123.',
  code: {
    title: 'Compare the code',
    question:
      'Does the other laptop’s screen show the same code? Pair only if the codes are the same: otherwise someone is listening in.',
    peer: 'Other laptop: {{fingerprint}}',
    yes: 'Yes, the same code',
    no: 'No, a different code',
  },
  phase: {
    connecting: 'Connecting…',
    pairing: 'Waiting for your partner’s answer…',
    sending: 'Sending…',
    receiving: 'Receiving…',
    importing: 'Merging…',
    done: 'Done',
  },
  outcome: {
    paired: 'Paired with laptop {{fingerprint}}. From now on you sync without a code.',
    synced: 'Synced with laptop {{fingerprint}}.',
    received_one: '{{count}} change received ({{applied}} new here).',
    received_other: '{{count}} changes received ({{applied}} new here).',
    sent_one: '{{count}} change sent ({{applied}} new there).',
    sent_other: '{{count}} changes sent ({{applied}} new there).',
    resumed: 'The transfer went on where it was interrupted.',
    failed: 'Did not work:',
  },
  reasons: {
    'unknown-peer': 'That laptop is not paired with yours. Pair first, with the code on both screens.',
    'not-confirmed': 'The code was not confirmed on both laptops. Nothing was paired.',
    'pairing-closed':
      'The other laptop is not pairing now: open this window there too and choose “Become visible and search”.',
    busy: 'The other laptop is busy with another laptop. Try again in a moment.',
    'too-large': 'The other laptop offered more data than Veldwerk accepts.',
    'bad-message': 'The other laptop sent something unexpected. Nothing changed.',
    protocol:
      'The laptops did not understand each other (different versions of Veldwerk?). Nothing changed; update both to the same version.',
    'import-failed': 'Your partner’s data could not be merged here. Nothing changed.',
    'fingerprint-changed':
      'The laptop at that address is not the partner you paired with: it is another laptop, or its key changed. Pair again only if your partner confirms the code.',
    closed: 'The connection dropped. Nothing is lost: try again, the transfer goes on where it stopped.',
    timeout: 'The other laptop did not answer in time. Nothing is lost: try again.',
    unreachable:
      'No laptop found at that address. Is the window open on the other laptop, and are you on the same network?',
  },
  partnersTitle: 'Paired laptops',
  partnerLine: 'Laptop {{fingerprint}}, paired on {{date}}',
  partnerLineNamed: '{{name}}: laptop {{fingerprint}}, paired on {{date}}',
  forget: 'Unpair',
  forgetLabel: 'Unpair laptop {{fingerprint}}',
  errors: {
    address: 'Type the address as ADDRESS:PORT, e.g. 192.168.1.20:45123.',
  },
};
