import type { ReasonCode } from '../shared/sync/reasons';

/**
 * An error that the HTTP layer answers with its status, a stable reason code
 * (shared/sync/reasons.ts: the app shows it in the user's language) and an English message.
 */
export type ServerErrorCode = ReasonCode;

export class ServerError extends Error {
  override readonly name = 'ServerError';
  constructor(
    readonly status: number,
    readonly code: ServerErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, code: ServerErrorCode = 'INVALID_INPUT'): ServerError =>
  new ServerError(400, code, message);
export const unauthorized = (message: string, code: ServerErrorCode = 'UNAUTHORIZED'): ServerError =>
  new ServerError(401, code, message);
export const forbidden = (message: string): ServerError => new ServerError(403, 'FORBIDDEN', message);
export const notFound = (message: string): ServerError => new ServerError(404, 'NOT_FOUND', message);
export const conflict = (message: string): ServerError => new ServerError(409, 'CONFLICT', message);
