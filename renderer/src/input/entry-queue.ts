import type { ContractError } from '../../../shared/contract/result';

/**
 * Entries typed into an "type and press Enter" input (SWOT items, team lemmas), saved one after
 * the other in the order they were typed. The input hands its text over on Enter and is empty at
 * once, so keys typed while a save is still under way start the next entry instead of landing in
 * (or being wiped from) the previous one. Hand-written because it is a small serial queue tied to
 * the contract's answers (held while no identity is chosen), not a general job queue.
 */
export type EntryState = 'waiting' | 'saving' | 'held' | 'failed' | 'stored' | 'unconfirmed';

export interface Entry<K> {
  /** Local key, stable for the entry's life (React key). */
  readonly key: number;
  /** Where the entry goes (a quadrant, …). */
  readonly target: K;
  readonly text: string;
  readonly state: EntryState;
  /** The stored record's id, once stored. */
  readonly storedId?: string;
  readonly error?: ContractError;
}

/**
 * What the journal keeps of an entry not yet stored: enough to show it and save it again after a
 * reload. `sent` is an entry whose save was under way: it may have been stored.
 */
export interface JournalEntry<K> {
  readonly target: K;
  readonly text: string;
  readonly state: 'waiting' | 'failed' | 'sent';
  readonly error?: ContractError;
}

/** Where a queue keeps its entries not yet stored, synchronously, so a reload or a closed window loses none. */
export interface EntryJournal<K> {
  load(): readonly JournalEntry<K>[];
  save(entries: readonly JournalEntry<K>[]): void;
}

/** The part of Web Storage a journal uses (local storage in the app, a map in tests). */
export interface JournalStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const ENTRY_JOURNAL_PREFIX = 'veldwerk.entries.';

/**
 * A journal in Web Storage under `veldwerk.entries.<name>`; `isTarget` checks what is read back
 * (a value of an older page or another version is left out, never thrown on).
 */
export function storageJournal<K>(
  storage: JournalStorage | null,
  name: string,
  isTarget: (value: unknown) => value is K,
): EntryJournal<K> {
  const key = `${ENTRY_JOURNAL_PREFIX}${name}`;
  return {
    load() {
      try {
        const parsed = JSON.parse(storage?.getItem(key) ?? '[]') as unknown;
        if (!Array.isArray(parsed)) return [];
        return parsed.filter(
          (entry): entry is JournalEntry<K> =>
            typeof entry === 'object' &&
            entry !== null &&
            isTarget((entry as { target?: unknown }).target) &&
            typeof (entry as { text?: unknown }).text === 'string' &&
            ['waiting', 'failed', 'sent'].includes((entry as { state?: unknown }).state as string),
        );
      } catch {
        return [];
      }
    },
    save(entries) {
      try {
        if (entries.length === 0) storage?.removeItem(key);
        else storage?.setItem(key, JSON.stringify(entries));
      } catch {
        // Without storage (full, or refused) the queue still works for this page.
      }
    },
  };
}

export type SubmitResult =
  { readonly ok: true; readonly id: string } | { readonly ok: false; readonly error: ContractError };

/** True for the refusal "choose who you are first": such entries wait for a name instead of failing. */
export function needsIdentity(error: ContractError | null | undefined): boolean {
  return error?.code === 'FORBIDDEN' && (error.issues ?? []).some((issue) => issue.path === 'identity');
}

export class EntryQueue<K> {
  private entries: Entry<K>[] = [];
  private nextKey = 1;
  private running = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    private submit: (target: K, text: string) => Promise<SubmitResult>,
    private readonly journal?: EntryJournal<K>,
  ) {
    // Entries of an earlier page (reload, crash, closed window) come back in their order: those
    // not yet sent (also those held for a name: the services say again whether one is chosen)
    // are saved again, failed ones stay failed, and one whose save was under way waits for
    // `reconcile`, which tells whether the store has it.
    const restored = journal?.load() ?? [];
    if (restored.length > 0) {
      this.entries = restored.map((entry) => ({
        key: this.nextKey++,
        target: entry.target,
        text: entry.text,
        state: entry.state === 'sent' ? ('unconfirmed' as const) : entry.state,
        ...(entry.error ? { error: entry.error } : {}),
      }));
      void this.run();
    }
  }

  setSubmit(submit: (target: K, text: string) => Promise<SubmitResult>): void {
    this.submit = submit;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): readonly Entry<K>[] => this.entries;

  /** True while entries wait for an identity to be chosen. */
  get held(): boolean {
    return this.entries.some((entry) => entry.state === 'held');
  }

  /** Adds an entry (blank text is ignored) and starts saving; answers whether it was taken. */
  enqueue(target: K, text: string): boolean {
    if (text.trim() === '') return false;
    const held = this.held;
    this.set([...this.entries, { key: this.nextKey++, target, text, state: held ? 'held' : 'waiting' }]);
    void this.run();
    return true;
  }

  /** Saves the held (and failed) entries again, e.g. once a name is chosen. */
  retry(): void {
    this.set(
      this.entries.map((entry) =>
        entry.state === 'held' || entry.state === 'failed'
          ? { key: entry.key, target: entry.target, text: entry.text, state: 'waiting' as const }
          : entry,
      ),
    );
    void this.run();
  }

  discard(key: number): void {
    this.set(this.entries.filter((entry) => entry.key !== key || entry.state === 'saving'));
  }

  /**
   * Settles the entries whose save was under way when the page went: one the store shows (same
   * target and text) was stored and is forgotten, any other is saved again, in its place in the order.
   */
  reconcile(shown: readonly { readonly target: K; readonly text: string }[]): void {
    if (!this.entries.some((entry) => entry.state === 'unconfirmed')) return;
    const left = [...shown];
    const next: Entry<K>[] = [];
    for (const entry of this.entries) {
      if (entry.state !== 'unconfirmed') {
        next.push(entry);
        continue;
      }
      const match = left.findIndex((one) => one.target === entry.target && one.text.trim() === entry.text.trim());
      if (match >= 0) left.splice(match, 1);
      else next.push({ key: entry.key, target: entry.target, text: entry.text, state: 'waiting' });
    }
    this.set(next);
    void this.run();
  }

  /** Forgets stored entries whose record the screen now shows itself. */
  settle(shownIds: ReadonlySet<string>): void {
    if (this.entries.some((entry) => entry.state === 'stored' && entry.storedId && shownIds.has(entry.storedId))) {
      this.set(
        this.entries.filter((entry) => !(entry.state === 'stored' && entry.storedId && shownIds.has(entry.storedId))),
      );
    }
  }

  private set(entries: Entry<K>[]): void {
    this.entries = entries;
    this.journal?.save(
      entries.flatMap((entry): JournalEntry<K>[] => {
        const kept = { target: entry.target, text: entry.text };
        switch (entry.state) {
          case 'stored':
            return [];
          case 'saving':
          case 'unconfirmed':
            return [{ ...kept, state: 'sent' }];
          case 'failed':
            return [{ ...kept, state: 'failed', ...(entry.error ? { error: entry.error } : {}) }];
          default:
            return [{ ...kept, state: 'waiting' }];
        }
      }),
    );
    for (const listener of this.listeners) listener();
  }

  private patch(key: number, change: Partial<Entry<K>>): void {
    this.set(this.entries.map((entry) => (entry.key === key ? { ...entry, ...change } : entry)));
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        // An entry waiting for `reconcile` keeps its place: the ones after it wait too.
        const next = this.entries.find((entry) => entry.state === 'waiting' || entry.state === 'unconfirmed');
        if (!next || next.state === 'unconfirmed') return;
        this.patch(next.key, { state: 'saving' });
        const result = await this.submit(next.target, next.text);
        if (result.ok) this.patch(next.key, { state: 'stored', storedId: result.id });
        else if (needsIdentity(result.error)) {
          // Everything from here on waits, in order, for a name.
          this.set(
            this.entries.map((entry) =>
              entry.key === next.key || entry.state === 'waiting'
                ? { ...entry, state: 'held' as const, error: result.error }
                : entry,
            ),
          );
        } else this.patch(next.key, { state: 'failed', error: result.error });
      }
    } finally {
      this.running = false;
    }
  }
}
