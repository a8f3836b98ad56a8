import { describe, expect, it } from 'vitest';
import { BRIDGE_EVENTS_PATH, BRIDGE_TOKEN_HEADER } from '../../shared/contract/constants';
import { openBridgeStream, parseEvent, type StreamEvent } from '../../renderer/src/data/events';
import { SseParser } from '../../shared/sse';

const EVENT = {
  type: 'changes',
  source: 'peer',
  campaigns: ['c1'],
  tables: ['notes'],
  rows: [{ table: 'notes', id: 'n1' }],
  truncated: false,
} as const;

describe('server-sent events parser', () => {
  it('joins messages split anywhere across chunks, with any line ending', () => {
    const parser = new SseParser();
    const text = `: open\r\n\r\nevent: changes\r\ndata: ${JSON.stringify(EVENT)}\r\n\r\n: ping\n\nevent: local\rdata: {"a":1}\r\r\n`;
    const messages = [];
    for (let index = 0; index < text.length; index += 7) messages.push(...parser.push(text.slice(index, index + 7)));
    expect(messages).toEqual([
      { event: 'changes', data: JSON.stringify(EVENT) },
      { event: 'local', data: '{"a":1}' },
    ]);
  });

  it('joins several data lines, drops one leading space, ignores comments and other fields', () => {
    const parser = new SseParser();
    expect(parser.push('data:one\ndata:  two\nid: 7\nretry: 10\n: note\n\n')).toEqual([
      { event: 'message', data: 'one\n two' },
    ]);
    expect(parser.push('data: half')).toEqual([]);
    expect(parser.push('\n\n')).toEqual([{ event: 'message', data: 'half' }]);
    // A blank line without data dispatches nothing.
    expect(parser.push('event: x\n\n')).toEqual([]);
  });

  it('validates pushed payloads: anything but a contract event is dropped', () => {
    expect(parseEvent(EVENT)).toEqual(EVENT);
    expect(parseEvent({ ...EVENT, tables: ['no_such_table'] })).toBeNull();
    expect(parseEvent({ ...EVENT, source: 'someone' })).toBeNull();
    expect(parseEvent({ type: 'local', topic: 'sync', campaign: null, extra: 1 })).toBeNull();
    expect(parseEvent('changes')).toBeNull();
  });
});

/** A fetch answering each call with the next body (a list of text chunks) or status. */
function fakeFetch(answers: Array<string[] | number>) {
  const calls: Array<{ url: string; headers: Record<string, string> }> = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), headers: (init?.headers ?? {}) as Record<string, string> });
    const answer = answers.shift();
    if (answer === undefined) return new Promise<Response>(() => {});
    if (typeof answer === 'number') return new Response(null, { status: answer });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of answer) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    });
    return new Response(stream, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

function collect(until: (events: StreamEvent[]) => boolean): {
  events: StreamEvent[];
  done: Promise<void>;
  listener: (event: StreamEvent) => void;
} {
  const events: StreamEvent[] = [];
  let resolve: () => void = () => {};
  const done = new Promise<void>((r) => (resolve = r));
  return {
    events,
    done,
    listener: (event) => {
      events.push(event);
      if (until(events)) resolve();
    },
  };
}

describe('the bridge event stream of the renderer', () => {
  it('sends the token in a header, hears resync then the valid events, and reconnects after a drop', async () => {
    const { fetch, calls } = fakeFetch([
      [
        ': open\n\n',
        `event: changes\ndata: ${JSON.stringify(EVENT)}\n\n`,
        'data: {"type":"bogus"}\n\ndata: not json\n\n',
      ],
      [': open\n\n'],
    ]);
    const sink = collect((events) => events.filter((event) => event.type === 'resync').length === 2);
    const stop = openBridgeStream(sink.listener, { token: 'secret', fetch, retryDelayMs: () => 1 });
    await sink.done;
    stop();
    expect(sink.events).toEqual([{ type: 'resync' }, EVENT, { type: 'resync' }]);
    expect(calls.map((call) => call.url)).toEqual([BRIDGE_EVENTS_PATH, BRIDGE_EVENTS_PATH]);
    expect(calls[0]?.headers).toEqual({ [BRIDGE_TOKEN_HEADER]: 'secret' });
  });

  it('gives up on a refusal that retrying cannot cure (no or wrong token)', async () => {
    const { fetch, calls } = fakeFetch([401, [': open\n\n']]);
    const events: StreamEvent[] = [];
    openBridgeStream((event) => events.push(event), { token: null, fetch, retryDelayMs: () => 1 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(calls).toHaveLength(1);
    expect(events).toEqual([]);
  });
});
