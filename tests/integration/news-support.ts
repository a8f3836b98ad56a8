import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { SseParser, type SseMessage } from '../../shared/sse';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A test's reader of the server's events stream (GET /v1/events): every message kept, in order. */
export class EventsReader {
  readonly messages: SseMessage[] = [];
  ended = false;
  private readonly waiters = new Set<() => void>();
  private readonly abort = new AbortController();

  private constructor(readonly status: number) {}

  /** Opens the stream with this access token; the answer's status is kept, the body read in the background. */
  static async open(url: string, token: string | null): Promise<EventsReader> {
    const controller = new AbortController();
    const response = await fetch(`${url}/v1/events`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: controller.signal,
    });
    const reader = new EventsReader(response.status);
    reader.abort.signal.addEventListener('abort', () => controller.abort());
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      reader.finish();
      return reader;
    }
    void reader.read(response.body);
    return reader;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const parser = new SseParser();
    try {
      const stream = body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await stream.read();
        if (done) break;
        this.messages.push(...parser.push(decoder.decode(value, { stream: true })));
        this.wake();
      }
    } catch {
      // aborted or cut off: the stream is over
    }
    this.finish();
  }

  private finish(): void {
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** The data of the stream's messages of one event, parsed. */
  data<T>(event: string): T[] {
    return this.messages.filter((message) => message.event === event).map((message) => JSON.parse(message.data) as T);
  }

  /** Waits until done() holds for what was received (or the stream ended: then done() must hold anyway). */
  async until(done: (reader: EventsReader) => boolean, what: string, timeoutMs = 60_000): Promise<void> {
    const started = Date.now();
    while (!done(this)) {
      if (this.ended) throw new Error(`the events stream ended before ${what}: ${JSON.stringify(this.messages)}`);
      if (Date.now() - started > timeoutMs)
        throw new Error(`timed out waiting for ${what}: ${JSON.stringify(this.messages)}`);
      await new Promise<void>((resolve) => {
        const waiter = () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
        };
        const timer = setTimeout(waiter, 1000);
        this.waiters.add(waiter);
      });
    }
  }

  /** Waits for the stream to end (the server closed it). */
  async ends(what: string): Promise<void> {
    await this.until((reader) => reader.ended, what).catch(() => undefined);
  }

  close(): void {
    this.abort.abort();
  }
}

export interface ServerProcess {
  readonly url: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** Runs `veldwerk server` as a child process on a free port of 127.0.0.1; resolves once it listens. */
export function startServerProcess(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child: ChildProcessWithoutNullStreams = spawn(
      process.execPath,
      [path.join(ROOT, 'bin/veldwerk.mjs'), 'server', '--port', '0', '--log-level', 'warn', ...args],
      { cwd: ROOT, env: { ...process.env, ...env } },
    );
    let output = '';
    let done = false;
    const exited = new Promise<void>((settle) => child.on('close', () => settle()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[0-9.]+:\d+)/.exec(output);
      if (match && !done) {
        done = true;
        resolve({
          url: match[1] as string,
          output: () => output,
          stop: async () => {
            child.kill('SIGINT');
            await exited;
          },
        });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (!done) reject(new Error(`veldwerk server exited (${code}) before it listened:\n${output}`));
    });
  });
}
