import {
  BRIDGE_INVOKE_PATH,
  BRIDGE_TOKEN_HEADER,
  type ChannelName,
  type InputOf,
  type OutputOf,
} from '../../shared/contract/channels';
import { fail, type ContractError, type Result } from '../../shared/contract/result';
import { openBridgeStream, parseEvent, type StreamListener } from './data/events';

/**
 * The renderer's only way to the services: one typed `invoke` over whichever transport exists.
 * In Electron the preload provides `window.veldwerk.invoke` (IPC); in a plain browser the calls
 * go to the local HTTP bridge with the per-launch token from the URL fragment.
 */
type RawInvoke = (channel: string, payload: unknown, options?: InvokeOptions) => Promise<Result<unknown>>;

export interface InvokeOptions {
  /** Browser mode: the request outlives the page (a save sent while the page unloads). */
  readonly keepalive?: boolean;
}

const TOKEN_KEY = 'veldwerk.bridgeToken';

/** Takes the bridge token out of the URL (#token=…) into session storage, so it is not left in the address bar. */
function takeBridgeToken(): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function bridgeInvoke(token: string | null): RawInvoke {
  return async (channel, payload, options) => {
    try {
      const response = await fetch(BRIDGE_INVOKE_PATH, {
        method: 'POST',
        ...(options?.keepalive ? { keepalive: true } : {}),
        headers: { 'content-type': 'application/json', ...(token ? { [BRIDGE_TOKEN_HEADER]: token } : {}) },
        body: JSON.stringify({ channel, payload }),
      });
      return (await response.json()) as Result<unknown>;
    } catch (error) {
      return {
        ok: false,
        error: { code: 'INTERNAL', message: `TRANSPORT: ${error instanceof Error ? error.message : String(error)}` },
      };
    }
  };
}

export type Transport = 'ipc' | 'http';

/** Opens the transport's one event stream; answers its stop function. */
type RawSubscribe = (listener: StreamListener) => () => void;

function ipcSubscribe(subscribe: (listener: (payload: unknown) => void) => () => void): RawSubscribe {
  return (listener) =>
    subscribe((payload) => {
      const event = parseEvent(payload);
      if (event) listener(event);
    });
}

function pickTransport(): { transport: Transport; raw: RawInvoke; subscribe: RawSubscribe; hasToken: boolean } {
  if (window.veldwerk)
    return {
      transport: 'ipc',
      raw: window.veldwerk.invoke,
      subscribe: ipcSubscribe(window.veldwerk.subscribe),
      hasToken: true,
    };
  const token = takeBridgeToken();
  return {
    transport: 'http',
    raw: bridgeInvoke(token),
    subscribe: (listener) => openBridgeStream(listener, { token }),
    hasToken: token !== null,
  };
}

const picked = pickTransport();

/** One stream per page, shared by every subscriber: opened with the first, closed after the last. */
const listeners = new Set<StreamListener>();
let stopStream: (() => void) | null = null;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(readonly error: ContractError) {
    super(error.message);
  }
}

export const api = {
  transport: picked.transport,
  /** False in browser mode when the page was opened without the token link. */
  hasCredentials: picked.hasToken,
  /** Calls a channel and answers its envelope; never throws. */
  async invoke<C extends ChannelName>(
    channel: C,
    payload: InputOf<C>,
    options?: InvokeOptions,
  ): Promise<Result<OutputOf<C>>> {
    try {
      return (await picked.raw(channel, payload, options)) as Result<OutputOf<C>>;
    } catch (error) {
      return fail('INTERNAL', `TRANSPORT: ${error instanceof Error ? error.message : String(error)}`);
    }
  },
  /** Calls a channel and answers its value; throws ApiError on { ok: false }. */
  async call<C extends ChannelName>(channel: C, payload: InputOf<C>): Promise<OutputOf<C>> {
    const result = await api.invoke(channel, payload);
    if (!result.ok) throw new ApiError(result.error);
    return result.value;
  },
  /**
   * Listens to the services' change events (shared/contract/events.ts) over the transport's
   * stream (IPC in Electron, server-sent events in browser mode); answers the unsubscribe.
   * The data layer (renderer/src/data/) is the one subscriber screens need.
   */
  subscribe(listener: StreamListener): () => void {
    listeners.add(listener);
    stopStream ??= picked.subscribe((event) => {
      for (const each of [...listeners]) each(event);
    });
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && stopStream) {
        stopStream();
        stopStream = null;
      }
    };
  },
};
