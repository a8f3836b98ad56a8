/** An error that the HTTP layer answers with its status, a stable code and an English message for the user. */
export type ServerErrorCode =
  | 'INVALID_INPUT'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'CLOCK_SKEW'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'INTERNAL';

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

export const badRequest = (message: string): ServerError => new ServerError(400, 'INVALID_INPUT', message);
export const unauthorized = (message: string): ServerError => new ServerError(401, 'UNAUTHORIZED', message);
export const forbidden = (message: string): ServerError => new ServerError(403, 'FORBIDDEN', message);
export const notFound = (message: string): ServerError => new ServerError(404, 'NOT_FOUND', message);
export const conflict = (message: string): ServerError => new ServerError(409, 'CONFLICT', message);
