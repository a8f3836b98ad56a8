import type { Change } from '../../shared/sync/change';
import { ClockSkewError } from '../../shared/sync/hlc';
import type { ReasonCode } from '../../shared/sync/reasons';
import type { ApplyReport, ChangeSourceKind, SetAsideChange } from '../../shared/sync/replica';
import { nestsDeeperThan, MAX_VALUE_DEPTH, validateChange } from '../../shared/sync/validate';
import { verifyChange, type ChangeApplier, type Incoming } from './apply';
import { fastCheckChange } from './change-check';
import type { StoreCore } from './core';
import { ChangeRejectedError } from './errors';
import { setSyncState } from './exchange';

/** Changes made elsewhere (bundles, the duo peer link, the server): checked, applied, or kept aside when of a newer schema. */

export interface ApplyOptions {
  /** Called while applying: done of total changes. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Set aside (in deferred_changes, with the reason) each change that cannot be applied, and
   * apply the others, instead of refusing the whole call: for the server's log, which a laptop
   * must keep reading whatever one member pushed (or an older server accepted).
   */
  readonly setAside?: boolean;
  /**
   * Sync state written in the same transaction (the pull cursor after these changes); the
   * transaction then commits with synchronous=NORMAL, since the changes stay recoverable from
   * their source (see StoreCore.transaction).
   */
  readonly cursor?: { readonly key: string; readonly value: string };
  /** Where these changes sit in a longer sequence (a file applied in batches), for the messages' "change i of n". */
  readonly numbering?: Numbering;
  /**
   * Changes (by id) the caller decided not to apply but to set aside with this reason (a duo
   * file's relayed change whose author cannot be verified: services/duo/duo-files.ts). They are
   * checked like the others and kept in deferred_changes, unless the log holds them already.
   */
  readonly holdBack?: ReadonlyMap<string, { readonly code: ReasonCode; readonly reason: string }>;
}

export interface Numbering {
  readonly offset: number;
  readonly total: number;
}

export type RemoteSource = Exclude<ChangeSourceKind, 'local'>;

export class RemoteChanges {
  constructor(
    private readonly core: StoreCore,
    private readonly applier: ChangeApplier,
  ) {}

  /**
   * Applies changes made elsewhere, all or nothing: every change is checked first (envelope,
   * table and column against the registry, value, clock skew); one bad change refuses the whole
   * call with ChangeRejectedError (or ClockSkewError) and nothing is written. Changes already in
   * the log are skipped; changes of a newer schema are kept aside in deferred_changes.
   */
  applyRemote(changes: readonly Change[], source: RemoteSource, options: ApplyOptions = {}): ApplyReport {
    const core = this.core;
    const setAside = options.setAside === true;
    const { accepted, deferred, refused } = this.screen(changes, source, setAside, options.numbering, options.holdBack);
    const trusted = source === 'server';
    const cursor = options.cursor;
    return core.transaction(
      () => {
        if (cursor) setSyncState(core, cursor.key, cursor.value);
        let duplicates = 0;
        let deferredCount = 0;
        for (const change of deferred) {
          if (this.keepAside(change, source, null, null)) deferredCount += 1;
          else duplicates += 1;
        }
        for (const { change } of accepted) {
          if (trusted) core.clock.observe(change.hlc);
          else core.clock.receive(change.hlc);
        }
        let applied = 0;
        let conflicts = 0;
        let autoResolved = 0;
        // Changes of a forged claim on a row another campaign owns, evicted while applying (db/store/row-claims.ts).
        const evicted: SetAsideChange[] = [];
        if (!setAside) {
          const result = this.applier.apply(accepted, source, options.onProgress);
          applied = result.applied;
          conflicts = result.conflicts;
          autoResolved = result.autoResolved;
          duplicates += result.duplicates;
          evicted.push(...result.evicted);
        } else {
          try {
            // The common case: everything applies, in one go.
            const result = core.transaction(() => this.applier.apply(accepted, source, options.onProgress));
            applied = result.applied;
            conflicts = result.conflicts;
            autoResolved = result.autoResolved;
            duplicates += result.duplicates;
            evicted.push(...result.evicted);
          } catch (error) {
            if (!(error instanceof ChangeRejectedError)) throw error;
            // One of them does not apply here (a text that is no Yjs update, a row of another campaign): apply one by one, each in its savepoint.
            for (const item of accepted) {
              try {
                const result = core.transaction(() => this.applier.apply([item], source, undefined, accepted));
                applied += result.applied;
                conflicts += result.conflicts;
                autoResolved += result.autoResolved;
                duplicates += result.duplicates;
                evicted.push(...result.evicted);
              } catch (single) {
                if (!(single instanceof ChangeRejectedError)) throw single;
                refused.push({ change: item.change, code: single.code, reason: single.message });
              }
            }
          }
        }
        let setAsideCount = 0;
        for (const item of refused) if (this.keepAside(item.change, source, item.code, item.reason)) setAsideCount += 1;
        this.clearVerified(accepted);
        return {
          applied,
          duplicates,
          deferred: deferredCount + setAsideCount + evicted.length,
          conflicts,
          autoResolved,
          setAside: [...refused, ...evicted],
        };
      },
      cursor ? 'normal' : 'full',
    );
  }

  /**
   * Runs every check applyRemote runs before it writes (nothing is written): a file can be read
   * once to verify it whole and a second time to apply it in batches, with the same verdicts.
   */
  checkRemote(changes: readonly Change[], source: RemoteSource, numbering?: Numbering): void {
    this.screen(changes, source, false, numbering);
  }

  /** The checks of every change before anything is written: accepted, of a newer schema, or (set aside) refused. */
  private screen(
    changes: readonly Change[],
    source: RemoteSource,
    setAside: boolean,
    numbering: Numbering = { offset: 0, total: changes.length },
    holdBack?: ApplyOptions['holdBack'],
  ): { accepted: Incoming[]; deferred: Change[]; refused: SetAsideChange[] } {
    const core = this.core;
    const accepted: Incoming[] = [];
    const deferred: Change[] = [];
    const refused: SetAsideChange[] = [];
    // The server bounded its log's stamps by its own clock: a laptop whose clock is slow takes them.
    const trusted = source === 'server';
    changes.forEach((raw, index) => {
      let change: Change;
      let json: string;
      const fast = fastCheckChange(raw);
      if (fast) {
        ({ change, json } = fast);
      } else {
        const verdict = validateChange(raw, { schemaVersion: core.schemaVersion });
        if (!verdict.ok) {
          const message = `Change ${numbering.offset + index + 1} of ${numbering.total} is malformed (${verdict.path ?? 'change'}: ${verdict.message}); nothing was applied.`;
          const id =
            typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
              ? (raw as { id: string }).id
              : null;
          if (setAside && id !== null && !nestsDeeperThan(raw, MAX_VALUE_DEPTH + 2)) {
            refused.push({ change: raw as Change, code: verdict.code, reason: message });
            return;
          }
          throw new ChangeRejectedError(message);
        }
        change = verdict.change;
        json = verdict.json;
      }
      if (trusted) core.clock.observe(change.hlc);
      else core.clock.checkDrift(change.hlc);
      if (change.schema > core.schemaVersion) {
        deferred.push(change);
        return;
      }
      const held = holdBack?.get(change.id);
      if (held) {
        refused.push({ change, code: held.code, reason: held.reason });
        return;
      }
      const verdict = verifyChange(change, numbering.offset + index, numbering.total);
      if (!verdict.ok) {
        if (setAside) {
          refused.push({ change, code: verdict.code, reason: verdict.reason });
          return;
        }
        throw new ChangeRejectedError(verdict.reason);
      }
      accepted.push(verdict.update ? { change, json, update: verdict.update } : { change, json });
    });
    return { accepted, deferred, refused };
  }

  /**
   * A relayed change set aside as unverified (RELAYED_UNVERIFIED) leaves the list once the same
   * change came in through a path that verified it (the server, its maker's own file): it is in
   * the log now, and the card would tell of a change that is no longer aside.
   */
  private clearVerified(accepted: readonly Incoming[]): void {
    if (accepted.length === 0) return;
    const core = this.core;
    if (!core.stmt("SELECT 1 FROM deferred_changes WHERE code = 'RELAYED_UNVERIFIED' LIMIT 1").get()) return;
    const remove = core.stmt(
      "DELETE FROM deferred_changes WHERE id = ? AND code = 'RELAYED_UNVERIFIED' AND EXISTS (SELECT 1 FROM changes WHERE id = ?)",
    );
    for (const { change } of accepted) remove.run(change.id, change.id);
  }

  /** Keeps a change in deferred_changes (once); false when it is already there or in the log. */
  private keepAside(change: Change, source: RemoteSource, code: ReasonCode | null, reason: string | null): boolean {
    const core = this.core;
    if (core.stmt('SELECT 1 FROM changes WHERE id = ?').get(change.id)) return false;
    const schema = Number.isSafeInteger(change.schema) ? change.schema : 0;
    return (
      core
        .stmt(
          'INSERT OR IGNORE INTO deferred_changes (id, schema, source, change, code, reason) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(change.id, schema, source, JSON.stringify(change), code, reason).changes > 0
    );
  }

  /** Changes set aside because they could not be applied here, newest first (for the user to see). */
  listSetAside(limit = 100): SetAsideChange[] {
    const rows = this.core
      .stmt('SELECT change, code, reason FROM deferred_changes WHERE code IS NOT NULL ORDER BY id DESC LIMIT ?')
      .all(limit) as Array<{
      change: string;
      code: ReasonCode;
      reason: string;
    }>;
    return rows.map((row) => ({ change: JSON.parse(row.change) as Change, code: row.code, reason: row.reason }));
  }

  /**
   * Applies deferred changes this build now understands (called at open, e.g. after an upgrade).
   * One that is still refused (say, skewed or invalid under the new registry) stays deferred,
   * never dropped, and does not keep the profile from opening; `stillDeferred` counts them.
   */
  applyDeferred(): ApplyReport & { stillDeferred: number } {
    const core = this.core;
    const rows = core.db
      .prepare("SELECT change, source FROM deferred_changes WHERE schema <= ? AND source != 'push' ORDER BY id")
      .all(core.schemaVersion) as Array<{
      change: string;
      source: RemoteSource;
    }>;
    let total = { applied: 0, duplicates: 0, deferred: 0, conflicts: 0, stillDeferred: 0 };
    for (const row of rows) {
      const change = JSON.parse(row.change) as Change;
      try {
        core.transaction(() => {
          const report = this.applyRemote([change], row.source);
          core.db.prepare('DELETE FROM deferred_changes WHERE id = ?').run(change.id);
          total = {
            ...total,
            applied: total.applied + report.applied,
            duplicates: total.duplicates + report.duplicates,
            conflicts: total.conflicts + report.conflicts,
          };
        });
      } catch (error) {
        if (!(error instanceof ChangeRejectedError || error instanceof ClockSkewError)) throw error;
        total = { ...total, stillDeferred: total.stillDeferred + 1 };
      }
    }
    return total;
  }
}
