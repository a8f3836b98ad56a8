import { z } from 'zod';
import { TABLE_NAMES, type TableName } from '../sync/schema';

/**
 * Events the services push to the renderer, so that it refreshes exactly what changed instead
 * of polling. Two kinds:
 * - `changes`: one per committed write or applied batch of the local store (a local edit, a duo
 *   file, the sync server, a LAN peer): which campaigns, tables and rows it touched.
 * - `local`: state of this laptop that is not synced records (the sync engine's status, who
 *   uses the profile, a job's progress) changed.
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

export const appEventSchema = z.discriminatedUnion('type', [changesEventSchema, localEventSchema]);

export type ChangesEvent = z.output<typeof changesEventSchema>;
export type LocalEvent = z.output<typeof localEventSchema>;
export type AppEvent = z.output<typeof appEventSchema>;
