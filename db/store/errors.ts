/** A change (local or remote) that the store refuses; nothing of the call that carried it was written. */
export class ChangeRejectedError extends Error {
  override readonly name = 'ChangeRejectedError';
}

/** A call names a record or conflict that does not exist. */
export class RecordNotFoundError extends Error {
  override readonly name = 'RecordNotFoundError';
}
