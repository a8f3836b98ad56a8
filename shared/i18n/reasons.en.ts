import type { ReasonCode } from '../sync/reasons';

/** English messages of the sync reason codes. Same keys as reasons.nl-BE.ts. */
export const reasonsEn: Record<ReasonCode, string> = {
  INVALID_INPUT: 'The server did not understand the request. Update Veldwerk or tell your administrator.',
  UNAUTHORIZED: 'Your sign-in has expired. Sign in to the server again.',
  WRONG_CREDENTIALS: 'Wrong email address or password.',
  ACCOUNT_REVOKED: 'Your account is disabled. Ask your administrator for help.',
  LOGIN_BACKOFF: 'Too many failed sign-ins. Wait a moment, then try again.',
  FORBIDDEN: 'You may not do this in this campaign.',
  NOT_FOUND: 'The server does not know this (yet).',
  CONFLICT: 'That is not possible now: the state on the server has changed meanwhile.',
  CLOCK_SKEW: 'This laptop’s clock is wrong. Set the date and time right.',
  PAYLOAD_TOO_LARGE: 'This is too large to send to the server.',
  RATE_LIMITED: 'The server gets too many requests. Veldwerk tries again shortly.',
  INTERNAL: 'Something went wrong on the server. Veldwerk tries again shortly.',
  CHANGE_MALFORMED: 'A change is unreadable and was set aside.',
  VALUE_TOO_DEEP: 'A change is nested too deep and was set aside.',
  VALUE_TOO_LARGE: 'A change is too large and was set aside.',
  UNKNOWN_TABLE: 'A change belongs to a newer version of Veldwerk and was set aside.',
  UNKNOWN_COLUMN: 'A change belongs to a newer version of Veldwerk and was set aside.',
  BAD_VALUE: 'A change has an invalid value and was set aside.',
  BAD_DATE: 'A change has a date that does not exist and was set aside.',
  BAD_TEXT_UPDATE: 'A text change is damaged and was set aside.',
  CAMPAIGN_ROW_MISMATCH: 'A change of a campaign belongs to another campaign and was set aside.',
  WRONG_CAMPAIGN: 'A change belongs to another campaign and was set aside.',
  ROW_OF_OTHER_CAMPAIGN: 'A change touches data of another campaign and was set aside.',
  DUPLICATE_ID_CONFLICT: 'Two different changes carry the same id; the second was set aside.',
  STATUS_SERVER_OWNED: 'Only the server sets the status (submitted, approved, final).',
  FIELD_SERVER_OWNED: 'This field decides who may do what; only the team lead can change it.',
  AUTHOR_MISMATCH:
    'A change carries the name of another team member than your account’s and was not stored. Choose yourself under ‘I am’, or ask the team lead to put your email address on your team member.',
  AUTHOR_OTHER_ACCOUNT:
    'A change is signed as a team member who has an account of their own on the server, so it was refused for good. It stays on this laptop only, among the set-aside changes.',
  MEMBERS_TEAM_LEAD_ONLY:
    'Only the team lead adds or changes team members. Your change to the team was not stored; ask the team lead.',
  NODE_OF_OTHER_USER: 'The server knows this laptop under another user.',
  RELAYED_UNVERIFIED:
    'A change passed on from a third laptop is signed with a name this laptop cannot tie to that laptop. It was set aside, not applied.',
  HELD_FOR_REVIEW: 'The visit is approved already: your change waits for the coordinator.',
  SERVER_UNREACHABLE: 'The server cannot be reached. Your work is kept; Veldwerk tries again shortly.',
  LOCAL: 'Something went wrong on this laptop. Veldwerk tries again shortly.',
  INSECURE_HTTP:
    'This server address starts with http://: your password would travel unencrypted over the network. Connect again with an address that starts with https://.',
};
