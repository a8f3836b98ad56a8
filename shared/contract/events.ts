import { z } from 'zod';
import { TABLE_NAMES, type TableName } from '../sync/schema';
import type { SyncState, SyncView } from './sync';

/**
 * Events the services push to the renderer, so that it refreshes exactly what changed instead
 * of polling. Three kinds:
 * - `changes`: one per committed write or applied batch of the local store (a local edit, a duo
 *   file, the sync server, a LAN peer): which campaigns, tables and rows it touched.
 * - `local`: state of this laptop that is not synced records (the sync engine's status, who
 *   uses the profile, a job's progress) changed.
 * - `sync`: the sync status itself (what `sync.status` answers), sent whenever it changes (a
 *   round starts, progresses, ends or fails; an edit or a push changes the count to send), so
 *   the indicator is put in place without a read.
 * Electron main forwards them over IPC (IPC_EVENTS_CHANNEL); the browser-mode bridge serves
 * them as server-sent events (BRIDGE_EVENTS_PATH). Both sides validate with appEventSchema.
 */

export const CHANGE_SOURCES = ['local', 'bundle', 'server', 'peer'] as const;
export type ChangeSource = (typeof CHANGE_SOURCES)[number];

/** At most this many row ids per event; a bigger batch sets `truncated` (tables and campaigns stay complete). */
export const MAX_EVENT_ROWS = 500;

const tableName = z.enum(TABLE_NAMES as [TableName, ...TableName[]]);
const eventId = z.string().min(1).max(200);

export const changesEventSchema = z
  .object({
    type: z.literal('changes'),
    source: z.enum(CHANGE_SOURCES),
    campaigns: z.array(eventId),
    tables: z.array(tableName),
    rows: z.array(z.object({ table: tableName, id: eventId }).strict()).max(MAX_EVENT_ROWS),
    /** True when the batch touched more rows than `rows` lists. */
    truncated: z.boolean(),
  })
  .strict();

/** Local, non-synced state: the sync engine's status, the profile's identity per campaign, jobs, the profile's lock, the duo's network part, set-aside changes. */
export const LOCAL_TOPICS = ['sync', 'identity', 'jobs', 'vault', 'lan', 'setAside'] as const;
export type LocalTopic = (typeof LOCAL_TOPICS)[number];

export const localEventSchema = z
  .object({
    type: z.literal('local'),
    topic: z.enum(LOCAL_TOPICS),
    /** The campaign concerned, when the state is per campaign (identity). */
    campaign: eventId.nullable(),
  })
  .strict();

/** Every sync state, once (a Record, so that a new state must be named here). */
const SYNC_STATES: Readonly<Record<SyncState, true>> = {
  'not-configured': true,
  idle: true,
  offline: true,
  syncing: true,
  'up-to-date': true,
  error: true,
};

const text = z.string().max(100_000);
const count = z.number().int().nonnegative();

/** What `sync.status` answers (shared/contract/sync.ts SyncView), as it travels in a `sync` event. */
export const syncViewSchema: z.ZodType<SyncView> = z
  .object({
    state: z.enum(Object.keys(SYNC_STATES) as [SyncState, ...SyncState[]]),
    serverUrl: text.nullable(),
    email: text.nullable(),
    reason: text.nullable(),
    reasonCode: text.nullable(),
    nextAttemptAt: z.number().nullable(),
    lastSyncAt: z.number().nullable(),
    progress: z
      .object({ phase: z.enum(['push', 'pull']), done: z.number(), total: z.number().nullable() })
      .strict()
      .nullable(),
    pendingChanges: count,
  })
  .strict();

export const syncEventSchema = z.object({ type: z.literal('sync'), status: syncViewSchema }).strict();

export const appEventSchema = z.discriminatedUnion('type', [changesEventSchema, localEventSchema, syncEventSchema]);

export type ChangesEvent = z.output<typeof changesEventSchema>;
export type LocalEvent = z.output<typeof localEventSchema>;
export type SyncEvent = z.output<typeof syncEventSchema>;
export type AppEvent = z.output<typeof appEventSchema>;
