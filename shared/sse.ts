/**
 * A server-sent events parser for a fetch() body stream, used by the renderer (the bridge's change
 * events) and the laptop's sync client (the server's campaign news). Hand-written (some 30 lines)
 * because EventSource cannot send a token in a header, and both servers write only `event:`,
 * `data:` and comment lines; this follows the WHATWG framing rules for those (CRLF, CR or LF line
 * ends; a blank line ends an event; several data lines join with "\n"; a leading space after the
 * colon is dropped; comments and other fields are ignored).
 */
export interface SseMessage {
  readonly event: string;
  readonly data: string;
}

export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';

  /** Feeds decoded text; answers the messages it completes. */
  push(text: string): SseMessage[] {
    this.buffer += text;
    const out: SseMessage[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      // A lone CR at the end may be the first half of CRLF: wait for more.
      if (!match || (match[0] === '\r' && match.index === this.buffer.length - 1)) break;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      if (line === '') {
        if (this.data.length > 0) out.push({ event: this.event || 'message', data: this.data.join('\n') });
        this.data = [];
        this.event = '';
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'data') this.data.push(value);
      else if (field === 'event') this.event = value;
    }
    return out;
  }
}

/** The response headers of both event streams (the server's campaign news, the bridge's change events). */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-store',
  // One stream per connection: ending the stream ends the connection (no idle keep-alive left).
  connection: 'close',
  'x-content-type-options': 'nosniff',
};

/** One event in the framing SseParser reads: a JSON payload on one data line (JSON has no raw line breaks). */
export function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
