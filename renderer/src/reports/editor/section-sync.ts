import * as Y from 'yjs';
import type { ContractError, Result } from '../../../../shared/contract/result';

/**
 * The bridge between one section's Y.Doc in the editor and the store, with no websocket provider:
 * the document is loaded from the store's state before the editor exists, every local Yjs update
 * is queued and sent through the contract in batches, and updates that arrive from the store
 * (other people's edits, pushed as change events) are applied with REMOTE_ORIGIN so they are
 * neither sent back nor put on this person's undo stack.
 *
 * A failed save keeps the queued updates (the text stays in the editor) and retries; a refused
 * save (locked section, final report) keeps them too and waits until the caller retries.
 *
 * It is a source of the app's one autosave mechanism (`AutosaveSource`): the registry flushes it
 * on pagehide, before unload and before the Electron window closes, and every update not yet
 * confirmed by the store is handed to `journal` at once (merged into one update), so the draft
 * journal holds it through a reload or a crash.
 */
export const REMOTE_ORIGIN = Symbol('veldwerk.remote');

export type SaveStatus =
  /** Nothing typed since the section was opened. */
  | { readonly kind: 'idle' }
  | { readonly kind: 'saved'; readonly at: Date }
  | { readonly kind: 'pending' }
  | { readonly kind: 'saving' }
  /** The save did not reach the store (transport, disk): retried automatically. */
  | { readonly kind: 'failed'; readonly error: ContractError }
  /** The store refused the edit (locked section, final report): kept here until retry(). */
  | { readonly kind: 'refused'; readonly error: ContractError };

export interface SectionSyncOptions {
  /** Sends one merged Yjs update to the store; answers the contract envelope. */
  readonly save: (update: Uint8Array, options?: { readonly keepalive?: boolean }) => Promise<Result<unknown>>;
  /**
   * Called synchronously after every local update and every answer with what the store has not
   * confirmed yet, merged into one update (null once everything is stored): the draft journal.
   */
  readonly journal?: (unconfirmed: Uint8Array | null) => void;
  readonly onStatus?: (status: SaveStatus) => void;
  /** Quiet time after the last local update before a batch is sent. */
  readonly delayMs?: number;
  /** A batch is sent at the latest this long after its first update, even while typing goes on. */
  readonly maxWaitMs?: number;
  /** First retry delay after a failed save; doubles up to 30 s. */
  readonly retryMs?: number;
  /** Errors that are refusals (the user must act) rather than failures (retried). */
  readonly isRefusal?: (error: ContractError) => boolean;
}

const DEFAULT_REFUSAL = (error: ContractError): boolean => error.code === 'FORBIDDEN' || error.code === 'CONFLICT';

export class SectionSync {
  readonly doc: Y.Doc;
  private queue: Uint8Array[] = [];
  private inFlight: Promise<void> | null = null;
  /** The update of the save under way, until the store answered. */
  private sending: Uint8Array | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstQueuedAt: number | null = null;
  private retryDelay: number;
  private statusValue: SaveStatus = { kind: 'idle' };
  private destroyed = false;
  private readonly listeners = new Set<(status: SaveStatus) => void>();

  /**
   * `draft` is what the journal kept of an earlier page (not confirmed by the store then): applied
   * as this person's edit, so whatever of it the store lacks is queued and saved (and nothing when
   * the store has it all: Yjs applies an update only once).
   */
  constructor(
    state: Uint8Array | null,
    private readonly options: SectionSyncOptions,
    draft: Uint8Array | null = null,
  ) {
    this.doc = new Y.Doc();
    // Loaded before anyone listens: the store's own state is never queued to be sent back.
    if (state && state.byteLength > 0) Y.applyUpdate(this.doc, state, REMOTE_ORIGIN);
    this.retryDelay = options.retryMs ?? 1000;
    if (options.onStatus) this.listeners.add(options.onStatus);
    this.doc.on('update', this.onUpdate);
    if (draft && draft.byteLength > 0) Y.applyUpdate(this.doc, draft);
    if (!this.hasUnsaved) options.journal?.(null);
  }

  /** The autosave registry's name for "not yet stored". */
  get pending(): boolean {
    return this.hasUnsaved;
  }

  get status(): SaveStatus {
    return this.statusValue;
  }

  /** True while some typed text is not yet in the store. */
  get hasUnsaved(): boolean {
    return this.queue.length > 0 || this.inFlight !== null;
  }

  subscribe(listener: (status: SaveStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies an update (or a whole state) from the store; idempotent, never sent back. */
  applyRemote(update: Uint8Array): void {
    if (this.destroyed || update.byteLength === 0) return;
    Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
  }

  /** Applies an update as this person's edit (a refused draft put back): queued and saved like typing. */
  applyLocal(update: Uint8Array): void {
    if (this.destroyed || update.byteLength === 0) return;
    Y.applyUpdate(this.doc, update);
  }

  /** The state vector of what this editor holds, to ask the store only for what it lacks. */
  stateVector(): Uint8Array {
    return Y.encodeStateVector(this.doc);
  }

  /**
   * Sends what is queued now; resolves when the store answered (or the save failed). With
   * `keepalive` (the page is going) the queue goes at once, beside a save still under way: an
   * answer would come too late to wait for, Yjs merges the two in any order, and the journal
   * keeps both until one is confirmed.
   */
  async flush(options: { readonly keepalive?: boolean } = {}): Promise<void> {
    this.clearTimer();
    if (options.keepalive && this.inFlight) {
      if (this.queue.length > 0 && !this.destroyed) void this.options.save(Y.mergeUpdates(this.queue), options);
      return;
    }
    while (this.inFlight) await this.inFlight;
    if (this.queue.length === 0 || this.destroyed) return;
    const batch = this.queue;
    this.queue = [];
    this.firstQueuedAt = null;
    const update = batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch);
    this.sending = update;
    this.setStatus({ kind: 'saving' });
    const run = this.options.save(update, options).then(
      (result) => this.settle(update, result),
      (error: unknown) =>
        this.settle(update, { ok: false, error: { code: 'INTERNAL', message: `TRANSPORT: ${String(error)}` } }),
    );
    this.inFlight = run;
    await run;
  }

  /** After a refusal: try the kept text again (e.g. once the section was unlocked). */
  retry(): Promise<void> {
    this.retryDelay = this.options.retryMs ?? 1000;
    return this.flush();
  }

  destroy(): void {
    this.clearTimer();
    this.destroyed = true;
    this.doc.off('update', this.onUpdate);
    this.doc.destroy();
    this.listeners.clear();
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === REMOTE_ORIGIN || this.destroyed) return;
    // Kept merged: the journal writes the whole queue on every keystroke.
    this.queue = [this.queue.length === 0 ? update : Y.mergeUpdates([...this.queue, update])];
    this.writeJournal();
    const now = Date.now();
    this.firstQueuedAt ??= now;
    if (this.statusValue.kind !== 'refused' && this.statusValue.kind !== 'failed') this.setStatus({ kind: 'pending' });
    this.schedule(now);
  };

  private schedule(now: number): void {
    // A refused section waits for retry(): sending every keystroke again would only be refused again.
    if (this.statusValue.kind === 'refused') return;
    this.clearTimer();
    const delay = this.options.delayMs ?? 300;
    const maxWait = this.options.maxWaitMs ?? 1000;
    const due = Math.min(delay, Math.max(0, (this.firstQueuedAt ?? now) + maxWait - now));
    this.timer = setTimeout(() => void this.flush(), due);
  }

  private settle(update: Uint8Array, result: Result<unknown>): void {
    this.inFlight = null;
    this.sending = null;
    if (this.destroyed) {
      // Closed while saving: a stored update leaves the journal, an unstored one stays in it.
      if (result.ok && this.queue.length === 0) this.options.journal?.(null);
      return;
    }
    if (result.ok) {
      this.retryDelay = this.options.retryMs ?? 1000;
      this.writeJournal();
      if (this.queue.length > 0) {
        this.setStatus({ kind: 'pending' });
        this.schedule(Date.now());
      } else this.setStatus({ kind: 'saved', at: new Date() });
      return;
    }
    // Nothing typed is lost: the unsent update goes back to the front of the queue.
    this.queue = [this.queue.length === 0 ? update : Y.mergeUpdates([update, ...this.queue])];
    this.firstQueuedAt ??= Date.now();
    const refusal = (this.options.isRefusal ?? DEFAULT_REFUSAL)(result.error);
    if (refusal) {
      this.setStatus({ kind: 'refused', error: result.error });
      return;
    }
    this.setStatus({ kind: 'failed', error: result.error });
    this.clearTimer();
    this.timer = setTimeout(() => void this.flush(), this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, 30_000);
  }

  private writeJournal(): void {
    const unconfirmed = [...(this.sending ? [this.sending] : []), ...this.queue];
    this.options.journal?.(
      unconfirmed.length === 0 ? null : unconfirmed.length === 1 ? unconfirmed[0]! : Y.mergeUpdates(unconfirmed),
    );
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private setStatus(status: SaveStatus): void {
    this.statusValue = status;
    for (const listener of this.listeners) listener(status);
  }
}
