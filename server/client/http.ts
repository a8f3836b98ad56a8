import type { Change } from '../../shared/sync/change';
import { INSECURE_HTTP_MESSAGE, serverUrlProblem } from '../../shared/sync/server-url';
import {
  API_PREFIX,
  BLOB_COMPLETE_HEADER,
  BLOB_SIZE_HEADER,
  campaignPath,
  UPLOAD_OFFSET_HEADER,
  type BlobStatus,
  type HealthResponse,
  type HeldListResponse,
  type OwnHeldResponse,
  type MeResponse,
  type PullResponse,
  type PushResponse,
  type TokenResponse,
  type TransitionResponse,
} from '../api';

/**
 * A typed HTTP client of the sync server (Node 20's fetch). Network failures become
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
    return this.json<HealthResponse>('GET', '/health', undefined, false);
  }

  async login(email: string, password: string): Promise<TokenResponse> {
    const tokens = await this.json<TokenResponse>('POST', `${API_PREFIX}/auth/login`, { email, password }, false);
    this.adopt(tokens);
    return tokens;
  }

  async logout(): Promise<void> {
    await this.json('POST', `${API_PREFIX}/auth/logout`, undefined);
    this.credentials.accessToken = null;
    this.credentials.refreshToken = null;
  }

  me(): Promise<MeResponse> {
    return this.json<MeResponse>('GET', `${API_PREFIX}/me`);
  }

  /** node: this laptop's own node id (the server binds it to the account; see SyncService.push). */
  push(campaign: string, changes: readonly Change[], node?: string): Promise<PushResponse> {
    return this.json<PushResponse>(
      'POST',
      campaignPath(campaign, 'changes'),
      node !== undefined ? { changes, node } : { changes },
    );
  }

  pull(campaign: string, after: number, limit: number): Promise<PullResponse> {
    return this.json<PullResponse>('GET', `${campaignPath(campaign, 'changes')}?after=${after}&limit=${limit}`);
  }

  transitionVisit(
    campaign: string,
    visitId: string,
    to: 'submitted' | 'approved' | 'done',
  ): Promise<TransitionResponse> {
    return this.json<TransitionResponse>('POST', campaignPath(campaign, 'visits', visitId, 'status'), { to });
  }

  transitionReport(
    campaign: string,
    reportId: string,
    to: 'draft' | 'submitted' | 'approved' | 'final',
    options: { readonly comment?: string } = {},
  ): Promise<TransitionResponse> {
    return this.json<TransitionResponse>('POST', campaignPath(campaign, 'reports', reportId, 'status'), {
      to,
      ...options,
    });
  }

  listHeld(campaign: string, state?: 'pending' | 'accepted' | 'rejected'): Promise<HeldListResponse> {
    return this.json<HeldListResponse>('GET', `${campaignPath(campaign, 'held')}${state ? `?state=${state}` : ''}`);
  }

  /** This account's own held edits in a campaign and what became of them. */
  listOwnHeld(campaign: string): Promise<OwnHeldResponse> {
    return this.json<OwnHeldResponse>('GET', campaignPath(campaign, 'held', 'mine'));
  }

  decideHeld(
    campaign: string,
    changeId: string,
    decision: 'accept' | 'reject',
  ): Promise<{ state: string; seq: number | null }> {
    return this.json('POST', campaignPath(campaign, 'held', changeId), { decision });
  }

  /** What the server holds of a blob (null: nothing yet). */
  async blobStatus(campaign: string, sha256: string): Promise<BlobStatus | null> {
    const response = await this.send('HEAD', campaignPath(campaign, 'blobs', sha256));
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
      const response = await this.send('PUT', campaignPath(campaign, 'blobs', sha256), data.subarray(start, end), {
        'content-type': 'application/octet-stream',
        'content-range': `bytes ${start}-${end - 1}/${data.length}`,
      });
      if (response.status === 409 && response.headers.get(UPLOAD_OFFSET_HEADER) !== null) {
        status = { size: data.length, received: Number(response.headers.get(UPLOAD_OFFSET_HEADER)), complete: false };
        continue;
      }
      if (!response.ok) throw await this.errorOf(response);
      status = (await response.json()) as BlobStatus;
      onProgress?.(status.received, data.length);
    }
    return status;
  }

  /** Downloads a blob; pass what you already have to resume (the server sends the rest). */
  async downloadBlob(campaign: string, sha256: string, have: Uint8Array = new Uint8Array()): Promise<Buffer> {
    const response = await this.send(
      'GET',
      campaignPath(campaign, 'blobs', sha256),
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

  private async refresh(): Promise<boolean> {
    const refreshToken = this.credentials.refreshToken;
    if (!refreshToken) return false;
    const tokens = await this.json<TokenResponse>('POST', `${API_PREFIX}/auth/refresh`, { refreshToken }, false);
    this.adopt(tokens);
    return true;
  }

  private async json<T>(method: string, path: string, body?: unknown, authenticated = true): Promise<T> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = payload === undefined ? {} : { 'content-type': 'application/json' };
    let response = await this.send(method, path, payload, headers, authenticated);
    if (response.status === 401 && authenticated && this.credentials.refreshToken) {
      await response.body?.cancel();
      if (await this.refresh()) response = await this.send(method, path, payload, headers, authenticated);
    }
    if (!response.ok) throw await this.errorOf(response);
    try {
      return (await response.json()) as T;
    } catch (error) {
      // The connection broke mid-answer (server stopped, network lost) or the answer is not JSON.
      throw new ServerUnreachableError(
        `The answer of the sync server at ${this.baseUrl} was cut off (${error instanceof Error ? error.message : String(error)}).`,
      );
    }
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
      const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
      if (parsed.error && typeof parsed.error.message === 'string') {
        return new SyncHttpError(
          response.status,
          typeof parsed.error.code === 'string' ? parsed.error.code : 'ERROR',
          parsed.error.message,
        );
      }
    } catch {
      // not JSON: fall through
    }
    return new SyncHttpError(response.status, 'ERROR', `The sync server answered HTTP ${response.status}.`);
  }
}
