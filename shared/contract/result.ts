/**
 * The envelope every call through the contract answers with, on both transports
 * (Electron IPC and the local HTTP bridge).
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN',
  'UNAUTHORIZED',
  'NOT_FOUND',
  'CONFLICT',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ContractIssue {
  /** Dotted path of the offending field, e.g. "workingYear". */
  readonly path: string;
  /** English text, for logs, the CLI and API users. */
  readonly message: string;
  /** The i18n key of the message where there is one, for the UI. */
  readonly key?: string;
}

export interface ContractError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly issues?: readonly ContractIssue[];
  /** Why the sync server or engine refused, as a reason code (shared/sync/reasons.ts) the UI translates. */
  readonly reason?: string;
}

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ContractError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(
  code: ErrorCode,
  message: string,
  issues?: readonly ContractIssue[],
  reason?: string,
): Result<never> {
  return {
    ok: false,
    error: { code, message, ...(issues && issues.length > 0 ? { issues } : {}), ...(reason ? { reason } : {}) },
  };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
