import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import {
  BLOB_COMPLETE_HEADER,
  BLOB_SIZE_HEADER,
  MAX_BLOB_BYTES,
  MAX_BLOB_CHUNK_BYTES,
  UPLOAD_OFFSET_HEADER,
  routes,
  type blobParams,
} from '../api';
import { requireMember } from '../authz';
import { badRequest, ServerError } from '../errors';
import { authenticateFirst, principalOf, type RouteContext } from './context';
import { fastifySchema } from './schema';

function setBlobHeaders(reply: FastifyReply, blob: { size: number; received: number; complete: boolean }): void {
  void reply.header(UPLOAD_OFFSET_HEADER, String(blob.received));
  void reply.header(BLOB_SIZE_HEADER, String(blob.size));
  void reply.header(BLOB_COMPLETE_HEADER, blob.complete ? 'true' : 'false');
}

/**
 * Blobs (documents) by content hash, per campaign. Uploads are resumable: HEAD tells how many
 * bytes the server holds (upload-offset), PUT sends the next bytes with
 * Content-Range: bytes <start>-<end>/<total>. When the last byte arrives the server checks the
 * hash; a mismatch discards the upload. GET serves a complete blob, with Range for resuming.
 */
export async function blobRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  const { store } = context;
  const authenticated = authenticateFirst(context.auth);
  type BlobRoute = { Params: z.output<typeof blobParams> };
  const path = routes.blob.path;
  const schema = fastifySchema(routes.blob);

  app.head<BlobRoute>(path, { preParsing: authenticated, schema }, async (request, reply) => {
    requireMember(principalOf(request), request.params.campaign);
    const blob = await store.findBlob(request.params.campaign, request.params.sha256);
    if (!blob) return reply.status(404).send();
    setBlobHeaders(reply, blob);
    return reply.status(200).send();
  });

  app.put<BlobRoute & { Body: Buffer }>(
    path,
    { preParsing: authenticated, bodyLimit: MAX_BLOB_CHUNK_BYTES, schema },
    async (request, reply) => {
      const { campaign, sha256 } = request.params;
      requireMember(principalOf(request), campaign);
      if (!Buffer.isBuffer(request.body)) throw badRequest('Send blob bytes as application/octet-stream.');
      const range = /^bytes (\d{1,13})-(\d{1,13})\/(\d{1,13})$/.exec(String(request.headers['content-range'] ?? ''));
      const body = request.body;
      let start = 0;
      let total = body.length;
      if (range) {
        start = Number(range[1]);
        total = Number(range[3]);
        if (Number(range[2]) - start + 1 !== body.length)
          throw badRequest('Content-Range does not match the length of the body.');
      } else if (request.headers['content-range'] !== undefined) {
        throw badRequest('Content-Range must read "bytes <start>-<end>/<total>".');
      }
      if (total > MAX_BLOB_BYTES)
        throw new ServerError(413, 'PAYLOAD_TOO_LARGE', `A blob may be at most ${MAX_BLOB_BYTES} bytes.`);
      if (start + body.length > total) throw badRequest('The chunk ends beyond the total size.');
      const existing = await store.findBlob(campaign, sha256);
      if (existing?.complete) {
        setBlobHeaders(reply, existing);
        return reply.status(200).send({ size: existing.size, received: existing.received, complete: true });
      }
      if (existing && existing.size !== total)
        throw new ServerError(409, 'CONFLICT', `This upload was started with size ${existing.size}, not ${total}.`);
      if ((existing?.received ?? 0) !== start) {
        const received = existing?.received ?? 0;
        void reply.header(UPLOAD_OFFSET_HEADER, String(received));
        throw new ServerError(409, 'CONFLICT', `The server holds ${received} bytes of this blob; resume from there.`);
      }
      let blob = await store.appendBlobChunk(campaign, sha256, total, start, body);
      if (!blob.complete && blob.received === total) {
        const hash = createHash('sha256');
        for (const chunk of await store.readBlobChunks(campaign, sha256)) hash.update(chunk);
        if (hash.digest('hex') !== sha256) {
          await store.discardBlob(campaign, sha256);
          throw badRequest(
            'The uploaded bytes do not match their SHA-256 hash; the upload was discarded, send it again.',
          );
        }
        await store.markBlobComplete(campaign, sha256);
        blob = { ...blob, complete: true };
      }
      setBlobHeaders(reply, blob);
      return reply
        .status(blob.complete ? 201 : 202)
        .send({ size: blob.size, received: blob.received, complete: blob.complete });
    },
  );

  app.get<BlobRoute>(path, { preParsing: authenticated, schema }, async (request, reply) => {
    const { campaign, sha256 } = request.params;
    requireMember(principalOf(request), campaign);
    const blob = await store.findBlob(campaign, sha256);
    if (!blob?.complete) throw new ServerError(404, 'NOT_FOUND', `Blob ${sha256} is not (completely) on the server.`);
    const data = Buffer.concat(await store.readBlobChunks(campaign, sha256));
    const range = /^bytes=(\d{1,13})-$/.exec(String(request.headers.range ?? ''));
    void reply.header('content-type', 'application/octet-stream').header('accept-ranges', 'bytes');
    if (range) {
      const from = Number(range[1]);
      if (from > data.length) throw new ServerError(416, 'INVALID_INPUT', `The blob has only ${data.length} bytes.`);
      return reply
        .status(206)
        .header('content-range', `bytes ${from}-${data.length - 1}/${data.length}`)
        .send(data.subarray(from));
    }
    return reply.status(200).send(data);
  });
}
