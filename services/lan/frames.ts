import type { Duplex } from 'node:stream';
import { z } from 'zod';
import { LAN_REFUSALS, type LanReason } from '../../shared/contract/lan';

/*
 * Messages of the duo protocol over one TLS connection, as length-prefixed frames:
 * [u32 length of what follows][u8 kind][payload], kind 0 a JSON message (checked by zod on
 * arrival, like every other entry point), kind 1 a chunk of bundle bytes. Hand-written because
 * it is twenty lines over node:tls and no framing library adds anything here; frames are capped
 * so a peer cannot make us buffer without bound.
 */

export const PROTOCOL_VERSION = 1;
export const MAX_FRAME_BYTES = 1024 * 1024 + 5;
export const CHUNK_BYTES = 256 * 1024;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/u);

export const messageSchema = z.discriminatedUnion('t', [
  z
    .object({
      t: z.literal('hello'),
      protocol: z.number().int(),
      node: z.string().min(1).max(64),
      mode: z.enum(['pair', 'sync']),
    })
    .strict(),
  z.object({ t: z.literal('pair-commit'), commitment: hex64 }).strict(),
  z.object({ t: z.literal('pair-nonce'), nonce: hex64 }).strict(),
  z.object({ t: z.literal('pair-reveal'), nonce: hex64 }).strict(),
  z.object({ t: z.literal('pair-confirm'), accepted: z.boolean() }).strict(),
  z.object({ t: z.literal('offer'), size: z.number().int().nonnegative(), sha256: hex64 }).strict(),
  z.object({ t: z.literal('resume'), offset: z.number().int().nonnegative() }).strict(),
  z.object({ t: z.literal('end') }).strict(),
  z
    .object({
      t: z.literal('imported'),
      count: z.number().int().nonnegative(),
      applied: z.number().int().nonnegative(),
    })
    .strict(),
  z.object({ t: z.literal('refused'), reason: z.enum(LAN_REFUSALS), message: z.string().max(2000) }).strict(),
]);

export type LanMessage = z.output<typeof messageSchema>;

export type Frame =
  { readonly kind: 'message'; readonly message: LanMessage } | { readonly kind: 'chunk'; readonly bytes: Buffer };

/** A refusal, from the peer or from us, with a stable reason the UI translates. */
export class LanError extends Error {
  override readonly name = 'LanError';
  constructor(
    readonly reason: LanReason,
    message: string,
  ) {
    super(message);
  }
}

export function encodeMessage(message: LanMessage): Buffer {
  const payload = Buffer.from(JSON.stringify(message), 'utf8');
  const header = Buffer.alloc(5);
  header.writeUInt32BE(payload.length + 1, 0);
  header.writeUInt8(0, 4);
  return Buffer.concat([header, payload]);
}

export function encodeChunk(bytes: Uint8Array): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(bytes.length + 1, 0);
  header.writeUInt8(1, 4);
  return Buffer.concat([header, bytes]);
}

/** Reads frames from a stream, one at a time, with a time limit per frame. */
export class FrameReader {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly frames: Frame[] = [];
  private waiting: { resolve: (frame: Frame) => void; reject: (error: Error) => void } | undefined;
  private failure: Error | undefined;

  constructor(stream: Duplex) {
    stream.on('data', (data: Buffer) => this.push(data));
    stream.on('close', () => this.fail(new LanError('closed', 'The connection closed.')));
    stream.on('error', (error: Error) => this.fail(new LanError('closed', `The connection broke: ${error.message}`)));
  }

  private push(data: Buffer): void {
    this.buffer = this.buffer.length === 0 ? data : Buffer.concat([this.buffer, data]);
    while (this.buffer.length >= 4) {
      const length = this.buffer.readUInt32BE(0);
      if (length < 1 || length > MAX_FRAME_BYTES)
        return this.fail(new LanError('bad-message', `A frame of ${length} bytes is not allowed.`));
      if (this.buffer.length < 4 + length) return;
      const kind = this.buffer.readUInt8(4);
      const payload = this.buffer.subarray(5, 4 + length);
      this.buffer = this.buffer.subarray(4 + length);
      if (kind === 1) this.deliver({ kind: 'chunk', bytes: Buffer.from(payload) });
      else if (kind === 0) {
        let data: unknown;
        try {
          data = JSON.parse(payload.toString('utf8'));
        } catch {
          return this.fail(new LanError('bad-message', 'A message was not JSON.'));
        }
        const parsed = messageSchema.safeParse(data);
        if (!parsed.success)
          return this.fail(new LanError('bad-message', 'A message did not have the expected shape.'));
        this.deliver({ kind: 'message', message: parsed.data });
      } else return this.fail(new LanError('bad-message', `Unknown frame kind ${kind}.`));
    }
  }

  private deliver(frame: Frame): void {
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = undefined;
      resolve(frame);
    } else this.frames.push(frame);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    if (this.waiting) {
      const { reject } = this.waiting;
      this.waiting = undefined;
      reject(this.failure);
    }
  }

  next(timeoutMs: number): Promise<Frame> {
    const queued = this.frames.shift();
    if (queued) return Promise.resolve(queued);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<Frame>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        reject(new LanError('timeout', 'The partner did not answer in time.'));
      }, timeoutMs);
      this.waiting = {
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
  }

  /** The next frame, which must be a message of type `t` (a refusal from the peer is thrown as one). */
  async expect<T extends LanMessage['t']>(t: T, timeoutMs: number): Promise<Extract<LanMessage, { t: T }>> {
    const frame = await this.next(timeoutMs);
    if (frame.kind !== 'message') throw new LanError('protocol', `Expected a ${t} message, got bundle bytes.`);
    if (frame.message.t === 'refused') throw new LanError(frame.message.reason, frame.message.message);
    if (frame.message.t !== t) throw new LanError('protocol', `Expected a ${t} message, got ${frame.message.t}.`);
    return frame.message as Extract<LanMessage, { t: T }>;
  }
}
