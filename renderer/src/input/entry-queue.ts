import type { ContractError } from '../../../shared/contract/result';

/**
 * Entries typed into an "type and press Enter" input (SWOT items, team lemmas), saved one after
 * the other in the order they were typed. The input hands its text over on Enter and is empty at
 * once, so keys typed while a save is still under way start the next entry instead of landing in
 * (or being wiped from) the previous one. Hand-written because it is a small serial queue tied to
 * the contract's answers (held while no identity is chosen), not a general job queue.
 */
export type EntryState = 'waiting' | 'saving' | 'held' | 'failed' | 'stored';

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

  constructor(private submit: (target: K, text: string) => Promise<SubmitResult>) {}

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
        const next = this.entries.find((entry) => entry.state === 'waiting');
        if (!next) return;
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
