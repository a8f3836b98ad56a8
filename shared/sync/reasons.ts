/**
 * Stable reason codes for every refusal the sync server or the sync engine reports: the HTTP
 * error body `{ error: { code, message } }`, each refused change of a push (`refused[].code`),
 * each change a laptop sets aside (deferred changes), and the engine's status. The English
 * message travels along for logs and the CLI; the app shows the code in the user's language
 * (the UI's catalogs key their messages by these codes), so a code, once used, never changes
 * its meaning.
 */
export const REASON_CODES = [
  // Request level (HTTP error bodies).
  'INVALID_INPUT',
  'UNAUTHORIZED',
  'WRONG_CREDENTIALS',
  'ACCOUNT_REVOKED',
  'LOGIN_BACKOFF',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'CLOCK_SKEW',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'INTERNAL',
  // One change (validation: shared/sync/validate.ts).
  'CHANGE_MALFORMED',
  'VALUE_TOO_DEEP',
  'VALUE_TOO_LARGE',
  'UNKNOWN_TABLE',
  'UNKNOWN_COLUMN',
  'BAD_VALUE',
  'BAD_DATE',
  'BAD_TEXT_UPDATE',
  'CAMPAIGN_ROW_MISMATCH',
  'WRONG_CAMPAIGN',
  'ROW_OF_OTHER_CAMPAIGN',
  'DUPLICATE_ID_CONFLICT',
  // One change (server rules: server/sync-service.ts).
  'STATUS_SERVER_OWNED',
  'FIELD_SERVER_OWNED',
  'AUTHOR_MISMATCH',
  // Signed as someone who is another account (or another account's address): never stored, whatever is mended.
  'AUTHOR_OTHER_ACCOUNT',
  'MEMBERS_TEAM_LEAD_ONLY',
  'NODE_OF_OTHER_USER',
  'HELD_FOR_REVIEW',
  // A duo file or the LAN partner passed on a change of a third laptop signed as a person this
  // laptop cannot tie to that laptop (services/duo/duo-files.ts): kept aside, not applied.
  'RELAYED_UNVERIFIED',
  // The engine on the laptop.
  'SERVER_UNREACHABLE',
  'LOCAL',
  // The laptop refuses a plain http:// server address of another machine (shared/sync/server-url.ts).
  'INSECURE_HTTP',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

const KNOWN: ReadonlySet<string> = new Set(REASON_CODES);

export function isReasonCode(value: unknown): value is ReasonCode {
  return typeof value === 'string' && KNOWN.has(value);
}

/** A refusal with its code and an English message (for logs and the CLI). */
export interface Refusal {
  readonly code: ReasonCode;
  readonly message: string;
}
