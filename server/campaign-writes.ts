import type { SqlExecutor } from './store/sql';

interface Job {
  readonly fn: (tx: SqlExecutor) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** Most writes of one campaign run in one transaction. */
export const MAX_CAMPAIGN_GROUP = 32;

/**
 * Queues the writes of each campaign in this process and runs those waiting together in one
 * transaction (`transaction`), one after another, each inside a SAVEPOINT (a write alone runs
 * without one) and its notify() kept until the end: a write that throws is
 * rolled back to its savepoint and rejects at once without touching the others (also when the
 * database aborted its statement, a deadlock or a constraint); the others resolve only after the
 * COMMIT, so nothing is answered before it is durable, and the campaign's news is sent once, the
 * last of the group (a campaign's news is its last sequence number). When the transaction itself fails (the
 * COMMIT, the connection), every write of the group rejects. Different campaigns run side by
 * side; one campaign's writes run in the order they came.
 */
export class CampaignWrites {
  private readonly queues = new Map<string, Job[]>();

  constructor(
    private readonly transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>) => Promise<T>,
    private readonly maxGroup = MAX_CAMPAIGN_GROUP,
  ) {}

  run<T>(campaign: string, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const job: Job = { fn, resolve: resolve as (value: unknown) => void, reject };
      const queue = this.queues.get(campaign);
      if (queue) {
        queue.push(job);
        return;
      }
      this.queues.set(campaign, [job]);
      void this.drain(campaign);
    });
  }

  private async drain(campaign: string): Promise<void> {
    const queue = this.queues.get(campaign) as Job[];
    while (queue.length > 0) {
      const group = queue.splice(0, this.maxGroup);
      const done: { job: Job; result: unknown }[] = [];
      try {
        await this.transaction(async (tx) => {
          // A campaign's news says "its log is at seq" (campaignNews): the group's last one says it all.
          let news: string | null = null;
          for (const job of group) {
            let pending: string | null = null;
            const inner: SqlExecutor = {
              dialect: tx.dialect,
              query: (sql, params) => tx.query(sql, params),
              execute: (sql, params) => tx.execute(sql, params),
              notify: async (payload) => {
                pending = payload;
              },
            };
            // Alone, the transaction is its savepoint. Savepoints are not released: each new one
            // nests in the last, and ROLLBACK TO names the newest, the failed write's own.
            if (group.length > 1) await tx.execute('SAVEPOINT veldwerk_write');
            let result: unknown;
            try {
              result = await job.fn(inner);
            } catch (error) {
              if (group.length === 1) throw error;
              await tx.execute('ROLLBACK TO SAVEPOINT veldwerk_write');
              job.reject(error);
              continue;
            }
            if (pending !== null) news = pending;
            done.push({ job, result });
          }
          if (news !== null) await tx.notify(news);
        });
      } catch (error) {
        for (const job of group) job.reject(error);
        continue;
      }
      for (const { job, result } of done) job.resolve(result);
    }
    this.queues.delete(campaign);
  }
}
