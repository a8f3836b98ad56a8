import { changeSchema, type Change } from '../../shared/sync/change';
import { ClockSkewError } from '../../shared/sync/hlc';
import type { ApplyReport, ChangeSourceKind } from '../../shared/sync/replica';
import { verifyChange, type ChangeApplier, type Incoming } from './apply';
import { fastCheckChange } from './change-check';
import type { StoreCore } from './core';
import { ChangeRejectedError } from './errors';

/** Changes made elsewhere (bundles, the duo peer link, the server): checked, applied, or kept aside when of a newer schema. */

export interface ApplyOptions {
  /** Called while applying: done of total changes. */
  readonly onProgress?: (done: number, total: number) => void;
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
    const accepted: Incoming[] = [];
    const deferred: Change[] = [];
    changes.forEach((raw, index) => {
      let change: Change;
      let json: string;
      const fast = fastCheckChange(raw);
      if (fast) {
        ({ change, json } = fast);
      } else {
        const parsed = changeSchema.safeParse(raw);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new ChangeRejectedError(
            `Change ${index + 1} of ${changes.length} is malformed (${issue ? `${issue.path.join('.') || 'change'}: ${issue.message}` : 'invalid'}); nothing was applied.`,
          );
        }
        change = parsed.data;
        json = JSON.stringify(change.value);
      }
      core.clock.checkDrift(change.hlc);
      if (change.schema > core.schemaVersion) {
        deferred.push(change);
        return;
      }
      const verdict = verifyChange(change, index, changes.length);
      if (!verdict.ok) throw new ChangeRejectedError(verdict.reason);
      accepted.push(verdict.update ? { change, json, update: verdict.update } : { change, json });
    });
    return core.transaction(() => {
      let duplicates = 0;
      let deferredCount = 0;
      for (const change of deferred) {
        const inLog = core.stmt('SELECT 1 FROM changes WHERE id = ?').get(change.id);
        const result = inLog
          ? { changes: 0 }
          : core.stmt('INSERT OR IGNORE INTO deferred_changes (id, schema, source, change) VALUES (?, ?, ?, ?)').run(change.id, change.schema, source, JSON.stringify(change));
        if (result.changes === 0) duplicates += 1;
        else deferredCount += 1;
      }
      for (const { change } of accepted) core.clock.receive(change.hlc);
      const { applied, conflicts, duplicates: dupes } = this.applier.apply(accepted, source, options.onProgress);
      return { applied, duplicates: duplicates + dupes, deferred: deferredCount, conflicts };
    });
  }

  /**
   * Applies deferred changes this build now understands (called at open, e.g. after an upgrade).
   * One that is still refused (say, skewed or invalid under the new registry) stays deferred,
   * never dropped, and does not keep the profile from opening; `stillDeferred` counts them.
   */
  applyDeferred(): ApplyReport & { stillDeferred: number } {
    const core = this.core;
    const rows = core.db.prepare('SELECT change, source FROM deferred_changes WHERE schema <= ? ORDER BY id').all(core.schemaVersion) as Array<{
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
          total = { ...total, applied: total.applied + report.applied, duplicates: total.duplicates + report.duplicates, conflicts: total.conflicts + report.conflicts };
        });
      } catch (error) {
        if (!(error instanceof ChangeRejectedError || error instanceof ClockSkewError)) throw error;
        total = { ...total, stillDeferred: total.stillDeferred + 1 };
      }
    }
    return total;
  }
}
