import type { ChannelName, InputOf } from '../../../shared/contract/channels';
import type { ContractError, Result } from '../../../shared/contract/result';

/**
 * The one autosave mechanism of the app (hand-written: it is tied to the contract's calls and to
 * the draft journal below, which no form library offers). A field saves its value after a pause,
 * at once on blur, on unmount (so on a route change too) and before the page unloads; in
 * Electron the window waits for the saves before it closes. Every value not yet confirmed by
 * the services is also written synchronously to a draft journal (local storage), which is
 * replayed at the next start: what was typed in the last moment before a reload, a crash or a
 * closed window is stored all the same.
 */
export type SaveCall = { [C in ChannelName]: { readonly channel: C; readonly payload: InputOf<C> } }[ChannelName];

export type SaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'dirty' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved'; readonly at: Date }
  | { readonly kind: 'error'; readonly error: ContractError };

export type Invoke = (call: SaveCall, options?: { readonly keepalive?: boolean }) => Promise<Result<unknown>>;

/** The part of Web Storage the journal uses (local storage in the app, a map in tests). */
export interface DraftStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const DRAFT_PREFIX = 'veldwerk.draft.';

/**
 * One journal entry: a save to replay at the next start (`call`), or text typed into a box that
 * hands it over only on Enter (`text`: restored into the box, never replayed).
 */
type Draft =
  | { readonly call: SaveCall; readonly at: string }
  | { readonly text: string; readonly at: string }
  | { readonly refused: readonly RefusedDraft[] };

/**
 * A save the services refused for good (a final report, a section locked by someone else, a right
 * the user no longer has): kept, never replayed again, until the user copies or discards it.
 */
export interface RefusedDraft {
  readonly call: SaveCall;
  /** When it was typed (the journal entry's time). */
  readonly at: string;
  readonly error: ContractError;
}

/** Where a field's refused drafts wait (beside its live journal entry, which stays free for new text). */
const refusedKey = (key: string) => `refused:${key}`;

/**
 * Anything the registry saves before the page goes: an autosaved text field, or a report
 * section's Yjs batcher (`SectionSync`), which batches and merges on its own.
 */
export interface AutosaveSource {
  readonly pending: boolean;
  flush(options?: { keepalive?: boolean }): Promise<void>;
}

export const DEFAULT_AUTOSAVE_DELAY_MS = 500;

const isTransport = (error: ContractError) => error.message.startsWith('TRANSPORT:');
/** Refusals that say the draft itself can never be stored (the record is gone, the value invalid): dropped on replay. */
const hopeless = (error: ContractError) =>
  !isTransport(error) && ['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT', 'UNKNOWN_CHANNEL'].includes(error.code);
/**
 * Refusals of the draft's content by the rules (final report, locked section, no right): trying
 * again at every start would be refused again. "Choose who you are first" is no such refusal:
 * that draft waits for the name.
 */
export const isRefusal = (error: ContractError) =>
  !isTransport(error) &&
  (error.code === 'CONFLICT' ||
    (error.code === 'FORBIDDEN' && !(error.issues ?? []).some((issue) => issue.path === 'identity')));

export interface AutosaveOptions {
  /**
   * Fields whose refused drafts a screen shows (with the reason, copy and discard): such a draft is
   * set aside at replay instead of being retried at every start or dropped.
   */
  readonly keepsRefused?: (key: string) => boolean;
}

/** One autosaved field: the latest value typed, its timer and its visible state. */
export class AutosaveField implements AutosaveSource {
  private value: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private current: SaveState = { kind: 'idle' };
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly registry: AutosaveRegistry,
    readonly key: string,
    private toCall: (value: string) => SaveCall,
    private readonly delayMs: number,
    private onSaved?: (value: string) => void,
  ) {}

  configure(toCall: (value: string) => SaveCall, onSaved?: (value: string) => void): void {
    this.toCall = toCall;
    this.onSaved = onSaved;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  state = (): SaveState => this.current;

  get pending(): boolean {
    return this.value !== null || this.running !== null;
  }

  change(value: string): void {
    this.value = value;
    this.registry.journal(this.key, this.toCall(value));
    this.set({ kind: 'dirty' });
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Saves the waiting value now (after a save still under way); resolves when it is stored. */
  async flush(options: { keepalive?: boolean } = {}): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.running) await this.running;
    const value = this.value;
    if (value === null) return;
    this.value = null;
    const call = this.toCall(value);
    this.set({ kind: 'saving' });
    const run = this.registry.invoke(call, options).then((result) => {
      if (result.ok) {
        this.registry.forget(this.key, call);
        this.onSaved?.(value);
      }
      // A newer keystroke is waiting: its own save reports the state.
      if (this.value !== null) return;
      if (result.ok) this.set({ kind: 'saved', at: new Date() });
      else {
        this.set({ kind: 'error', error: result.error });
        if (isTransport(result.error)) this.value = value;
      }
    });
    this.running = run;
    try {
      await run;
    } finally {
      this.running = null;
    }
  }

  private set(state: SaveState): void {
    this.current = state;
    for (const listener of this.listeners) listener();
  }
}

export class AutosaveRegistry {
  private readonly fields = new Set<AutosaveSource>();

  constructor(
    readonly invoke: Invoke,
    private readonly storage: DraftStorage | null,
    private readonly options: AutosaveOptions = {},
  ) {}

  field(
    key: string,
    toCall: (value: string) => SaveCall,
    options: { delayMs?: number; onSaved?: (value: string) => void } = {},
  ): AutosaveField {
    const field = new AutosaveField(this, key, toCall, options.delayMs ?? DEFAULT_AUTOSAVE_DELAY_MS, options.onSaved);
    this.fields.add(field);
    return field;
  }

  /** A source that saves by itself (a report section) is saved with the fields before the page goes. */
  track(source: AutosaveSource): void {
    this.fields.add(source);
  }

  /** The field leaves the screen: its waiting value is saved, never dropped. */
  release(field: AutosaveSource): Promise<void> {
    return field.flush().finally(() => this.fields.delete(field));
  }

  get pending(): boolean {
    return [...this.fields].some((field) => field.pending);
  }

  flushAll(options: { keepalive?: boolean } = {}): Promise<void> {
    return Promise.all([...this.fields].map((field) => field.flush(options))).then(() => undefined);
  }

  journal(key: string, call: SaveCall): void {
    this.write(key, { call, at: new Date().toISOString() });
  }

  /** The save journalled under `key`, if any (a section restores its draft into the editor). */
  draft(key: string): SaveCall | null {
    const draft = this.read(key);
    return draft && 'call' in draft ? draft.call : null;
  }

  /** Keeps text typed into a box that is not yet handed over (an empty text drops it). */
  keepText(key: string, text: string): void {
    if (text === '') this.drop(key);
    else this.write(key, { text, at: new Date().toISOString() });
  }

  /** The text kept by `keepText` under `key` ('' when there is none). */
  keptText(key: string): string {
    const draft = this.read(key);
    return draft && 'text' in draft && typeof draft.text === 'string' ? draft.text : '';
  }

  /** The drafts of `key` the services refused for good, oldest first. */
  refusedDrafts(key: string): readonly RefusedDraft[] {
    const draft = this.read(refusedKey(key));
    return draft && 'refused' in draft && Array.isArray(draft.refused) ? draft.refused : [];
  }

  /** Sets a refused draft aside under `key` (beside the ones already there); it is never replayed. */
  setAside(key: string, refused: RefusedDraft): void {
    this.write(refusedKey(key), { refused: [...this.refusedDrafts(key), refused] });
  }

  /** The user copied or discarded the refused drafts of `key` (or put them back into the text). */
  dropRefused(key: string): void {
    this.drop(refusedKey(key));
  }

  drop(key: string): void {
    try {
      this.storage?.removeItem(DRAFT_PREFIX + key);
    } catch {
      // Nothing to drop from a disabled storage.
    }
  }

  private write(key: string, draft: Draft): void {
    try {
      this.storage?.setItem(DRAFT_PREFIX + key, JSON.stringify(draft));
    } catch {
      // A full or disabled storage only loses the journal; the save itself still runs.
    }
  }

  private read(key: string): Draft | null {
    try {
      const stored = this.storage?.getItem(DRAFT_PREFIX + key);
      return stored ? (JSON.parse(stored) as Draft) : null;
    } catch {
      return null;
    }
  }

  /** Drops the journal entry once this very call is stored (a newer value keeps its own entry). */
  forget(key: string, call: SaveCall): void {
    const stored = this.storage?.getItem(DRAFT_PREFIX + key);
    if (!stored) return;
    try {
      const draft = JSON.parse(stored) as Draft;
      if ('call' in draft && JSON.stringify(draft.call) === JSON.stringify(call))
        this.storage?.removeItem(DRAFT_PREFIX + key);
    } catch {
      this.storage?.removeItem(DRAFT_PREFIX + key);
    }
  }

  /**
   * Saves what the journal holds from an earlier page (reload, crash, closed window), oldest
   * first; entries the services refuse as invalid or gone are dropped, so a deleted record does
   * not block the start; others (no connection, no identity yet) stay for the next start. A field
   * whose screen shows refusals (`keepsRefused`) has a refused draft set aside instead: kept for
   * the user, never tried again. Answers how many were stored.
   */
  async replay(): Promise<number> {
    if (!this.storage) return 0;
    const drafts: { key: string; draft: { readonly call: SaveCall; readonly at: string } }[] = [];
    const broken: string[] = [];
    for (let index = 0; index < this.storage.length; index += 1) {
      const key = this.storage.key(index);
      if (!key?.startsWith(DRAFT_PREFIX)) continue;
      try {
        const draft = JSON.parse(this.storage.getItem(key) ?? '') as Draft;
        // Text not yet handed over waits for its box, refused drafts for the user; only saves are replayed.
        if ('call' in draft) drafts.push({ key, draft });
        else if ('refused' in draft) {
          if (!Array.isArray(draft.refused)) broken.push(key);
        } else if (typeof draft.text !== 'string') broken.push(key);
      } catch {
        broken.push(key);
      }
    }
    for (const key of broken) this.storage.removeItem(key);
    drafts.sort((a, b) => a.draft.at.localeCompare(b.draft.at));
    let stored = 0;
    for (const { key, draft } of drafts) {
      const result = await this.invoke(draft.call);
      const field = key.slice(DRAFT_PREFIX.length);
      if (!result.ok && isRefusal(result.error) && this.options.keepsRefused?.(field)) {
        this.setAside(field, { call: draft.call, at: draft.at, error: result.error });
        this.storage.removeItem(key);
      } else if (result.ok || hopeless(result.error)) this.storage.removeItem(key);
      if (result.ok) stored += 1;
    }
    return stored;
  }
}
