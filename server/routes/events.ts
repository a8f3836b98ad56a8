import type { FastifyInstance } from 'fastify';
import { EVENTS_STREAM_EVENTS, routes, type CampaignNews, type EventsOpen } from '../api';
import { AuthError, type Principal } from '../auth/tokens';
import { authenticateFirst, principalOf, type RouteContext } from './context';
import { SSE_HEADERS, sseEvent } from '../../shared/sse';

/** setTimeout takes at most 2^31 - 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function campaignsOf(principal: Principal): string[] {
  return [...new Set(principal.memberships.map((membership) => membership.campaign))].sort();
}

function sameCampaigns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((campaign, index) => campaign === b[index]);
}

/**
 * GET /v1/events (server/api.ts, EVENTS_STREAM_EVENTS): the account's campaigns' news as
 * server-sent events (server/change-feed.ts). Authenticated like every route; the stream names only
 * the campaigns the account is a member of when it opens, checks the token again every recheckMs
 * (a revoked token or account ends it, changed memberships end it so the laptop reconnects to hear
 * the new set), and ends when the token expires.
 */
export async function eventRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  const { feed, store, auth } = context;
  const { heartbeatMs, recheckMs } = context.events;
  const authenticated = authenticateFirst(auth);
  const streams = new Set<(reason: string | null) => void>();

  app.get(routes.events.path, { preParsing: authenticated }, async (request, reply) => {
    const principal = principalOf(request);
    const token = (request.headers.authorization ?? '').slice('Bearer '.length).trim();
    const campaigns = campaignsOf(principal);
    // Listening before the stream opens, so nothing stored after the `open` event goes unheard.
    await feed.ready();
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      ...SSE_HEADERS,
      // A buffering proxy (nginx) in front would hold the events back.
      'x-accel-buffering': 'no',
    });
    let ended = false;
    const write = (text: string) => {
      if (!ended && !raw.writableEnded && !raw.destroyed) raw.write(text);
    };
    const send = (event: string, data: unknown) => write(sseEvent(event, data));
    const timers: Array<ReturnType<typeof setTimeout>> = [];
    let subscription: { close(): void } | null = null;
    const end = (reason: string | null) => {
      if (ended) return;
      if (reason !== null) send(EVENTS_STREAM_EVENTS.closed, { reason });
      ended = true;
      for (const timer of timers) clearTimeout(timer);
      subscription?.close();
      streams.delete(end);
      if (!raw.writableEnded) raw.end();
    };
    streams.add(end);
    raw.on('close', () => end(null));
    subscription = feed.subscribe(
      principal.user.id,
      campaigns,
      (news: CampaignNews) => send(EVENTS_STREAM_EVENTS.news, news),
      () => end('too-many-streams'),
    );
    let seqs: Map<string, number>;
    try {
      seqs = await store.lastSeqs(campaigns);
    } catch (error) {
      request.log.error({ err: error }, 'events stream: reading the campaigns failed');
      end('unavailable');
      return;
    }
    const open: EventsOpen = {
      campaigns: campaigns.map((campaign) => ({ campaign, seq: seqs.get(campaign) ?? 0 })),
      heartbeatMs,
    };
    send(EVENTS_STREAM_EVENTS.open, open);
    timers.push(setInterval(() => write(': ping\n\n'), heartbeatMs));
    timers.push(setTimeout(() => end('token-expired'), Math.min(MAX_TIMER_MS, principal.expiresAt - Date.now())));
    let checking = false;
    timers.push(
      setInterval(() => {
        if (checking || ended) return;
        checking = true;
        auth
          .authenticate(token)
          .then(
            (now) => {
              if (!sameCampaigns(campaignsOf(now), campaigns)) end('memberships-changed');
            },
            (error: unknown) => end(error instanceof AuthError ? 'revoked' : 'unavailable'),
          )
          .finally(() => {
            checking = false;
          });
      }, recheckMs),
    );
  });

  // Open streams would keep close() waiting for ever.
  app.addHook('preClose', async () => {
    for (const end of [...streams]) end('shutdown');
  });
  app.addHook('onClose', async () => {
    await feed.close();
  });
}
