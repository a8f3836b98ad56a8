import type { ContractIssue, ErrorCode } from '../shared/contract/result';

/** An expected failure of a service call, answered to the UI as { ok: false, error }. */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: readonly ContractIssue[],
    /** A sync reason code (shared/sync/reasons.ts) for a message in the user's language. */
    readonly reason?: string,
  ) {
    super(message);
  }
}
