import type { z } from 'zod';
import type { Change } from '../../../shared/sync/change';
import { INSECURE_HTTP_MESSAGE, serverUrlProblem } from '../../../shared/sync/server-url';
import {
  apiErrorSchema,
  BLOB_COMPLETE_HEADER,
  BLOB_SIZE_HEADER,
  pathOf,
  routes,
  UPLOAD_OFFSET_HEADER,
  type ApiRoute,
  type BlobStatus,
  type HealthResponse,
  type HeldListResponse,
  type LanPartnersResponse,
  type MeResponse,
  type OwnHeldResponse,
  type PullResponse,
  type PushResponse,
  type RequestOf,
  type ResponseOf,
  type TokenResponse,
  type TransitionResponse,
} from '../../../server/api';

/**
 * A typed HTTP client of the sync server (Node 20's fetch), built from the routes of server/api.ts:
 * requests are typed by their schemas and every JSON answer is parsed with its schema. Network failures become
 * ServerUnreachableError (the engine shows "offline" and retries); answers with an error status
 * become SyncHttpError carrying the server's code and message (shown to the user as is). An
 * expired access token is refreshed once, transparently, when a refresh token is known.
 */
export class ServerUnreachableError extends Error {
  override readonly name = 'ServerUnreachableError';
}

export class SyncHttpError extends Error {
  override readonly name = 'SyncHttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A plain http:// address of another machine: the password and tokens would travel in clear. */
export class InsecureServerUrlError extends Error {
  override readonly name = 'InsecureServerUrlError';
  constructor() {
    super(INSECURE_HTTP_MESSAGE);
  }
}

export interface Credentials {
  accessToken: string | null;
  refreshToken: string | null;
}

export interface SyncHttpClientOptions {
  readonly baseUrl: string;
  readonly credentials?: Credentials;
  /** Called after a login or refresh so the caller can persist the new tokens. */
  readonly onTokens?: (tokens: TokenResponse) => void;
  /** Per-request time limit; default 30 s. */
  readonly timeoutMs?: number;
}

export class SyncHttpClient {
  readonly baseUrl: string;
  private readonly credentials: Credentials;
  private readonly timeoutMs: number;
  private refreshing: Promise<boolean> | null = null;

  constructor(private readonly options: SyncHttpClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    const problem = serverUrlProblem(this.baseUrl);
    if (problem === 'invalid')
      throw new Error(
        `The server URL must start with https:// (or http:// for this machine), not ${JSON.stringify(options.baseUrl)}`,
      );
    if (problem === 'insecure-http') throw new InsecureServerUrlError();
    this.credentials = options.credentials ?? { accessToken: null, refreshToken: null };
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  get hasToken(): boolean {
    return this.credentials.accessToken !== null;
  }

  async health(): Promise<HealthResponse> {
    return this.call(routes.health, {}, false);
  }

  async login(email: string, password: string): Promise<TokenResponse> {
    const tokens = await this.call(routes.login, { body: { email, password } }, false);
    this.adopt(tokens);
    return tokens;
  }

  async logout(): Promise<void> {
    await this.call(routes.logout, {});
    this.credentials.accessToken = null;
    this.credentials.refreshToken = null;
  }

  me(): Promise<MeResponse> {
    return this.call(routes.me, {});
  }

  /** node: this laptop's own node id (the server binds it to the account; see SyncService.push). */
  push(campaign: string, changes: readonly Change[], node?: string): Promise<PushResponse> {
    return this.call(routes.push, {
      params: { campaign },
      body: { changes: changes.map((entry) => ({ ...entry })), ...(node !== undefined ? { node } : {}) },
    });
  }

  pull(campaign: string, after: number, limit: number): Promise<PullResponse> {
    return this.call(routes.pull, {
      params: { campaign },
      querystring: { after: String(after), limit: String(limit) },
    });
  }

  transitionVisit(
    campaign: string,
    visitId: string,
    to: 'submitted' | 'approved' | 'done',
  ): Promise<TransitionResponse> {
    return this.call(routes.visitStatus, { params: { campaign, visitId }, body: { to } });
  }

  transitionReport(
    campaign: string,
    reportId: string,
    to: 'draft' | 'submitted' | 'approved' | 'final',
    options: { readonly comment?: string } = {},
  ): Promise<TransitionResponse> {
    return this.call(routes.reportStatus, { params: { campaign, reportId }, body: { to, ...options } });
  }

  listHeld(campaign: string, state?: 'pending' | 'accepted' | 'rejected'): Promise<HeldListResponse> {
    return this.call(routes.held, { params: { campaign }, querystring: state ? { state } : {} });
  }

  /** This account's own held edits in a campaign and what became of them. */
  listOwnHeld(campaign: string): Promise<OwnHeldResponse> {
    return this.call(routes.ownHeld, { params: { campaign } });
  }

  decideHeld(
    campaign: string,
    changeId: string,
    decision: 'accept' | 'reject',
  ): Promise<{ state: string; seq: number | null }> {
    return this.call(routes.decideHeld, { params: { campaign, changeId }, body: { decision } });
  }

  /** Tells the server this laptop's LAN certificate fingerprint (for the duo partners to check a pairing against). */
  async publishLanFingerprint(fingerprint: string): Promise<void> {
    await this.call(routes.lanFingerprint, { body: { fingerprint } });
  }

  /** The LAN fingerprints of the campaign's other members' laptops. */
  lanPartners(campaign: string): Promise<LanPartnersResponse> {
    return this.call(routes.lanPartners, { params: { campaign } });
  }

  /**
   * Opens the server's events stream (GET /v1/events, server/routes/events.ts) and answers the
   * response with its body unread, for the caller to read until it ends or `signal` aborts. The
   * headers must come within the request time limit; the body has none. An expired access token
   * is refreshed once. Failures as for every call: ServerUnreachableError or SyncHttpError.
   */
  async openEvents(signal: AbortSignal): Promise<Response> {
    const open = async () => {
      const controller = new AbortController();
      const abort = () => controller.abort();
      if (signal.aborted) abort();
      signal.addEventListener('abort', abort, { once: true });
      const timer = setTimeout(abort, this.timeoutMs);
      try {
        return await fetch(`${this.baseUrl}${pathOf(routes.events)}`, {
          headers: {
            accept: 'text/event-stream',
            ...(this.credentials.accessToken ? { authorization: `Bearer ${this.credentials.accessToken}` } : {}),
          },
          signal: controller.signal,
        });
      } catch (error) {
        throw new ServerUnreachableError(
          `The sync server at ${this.baseUrl} cannot be reached (${error instanceof Error ? error.message : String(error)}).`,
        );
      } finally {
        clearTimeout(timer);
      }
    };
    const used = this.credentials.accessToken;
    let response = await open();
    if (response.status === 401 && this.credentials.refreshToken) {
      await response.body?.cancel();
      if (await this.refresh(used)) response = await open();
    }
    if (!response.ok) throw await this.errorOf(response);
    return response;
  }

  /** What the server holds of a blob (null: nothing yet). */
  async blobStatus(campaign: string, sha256: string): Promise<BlobStatus | null> {
    const response = await this.send('HEAD', pathOf(routes.blob, { campaign, sha256 }));
    if (response.status === 404) return null;
    if (!response.ok) throw await this.errorOf(response);
    return {
      size: Number(response.headers.get(BLOB_SIZE_HEADER) ?? 0),
      received: Number(response.headers.get(UPLOAD_OFFSET_HEADER) ?? 0),
      complete: response.headers.get(BLOB_COMPLETE_HEADER) === 'true',
    };
  }

  /** Uploads a blob in chunks, resuming after whatever the server already holds. */
  async uploadBlob(
    campaign: string,
    sha256: string,
    data: Uint8Array,
    chunkBytes = 4 * 1024 * 1024,
    onProgress?: (sent: number, total: number) => void,
  ): Promise<BlobStatus> {
    let status = (await this.blobStatus(campaign, sha256)) ?? { size: data.length, received: 0, complete: false };
    while (!status.complete) {
      const start = status.received;
      const end = Math.min(start + chunkBytes, data.length);
      const response = await this.send('PUT', pathOf(routes.blob, { campaign, sha256 }), data.subarray(start, end), {
        'content-type': 'application/octet-stream',
        'content-range': `bytes ${start}-${end - 1}/${data.length}`,
      });
      if (response.status === 409 && response.headers.get(UPLOAD_OFFSET_HEADER) !== null) {
        status = { size: data.length, received: Number(response.headers.get(UPLOAD_OFFSET_HEADER)), complete: false };
        continue;
      }
      if (!response.ok) throw await this.errorOf(response);
      status = await this.parse(routes.blob.response, response);
      onProgress?.(status.received, data.length);
    }
    return status;
  }

  /** Downloads a blob; pass what you already have to resume (the server sends the rest). */
  async downloadBlob(campaign: string, sha256: string, have: Uint8Array = new Uint8Array()): Promise<Buffer> {
    const response = await this.send(
      'GET',
      pathOf(routes.blob, { campaign, sha256 }),
      undefined,
      have.length > 0 ? { range: `bytes=${have.length}-` } : {},
    );
    if (!response.ok) throw await this.errorOf(response);
    const rest = Buffer.from(await response.arrayBuffer());
    return response.status === 206 ? Buffer.concat([have, rest]) : rest;
  }

  private adopt(tokens: TokenResponse): void {
    this.credentials.accessToken = tokens.accessToken;
    this.credentials.refreshToken = tokens.refreshToken;
    this.options.onTokens?.(tokens);
  }

  /**
   * Gets a new token pair after `used` (the access token a request was refused with) expired. One
   * refresh at a time: a refresh token is single use, and presenting it twice (the events stream
   * and a round refreshing at once) would make the server end the session. A request refused
   * with a token that was replaced meanwhile just tries again with the new one.
   */
  private async refresh(used: string | null): Promise<boolean> {
    if (this.refreshing) return this.refreshing;
    if (used !== this.credentials.accessToken && this.credentials.accessToken !== null) return true;
    const refreshToken = this.credentials.refreshToken;
    if (!refreshToken) return false;
    this.refreshing = this.call(routes.refresh, { body: { refreshToken } }, false)
      .then((tokens) => {
        this.adopt(tokens);
        return true;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  /** Sends a request of one of the API's routes and parses its answer with the route's schema. */
  private async call<R extends ApiRoute & { readonly response: z.ZodType }>(
    route: R,
    request: Partial<RequestOf<R>>,
    authenticated = true,
  ): Promise<ResponseOf<R>> {
    const query = new URLSearchParams(
      Object.entries((request.querystring ?? {}) as Record<string, string | undefined>).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    ).toString();
    const path = `${pathOf(route, (request.params ?? {}) as Record<string, string>)}${query ? `?${query}` : ''}`;
    const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
    const headers: Record<string, string> = payload === undefined ? {} : { 'content-type': 'application/json' };
    const used = this.credentials.accessToken;
    let response = await this.send(route.method, path, payload, headers, authenticated);
    if (response.status === 401 && authenticated && this.credentials.refreshToken) {
      await response.body?.cancel();
      if (await this.refresh(used)) response = await this.send(route.method, path, payload, headers, authenticated);
    }
    if (!response.ok) throw await this.errorOf(response);
    return this.parse(route.response, response) as Promise<ResponseOf<R>>;
  }

  private async parse<S extends z.ZodType>(schema: S, response: Response): Promise<z.output<S>> {
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      // The connection broke mid-answer (server stopped, network lost) or the answer is not JSON.
      throw new ServerUnreachableError(
        `The answer of the sync server at ${this.baseUrl} was cut off (${error instanceof Error ? error.message : String(error)}).`,
      );
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SyncHttpError(
        response.status,
        'INTERNAL',
        `The sync server at ${this.baseUrl} answered in a shape this version does not know (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}).`,
      );
    }
    return parsed.data;
  }

  private async send(
    method: string,
    path: string,
    body?: string | Uint8Array,
    headers: Record<string, string> = {},
    authenticated = true,
  ): Promise<Response> {
    const auth: Record<string, string> =
      authenticated && this.credentials.accessToken ? { authorization: `Bearer ${this.credentials.accessToken}` } : {};
    try {
      return await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: { ...headers, ...auth },
        // A fresh Uint8Array over its own ArrayBuffer satisfies both Node's and the DOM's BodyInit.
        ...(body !== undefined ? { body: typeof body === 'string' ? body : new Uint8Array(body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const cause =
        error instanceof Error && error.cause instanceof Error
          ? error.cause.message
          : error instanceof Error
            ? error.message
            : String(error);
      throw new ServerUnreachableError(`The sync server at ${this.baseUrl} cannot be reached (${cause}).`);
    }
  }

  private async errorOf(response: Response): Promise<Error> {
    if (response.status === 502 || response.status === 503 || response.status === 504) {
      return new ServerUnreachableError(
        `The sync server at ${this.baseUrl} is not available (HTTP ${response.status}).`,
      );
    }
    const text = await response.text().catch(() => '');
    try {
      const parsed = apiErrorSchema.safeParse(JSON.parse(text));
      if (parsed.success) return new SyncHttpError(response.status, parsed.data.error.code, parsed.data.error.message);
    } catch {
      // not JSON: fall through
    }
    return new SyncHttpError(response.status, 'ERROR', `The sync server answered HTTP ${response.status}.`);
  }
}
