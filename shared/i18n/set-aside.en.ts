import type { setAsideNlBE } from './set-aside.nl-BE';

/** English messages about changes this laptop set aside. Joined into en.ts. */
export const setAsideEn: typeof setAsideNlBE = {
  title: 'Changes set aside',
  intro:
    'These changes arrived, but this laptop could not apply them. Everything else keeps syncing. Try a change again once its cause is fixed, or discard it.',
  count_one: '{{count}} change set aside',
  count_other: '{{count}} changes set aside',
  loadFailed: 'The changes set aside could not be loaded.',
  field: 'Field: {{field}}',
  unknownRecord: 'not known on this laptop in this campaign',
  value: 'Would become: “{{value}}”',
  textChange: 'A text edit',
  byVia: 'From {{author}}, through {{source}}',
  byUnknownVia: 'From an unknown author, through {{source}}',
  madeAt: 'made on {{date}}',
  source: {
    server: 'the server',
    bundle: 'an exchange file',
    peer: 'the duo’s network link',
    push: 'this laptop, refused for good by the server',
  },
  why: 'Why',
  whatNow: 'What you can do',
  advice: {
    AUTHOR_MISMATCH:
      'The change carries the name of someone this campaign does not know, or who does not work on that laptop. Ask the team lead to add the team member (with their e-mail address), then try again; if it was forged, discard it.',
    AUTHOR_OTHER_ACCOUNT:
      'It was made on this laptop under the name of a team member who has an account of their own: the server will never store it. It stays on this laptop, but the others do not receive it. ‘Undo on this laptop’ shows what the server has here again; choose yourself under ‘I am’ and enter it again if needed.',
    RELAYED_UNVERIFIED:
      'It came with your duo partner’s file or network exchange, but was made on another laptop under a name this laptop cannot check. It leaves this list by itself once it arrives through the server or from that person; if it is forged, discard it.',
    ROW_OF_OTHER_CAMPAIGN:
      'It touches a record that belongs to another campaign on this laptop. It is most likely forged: discard it.',
    UNKNOWN_TABLE: 'Update Veldwerk, then try again.',
    UNKNOWN_COLUMN: 'Update Veldwerk, then try again.',
    CLOCK_SKEW: 'It was made on a laptop whose clock was ahead. Try again later.',
    other: 'It is damaged and cannot be applied like this. Discard it and ask whoever made it to enter it again.',
  },
  retry: 'Try again',
  retryLabel: 'Try the change of {{record}} again',
  discard: 'Discard',
  discardLabel: 'Discard the change of {{record}}',
  confirmDiscard:
    'Discard this change of {{record}} for good? It will not come back, not even when it arrives again. This laptop records that you discarded it.',
  undo: 'Undo on this laptop',
  undoLabel: 'Undo the change of {{record}} on this laptop',
  undone: {
    restored:
      'Your change of {{record}} was undone on this laptop: it shows what the server has again. This goes to the server and your duo partner too.',
    removed: '{{record}} existed only through the refused change and was removed on this laptop.',
    unchanged: 'This laptop already showed what the server has; the refused change is no longer shown.',
  },
  hide: 'Hide',
  hideLabel: 'Hide the change of {{record}}',
  confirmHide:
    'Stop showing this change of {{record}}? It stays on this laptop and never goes to the server. This laptop remembers that you hid it.',
  confirmHideYes: 'Yes, hide it',
  hidden: 'The change of {{record}} is no longer shown.',
  confirmYes: 'Yes, discard',
  confirmNo: 'Keep it',
  applied: 'The change of {{record}} is applied now.',
  stillRefused: 'The change of {{record}} still cannot be applied: {{reason}}',
  discarded: 'The change of {{record}} was discarded.',
  syncDialog_one: '{{count}} change of {{campaign}} was set aside: this laptop could not apply it.',
  syncDialog_other: '{{count}} changes of {{campaign}} were set aside: this laptop could not apply them.',
  open: 'View under Conflicts',
};
