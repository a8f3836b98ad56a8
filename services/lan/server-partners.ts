import { z } from 'zod';
import type { LocalStore } from '../../db/store/store';
import type { ServerCheck } from '../../shared/contract/lan';
import type { SyncHttpClient } from '../sync/client/http';

/*
 * The colleagues' LAN certificates as the central server knows them (server/routes/lan.ts):
 * fetched when the laptop is online (after a sync round, and when the duo dialog opens) and kept
 * in the encrypted profile (sync_state), so a pairing in a room with no network can still be
 * checked against them.
 */

const KEY = 'lan:server-partners';

const storedSchema = z.object({
  at: z.number(),
  partners: z.array(z.object({ email: z.string(), fingerprint: z.string() })),
});
type Stored = z.output<typeof storedSchema>;

function read(store: LocalStore): Stored | null {
  const raw = store.getSyncState(KEY);
  if (!raw) return null;
  const parsed = storedSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : null;
}

/** Tells the server this laptop's certificate and keeps the colleagues' ones of every campaign here. */
export async function refreshServerPartners(
  store: LocalStore,
  client: SyncHttpClient,
  ownFingerprint: string,
  now = Date.now(),
): Promise<void> {
  await client.publishLanFingerprint(ownFingerprint);
  const partners = new Map<string, { email: string; fingerprint: string }>();
  for (const campaign of store.knownCampaigns()) {
    const answer = await client.lanPartners(campaign);
    for (const partner of answer.partners)
      partners.set(`${partner.email}\n${partner.fingerprint}`, {
        email: partner.email,
        fingerprint: partner.fingerprint,
      });
  }
  store.setSyncState(KEY, JSON.stringify({ at: now, partners: [...partners.values()] } satisfies Stored));
}

export function serverCheckedAt(store: LocalStore): number | null {
  return read(store)?.at ?? null;
}

/** What the server said about a certificate. */
export function serverCheck(store: LocalStore, fingerprint: string): ServerCheck {
  const stored = read(store);
  if (!stored) return { state: 'not-checked' };
  const known = stored.partners.find((partner) => partner.fingerprint === fingerprint);
  return known ? { state: 'known', email: known.email } : { state: 'unknown' };
}
