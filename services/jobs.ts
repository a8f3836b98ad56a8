import { randomUUID } from 'node:crypto';
import type { JobState, JobView } from '../shared/contract/sync';

/**
 * Long operations (bundle export and import of a whole season) run as jobs: the call that starts
 * one answers at once with its id, and the UI reads its progress until it is done. Finished jobs
 * are kept for a while so the UI can collect the result, then forgotten.
 */
interface Job<R> {
  id: string;
  kind: JobView<R>['kind'];
  state: JobState;
  phase: string;
  done: number;
  total: number;
  result: R | null;
  error: string | null;
  errorCode: string | null;
  finishedAt: number | null;
}

const KEEP_FINISHED_MS = 10 * 60 * 1000;

export interface JobRegistryOptions {
  /** Called when a job starts, progresses or ends (the UI is told, see services/events.ts). */
  readonly onChange?: () => void;
}

export class JobRegistry {
  private readonly jobs = new Map<string, Job<unknown>>();

  constructor(private readonly options: JobRegistryOptions = {}) {}

  private changed(): void {
    this.options.onChange?.();
  }

  start<R>(
    kind: JobView<R>['kind'],
    run: (progress: (phase: string, done: number, total: number) => void) => Promise<R>,
    describe: (error: unknown) => { readonly message: string; readonly code: string | null },
  ): string {
    this.prune();
    const job: Job<R> = {
      id: randomUUID(),
      kind,
      state: 'running',
      phase: 'start',
      done: 0,
      total: 0,
      result: null,
      error: null,
      errorCode: null,
      finishedAt: null,
    };
    this.jobs.set(job.id, job as Job<unknown>);
    const progress = (phase: string, done: number, total: number) => {
      Object.assign(job, { phase, done, total });
      this.changed();
    };
    // Run after answering the call that started it.
    setImmediate(() => {
      run(progress).then(
        (result) => {
          Object.assign(job, { state: 'done', result, finishedAt: Date.now() });
          this.changed();
        },
        (error: unknown) => {
          const { message, code } = describe(error);
          Object.assign(job, { state: 'failed', error: message, errorCode: code, finishedAt: Date.now() });
          this.changed();
        },
      );
    });
    return job.id;
  }

  get<R>(id: string, kind: JobView<R>['kind']): JobView<R> | undefined {
    const job = this.jobs.get(id);
    if (!job || job.kind !== kind) return undefined;
    const { finishedAt: _finishedAt, ...view } = job;
    return view as JobView<R>;
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs)
      if (job.finishedAt !== null && now - job.finishedAt > KEEP_FINISHED_MS) this.jobs.delete(id);
  }
}
