import type { Change } from '../shared/sync/change';
import type { ReasonCode } from '../shared/sync/reasons';
import type { Membership } from './store/store';

/**
 * The sync server's HTTP API, shared by the server routes and the client in server/client/.
 * Successful answers are the JSON below; failures are { error: { code, message } } with a 4xx/5xx status.
 */
export const API_PREFIX = '/v1';
export const MAX_PUSH_BATCH = 1000;
export const MAX_PULL_LIMIT = 2000;
export const DEFAULT_PULL_LIMIT = 500;
/** Largest blob upload request (one chunk). */
export const MAX_BLOB_CHUNK_BYTES = 8 * 1024 * 1024;
export const MAX_BLOB_BYTES = 1024 * 1024 * 1024;

export interface ApiError {
  /** code: a stable reason code (shared/sync/reasons.ts), message: English, for logs and the CLI. */
  readonly error: { readonly code: ReasonCode; readonly message: string };
}

/** A change of a push that the server did not apply, with its reason code. */
export interface RefusedChange {
  readonly id: string;
  readonly code: ReasonCode;
  readonly reason: string;
}

export interface HealthResponse {
  readonly ok: true;
  readonly serverId: string;
  readonly store: 'sqlite' | 'postgres';
  /** The server's wall clock (ms since the epoch), for laptops to tell whether their clock is off. */
  readonly time: number;
  /** The allowed clock skew of laptops (ms). */
  readonly maxClockSkewMs: number;
}

export interface LoginRequest {
  readonly email: string;
  readonly password: string;
}

export interface TokenResponse {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly accessExpiresAt: number;
  readonly refreshExpiresAt: number;
}

export interface MeResponse {
  readonly serverId: string;
  readonly user: { readonly id: string; readonly email: string };
  readonly memberships: readonly Membership[];
  /** The server's wall clock when it answered (ms since the epoch). */
  readonly time: number;
  /** The allowed clock skew of laptops (ms). */
  readonly maxClockSkewMs: number;
}

export interface PushRequest {
  readonly changes: readonly Change[];
}

export interface PushResponse {
  readonly accepted: number;
  readonly duplicates: number;
  readonly held: number;
  readonly refused: readonly RefusedChange[];
  readonly lastSeq: number;
}

export interface PullResponse {
  readonly changes: readonly Change[];
  readonly cursor: number;
  readonly hasMore: boolean;
  readonly lastSeq: number;
}

export interface TransitionResponse {
  readonly status: string;
  readonly change: Change;
  /** Every change the transition wrote (a report's also its comment and frozen values); absent from older servers. */
  readonly changes?: readonly Change[];
  readonly seq: number;
}

export interface HeldChangeView {
  readonly change: Change;
  readonly visitId: string;
  readonly reason: string;
  readonly state: 'pending' | 'accepted' | 'rejected';
  readonly pushedBy: string;
  readonly receivedAt: number;
}

export interface HeldListResponse {
  readonly held: readonly HeldChangeView[];
}

/** One of the requester's own held edits: what became of it (GET /campaigns/:campaign/held/mine). */
export interface OwnHeldView {
  readonly change: Change;
  readonly visitId: string;
  readonly state: 'pending' | 'accepted' | 'rejected';
  readonly receivedAt: number;
  /** The e-mail address of the account that decided (null while pending). */
  readonly decidedBy: string | null;
  readonly decidedAt: number | null;
  /** For a rejected edit: the field as its author wrote it. */
  readonly editedText: string | null;
}

export interface OwnHeldResponse {
  readonly held: readonly OwnHeldView[];
}

export interface BlobStatus {
  readonly size: number;
  readonly received: number;
  readonly complete: boolean;
}

/** Header on HEAD and PUT answers: how many bytes of the blob the server holds (resume from there). */
export const UPLOAD_OFFSET_HEADER = 'upload-offset';
export const BLOB_SIZE_HEADER = 'blob-size';
export const BLOB_COMPLETE_HEADER = 'blob-complete';

export function campaignPath(campaign: string, ...rest: string[]): string {
  return [API_PREFIX, 'campaigns', encodeURIComponent(campaign), ...rest.map(encodeURIComponent)].join('/');
}
