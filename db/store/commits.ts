import { MAX_EVENT_ROWS, type ChangesEvent, type ChangeSource } from '../../shared/contract/events';
import type { TableName } from '../../shared/sync/schema';

export type CommitListener = (event: ChangesEvent) => void;

interface Touch {
  readonly source: ChangeSource;
  readonly campaign: string;
  readonly table: TableName;
  readonly rowId: string;
}

/**
 * What the store's transactions wrote, told to observers after the commit: one ChangesEvent per
 * source and outermost transaction. The store records every change it stores (in its one apply
 * path) and runs each transaction through `run`, so every write path is observed; a rolled-back
 * transaction (or nested savepoint) tells nothing of what it undid. Kept free of any transport:
 * the services forward the events (services/events.ts).
 */
export class CommitObserver {
  private touched: Touch[] = [];
  private readonly listeners = new Set<CommitListener>();

  subscribe(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  record(source: ChangeSource, campaign: string, table: TableName, rowId: string): void {
    this.touched.push({ source, campaign, table, rowId });
  }

  /** Runs one transaction; `nested` when it joins an open one (a savepoint). */
  run<T>(nested: boolean, transaction: () => T): T {
    const mark = this.touched.length;
    let result: T;
    try {
      result = transaction();
    } catch (error) {
      this.touched.length = mark;
      throw error;
    }
    if (!nested) this.flush();
    return result;
  }

  private flush(): void {
    const touched = this.touched;
    this.touched = [];
    if (touched.length === 0 || this.listeners.size === 0) return;
    for (const event of toEvents(touched)) {
      for (const listener of [...this.listeners]) {
        try {
          listener(event);
        } catch (error) {
          // An observer's failure must not undo or hide a committed write.
          console.error('change event listener failed:', error);
        }
      }
    }
  }
}

function toEvents(touched: readonly Touch[]): ChangesEvent[] {
  const bySource = new Map<
    ChangeSource,
    { campaigns: Set<string>; tables: Set<TableName>; rows: Map<string, { table: TableName; id: string }> }
  >();
  for (const touch of touched) {
    let entry = bySource.get(touch.source);
    if (!entry) {
      entry = { campaigns: new Set(), tables: new Set(), rows: new Map() };
      bySource.set(touch.source, entry);
    }
    entry.campaigns.add(touch.campaign);
    entry.tables.add(touch.table);
    entry.rows.set(`${touch.table}\u0000${touch.rowId}`, { table: touch.table, id: touch.rowId });
  }
  return [...bySource].map(([source, entry]) => {
    const rows = [...entry.rows.values()];
    return {
      type: 'changes',
      source,
      campaigns: [...entry.campaigns].sort(),
      tables: [...entry.tables].sort(),
      rows: rows.slice(0, MAX_EVENT_ROWS),
      truncated: rows.length > MAX_EVENT_ROWS,
    };
  });
}
