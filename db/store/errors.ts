import type { ReasonCode } from '../../shared/sync/reasons';

/** A change (local or remote) that the store refuses; nothing of the call that carried it was written. */
export class ChangeRejectedError extends Error {
  override readonly name = 'ChangeRejectedError';
  constructor(
    message: string,
    /** The field whose value was refused, where one was. */
    readonly field?: { readonly table: string; readonly column: string },
    /** Why, as a stable reason code (shared/sync/reasons.ts). */
    readonly code: ReasonCode = 'CHANGE_MALFORMED',
  ) {
    super(message);
  }
}

/** A call names a record or conflict that does not exist. */
export class RecordNotFoundError extends Error {
  override readonly name = 'RecordNotFoundError';
}
