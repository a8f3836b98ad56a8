import { z } from 'zod';
import { ROW_ID_PATTERN, type Change } from '../shared/sync/change';
import { NODE_ID_PATTERN } from '../shared/sync/hlc';
import type { ReasonCode } from '../shared/sync/reasons';
import type { Role } from './store/memberships';

/**
 * The sync server's HTTP API, described once: every route's method, path, parameters, query,
 * body and answer as zod schemas. The routes (server/routes/) validate requests with these
 * schemas turned into JSON Schema for Fastify (`fastifySchema`), and are type-checked against
 * their answers; the client (services/sync/client/http.ts) builds its requests from the same routes and
 * parses every answer with them. Failures are { error: { code, message } } with a 4xx/5xx status.
 */
export const API_PREFIX = '/v1';
export const MAX_PUSH_BATCH = 1000;
export const MAX_PULL_LIMIT = 2000;
export const DEFAULT_PULL_LIMIT = 500;
/** Largest blob upload request (one chunk). */
export const MAX_BLOB_CHUNK_BYTES = 8 * 1024 * 1024;
export const MAX_BLOB_BYTES = 1024 * 1024 * 1024;

/** Header on HEAD and PUT answers: how many bytes of the blob the server holds (resume from there). */
export const UPLOAD_OFFSET_HEADER = 'upload-offset';
export const BLOB_SIZE_HEADER = 'blob-size';
export const BLOB_COMPLETE_HEADER = 'blob-complete';

// ---- parts ----

const rowId = z.string().regex(ROW_ID_PATTERN);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
/**
 * A change in an answer. The client checks only that it is an object: every change it applies
 * passes the one change validation (shared/sync/validate.ts) in the store's apply path, which
 * also knows what to set aside (a newer schema's change) instead of refusing the whole page.
 */
const change = z.custom<Change>((value) => typeof value === 'object' && value !== null && !Array.isArray(value));
/** A reason code (shared/sync/reasons.ts); a newer server's code passes and is shown by its message. */
const reasonCode = z.custom<ReasonCode>((value) => typeof value === 'string');
/** A role (server/store/memberships.ts); a newer server's role passes. */
const role = z.custom<Role>((value) => typeof value === 'string');
const heldState = z.enum(['pending', 'accepted', 'rejected']);

export const apiErrorSchema = z.object({
  /** code: a stable reason code (shared/sync/reasons.ts), message: English, for logs and the CLI. */
  error: z.object({ code: reasonCode, message: z.string() }),
});

/** A change of a push that the server did not apply, with its reason code. */
export const refusedChangeSchema = z.object({ id: z.string(), code: reasonCode, reason: z.string() });

export const healthResponse = z.object({
  ok: z.literal(true),
  serverId: z.string(),
  store: z.enum(['sqlite', 'postgres']),
  /** The server's wall clock (ms since the epoch), for laptops to tell whether their clock is off. */
  time: z.number(),
  /** The allowed clock skew of laptops (ms). */
  maxClockSkewMs: z.number(),
});

export const loginBody = z.strictObject({
  email: z.string().min(3).max(320),
  password: z.string().min(1).max(1024),
});
export const refreshBody = z.strictObject({ refreshToken: z.string().min(1).max(200) });

export const tokenResponse = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  accessExpiresAt: z.number(),
  refreshExpiresAt: z.number(),
});

export const okResponse = z.object({ ok: z.literal(true) });

export const meResponse = z.object({
  serverId: z.string(),
  user: z.object({ id: z.string(), email: z.string() }),
  memberships: z.array(z.object({ campaign: z.string(), role, scope: z.string() })).readonly(),
  /** The server's wall clock when it answered (ms since the epoch). */
  time: z.number(),
  /** The allowed clock skew of laptops (ms). */
  maxClockSkewMs: z.number(),
});

export const campaignParams = z.object({ campaign: rowId });

export const pushBody = z.strictObject({
  /** Each change is checked by the one change validation when the server stores the batch. */
  changes: z.array(z.looseObject({})).max(MAX_PUSH_BATCH),
  /** The pushing laptop's own node id (the server binds it to the account). */
  node: z.string().regex(NODE_ID_PATTERN).optional(),
});
export const pushResponse = z.object({
  accepted: z.number(),
  duplicates: z.number(),
  held: z.number(),
  refused: z.array(refusedChangeSchema).readonly(),
  lastSeq: z.number(),
});

export const pullQuery = z.strictObject({
  after: z
    .string()
    .regex(/^(0|[1-9][0-9]{0,14})$/)
    .optional(),
  limit: z
    .string()
    .regex(/^[1-9][0-9]{0,4}$/)
    .optional(),
});
export const pullResponse = z.object({
  changes: z.array(change).readonly(),
  /** Pass as `after` for the next page. */
  cursor: z.number(),
  hasMore: z.boolean(),
  lastSeq: z.number(),
});

export const visitStatusParams = z.object({ campaign: rowId, visitId: rowId });
export const visitStatusBody = z.strictObject({ to: z.enum(['submitted', 'approved', 'done']) });

export const reportStatusParams = z.object({ campaign: rowId, reportId: rowId });
export const reportStatusBody = z.strictObject({
  to: z.enum(['draft', 'submitted', 'approved', 'final']),
  comment: z.string().max(5000).optional(),
  // Sent by older laptops; ignored: the server resolves the frozen values itself.
  frozen: z.record(z.string(), z.unknown()).optional(),
});

export const transitionResponse = z.object({
  status: z.string(),
  change,
  /** Every change the transition wrote (a report's also its comment and frozen values); absent from older servers. */
  changes: z.array(change).readonly().optional(),
  seq: z.number(),
});

export const heldQuery = z.strictObject({ state: heldState.optional() });
export const heldListResponse = z.object({
  held: z
    .array(
      z.object({
        change,
        visitId: z.string(),
        reason: z.string(),
        state: heldState,
        pushedBy: z.string(),
        receivedAt: z.number(),
      }),
    )
    .readonly(),
});

/** One of the requester's own held edits: what became of it. */
export const ownHeldResponse = z.object({
  held: z
    .array(
      z.object({
        change,
        visitId: z.string(),
        state: heldState,
        receivedAt: z.number(),
        /** The e-mail address of the account that decided (null while pending). */
        decidedBy: z.string().nullable(),
        decidedAt: z.number().nullable(),
        /** For a rejected edit: the field as its author wrote it. */
        editedText: z.string().nullable(),
      }),
    )
    .readonly(),
});

export const heldDecisionParams = z.object({ campaign: rowId, changeId: z.string().regex(/^[0-9a-z-]{1,60}$/) });
export const heldDecisionBody = z.strictObject({ decision: z.enum(['accept', 'reject']) });
export const heldDecisionResponse = z.object({ state: z.string(), seq: z.number().nullable() });

export const blobParams = z.object({ campaign: rowId, sha256 });
export const blobStatusSchema = z.object({ size: z.number(), received: z.number(), complete: z.boolean() });

/** A laptop's LAN certificate fingerprint (SHA-256 of its DER bytes, lower-case hex; services/lan/identity.ts). */
export const lanFingerprintBody = z.strictObject({ fingerprint: sha256 });
/** The laptops of the campaign's other members, for a LAN pairing to be checked against. */
export const lanPartnersResponse = z.object({
  partners: z.array(z.object({ email: z.string(), fingerprint: sha256, updatedAt: z.number() })).readonly(),
});

/**
 * GET /v1/events: server-sent events that tell a laptop its campaigns have news, so it pulls at
 * once instead of at its next periodic round. `open` first (every campaign of the account with its
 * last sequence number: the laptop pulls where it is behind), then `news` right after a change is
 * stored, `: ping` comments every `heartbeatMs`, and `closed` before the server ends the stream.
 * Only the account's own campaigns are ever named.
 */
export const EVENTS_STREAM_EVENTS = { open: 'open', news: 'news', closed: 'closed' } as const;
export const campaignNewsSchema = z.object({ campaign: z.string(), seq: z.number().int().nonnegative() });
export const eventsOpenSchema = z.object({
  campaigns: z.array(campaignNewsSchema).readonly(),
  /** The pause between pings: a stream silent for much longer is dead. */
  heartbeatMs: z.number().int().positive(),
});
/**
 * Why the server ended a stream: `token-expired` (reconnect with a fresh token), `revoked` (the
 * token or account was revoked), `too-many-streams` (the account opened more streams than allowed;
 * the oldest is closed), `memberships-changed` (reconnect to hear the new set), `shutdown`.
 */
export const eventsClosedSchema = z.object({ reason: z.string() });
export type CampaignNews = z.infer<typeof campaignNewsSchema>;
export type EventsOpen = z.infer<typeof eventsOpenSchema>;

// ---- routes ----

export interface ApiRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'HEAD';
  /** Fastify's path, with `:name` parameters. */
  readonly path: string;
  readonly params?: z.ZodType;
  readonly querystring?: z.ZodType;
  readonly body?: z.ZodType;
  /** The JSON answer (absent for routes that answer bytes or headers). */
  readonly response?: z.ZodType;
}

const campaignRoot = `${API_PREFIX}/campaigns/:campaign`;

export const routes = {
  health: { method: 'GET', path: '/health', response: healthResponse },
  login: { method: 'POST', path: `${API_PREFIX}/auth/login`, body: loginBody, response: tokenResponse },
  refresh: { method: 'POST', path: `${API_PREFIX}/auth/refresh`, body: refreshBody, response: tokenResponse },
  logout: { method: 'POST', path: `${API_PREFIX}/auth/logout`, response: okResponse },
  me: { method: 'GET', path: `${API_PREFIX}/me`, response: meResponse },
  push: {
    method: 'POST',
    path: `${campaignRoot}/changes`,
    params: campaignParams,
    body: pushBody,
    response: pushResponse,
  },
  pull: {
    method: 'GET',
    path: `${campaignRoot}/changes`,
    params: campaignParams,
    querystring: pullQuery,
    response: pullResponse,
  },
  visitStatus: {
    method: 'POST',
    path: `${campaignRoot}/visits/:visitId/status`,
    params: visitStatusParams,
    body: visitStatusBody,
    response: transitionResponse,
  },
  reportStatus: {
    method: 'POST',
    path: `${campaignRoot}/reports/:reportId/status`,
    params: reportStatusParams,
    body: reportStatusBody,
    response: transitionResponse,
  },
  held: {
    method: 'GET',
    path: `${campaignRoot}/held`,
    params: campaignParams,
    querystring: heldQuery,
    response: heldListResponse,
  },
  ownHeld: { method: 'GET', path: `${campaignRoot}/held/mine`, params: campaignParams, response: ownHeldResponse },
  decideHeld: {
    method: 'POST',
    path: `${campaignRoot}/held/:changeId`,
    params: heldDecisionParams,
    body: heldDecisionBody,
    response: heldDecisionResponse,
  },
  lanFingerprint: {
    method: 'PUT',
    path: `${API_PREFIX}/lan/fingerprint`,
    body: lanFingerprintBody,
    response: okResponse,
  },
  lanPartners: {
    method: 'GET',
    path: `${campaignRoot}/lan/partners`,
    params: campaignParams,
    response: lanPartnersResponse,
  },
  /** Server-sent events (EVENTS_STREAM_EVENTS), not JSON. */
  events: { method: 'GET', path: `${API_PREFIX}/events` },
  /** HEAD: the upload offset in headers; PUT: a chunk (Content-Range), answers the status; GET: the bytes. */
  blob: { method: 'GET', path: `${campaignRoot}/blobs/:sha256`, params: blobParams, response: blobStatusSchema },
} as const satisfies Record<string, ApiRoute>;

type Part<R, K extends keyof ApiRoute, Mode extends 'in' | 'out'> = R extends { readonly [P in K]: infer S }
  ? S extends z.ZodType
    ? Mode extends 'in'
      ? z.input<S>
      : z.output<S>
    : never
  : undefined;

/** A route's request as the client sends it (params, query and body before parsing). */
export interface RequestOf<R extends ApiRoute> {
  readonly params: Part<R, 'params', 'in'>;
  readonly querystring: Part<R, 'querystring', 'in'>;
  readonly body: Part<R, 'body', 'in'>;
}

/** A route's types as its Fastify handler sees them (parsed request, answer to send). */
export interface RouteTypesOf<R extends ApiRoute> {
  Params: Part<R, 'params', 'out'>;
  Querystring: Part<R, 'querystring', 'out'>;
  Body: Part<R, 'body', 'out'>;
  Reply: Part<R, 'response', 'in'>;
}

/** The answer of a route, as the client gets it after parsing. */
export type ResponseOf<R extends ApiRoute> = Part<R, 'response', 'out'>;

/** The path of a route with its parameters filled in (each URL-encoded). */
export function pathOf(route: ApiRoute, params: Readonly<Record<string, string>> = {}): string {
  return route.path.replace(/:([A-Za-z0-9]+)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${route.path} needs the parameter ${name}`);
    return encodeURIComponent(value);
  });
}

// ---- the answers' types, derived from the schemas ----

export type RefusedChange = z.infer<typeof refusedChangeSchema>;
export type HealthResponse = z.infer<typeof healthResponse>;
export type TokenResponse = z.infer<typeof tokenResponse>;
export type MeResponse = z.infer<typeof meResponse>;
export type PushResponse = z.infer<typeof pushResponse>;
export type PullResponse = z.infer<typeof pullResponse>;
export type TransitionResponse = z.infer<typeof transitionResponse>;
export type HeldListResponse = z.infer<typeof heldListResponse>;
export type HeldChangeView = HeldListResponse['held'][number];
export type OwnHeldResponse = z.infer<typeof ownHeldResponse>;
export type OwnHeldView = OwnHeldResponse['held'][number];
export type BlobStatus = z.infer<typeof blobStatusSchema>;
export type LanPartnersResponse = z.infer<typeof lanPartnersResponse>;
