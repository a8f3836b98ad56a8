import type { Messages } from './nl-BE';

/** English messages of the review workflow. Same keys as workflow.nl-BE.ts. */
export const workflowEn: Messages['workflow'] = {
  title: 'Approval',
  submit: 'Submit for approval',
  approve: 'Approve',
  sendBack: 'Send back to the duo',
  reopen: 'Withdraw approval',
  explain: {
    open: 'Is the visit fully captured? Submit it; the region coordinator approves it.',
    submitted: 'Submitted: the region coordinator or the team lead approves it or sends it back.',
    approved: 'Approved. Changes that still arrive wait for the coordinator’s decision.',
  },
  held: {
    title_one: '{{count}} late change waits for your decision',
    title_other: '{{count}} late changes wait for your decision',
    explain: 'These changes reached the server after the visit was approved. Nothing is lost: accept or reject them.',
    by: 'From {{author}}, {{time}}',
    question: 'Question: {{question}}',
    diff: 'Change: removed text struck through, new text underlined',
    unknownAuthor: 'a team member this laptop does not know',
    accept: 'Accept',
    reject: 'Reject',
  },
  own: {
    title: 'Your late edits',
    rejected: '{{who}} rejected your edit ({{field}}) on {{time}}. The visit shows the approved text again.',
    someone: 'The coordinator',
    rejectedText: 'What you wrote (copy it if you still need it):',
    copy: 'Copy',
    copied: 'Copied.',
    copyFailed: 'Copying does not work here: select the text and copy it yourself.',
    dismiss: 'Read',
    pending_one: '{{count}} edit reached the server after the approval and waits for the coordinator’s decision.',
    pending_other: '{{count}} edits reached the server after the approval and wait for the coordinator’s decision.',
    fields: {
      notes_text: 'note',
      swot_items_text: 'SWOT item',
      lemmas_narrative: 'lemma narrative',
      report_sections_body: 'report section',
      other: 'a field',
    },
  },
  errors: {
    forbidden: 'Only the region coordinator of this region or the team lead may do this.',
    needsServer: 'This needs a connection to the server. Connect this laptop, or try again when you are online.',
  },
};
