import { BRIDGE_EVENTS_PATH, BRIDGE_TOKEN_HEADER } from '../../../shared/contract/constants';
import { appEventSchema, type AppEvent } from '../../../shared/contract/events';
import { SseParser } from '../../../shared/sse';

/**
 * What a subscriber hears: the services' events, and `resync` when events may have been missed
 * (the stream opened or re-opened), so everything shown must be read again.
 */
export type StreamEvent = AppEvent | { readonly type: 'resync' };
export type StreamListener = (event: StreamEvent) => void;

/** Parses one pushed payload; anything that is not a valid event is dropped. */
export function parseEvent(payload: unknown): AppEvent | null {
  const parsed = appEventSchema.safeParse(payload);
  return parsed.success ? parsed.data : null;
}

export interface BridgeStreamOptions {
  readonly token: string | null;
  readonly fetch?: typeof fetch;
  /** Waits before reconnect attempt n (1, 2, ...); default 1 s doubling up to 10 s. */
  readonly retryDelayMs?: (attempt: number) => number;
}

/**
 * Browser mode: reads the bridge's server-sent events with fetch and a stream reader (so the
 * token travels in a header, never in a URL) and reconnects after a drop. Answers the stop function.
 */
export function openBridgeStream(listener: StreamListener, options: BridgeStreamOptions): () => void {
  const doFetch = options.fetch ?? fetch.bind(globalThis);
  const delay = options.retryDelayMs ?? ((attempt: number) => Math.min(10_000, 1000 * 2 ** (attempt - 1)));
  const controller = new AbortController();
  let attempt = 0;

  const run = async (): Promise<void> => {
    while (!controller.signal.aborted) {
      try {
        const response = await doFetch(BRIDGE_EVENTS_PATH, {
          headers: options.token ? { [BRIDGE_TOKEN_HEADER]: options.token } : {},
          signal: controller.signal,
          cache: 'no-store',
        });
        // No token, wrong host, no events served: retrying would not help.
        if (response.status === 401 || response.status === 403 || response.status === 404) return;
        if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
        attempt = 0;
        listener({ type: 'resync' });
        const parser = new SseParser();
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const message of parser.push(value)) {
            let payload: unknown;
            try {
              payload = JSON.parse(message.data);
            } catch {
              continue;
            }
            const event = parseEvent(payload);
            if (event) listener(event);
          }
        }
      } catch {
        if (controller.signal.aborted) return;
      }
      attempt += 1;
      await new Promise((resolve) => setTimeout(resolve, delay(attempt)));
    }
  };
  void run();
  return () => controller.abort();
}
