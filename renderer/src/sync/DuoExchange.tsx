import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportResult, ImportResultView, JobView } from '../../../shared/contract/sync';
import { api } from '../api';
import { describeError, fieldErrors } from '../errors';
import { useContractQuery } from '../data/queries';
import { isJobEvent, wakeOn } from '../data/wake';
import { base64ToBytes, bytesToBase64 } from './base64';

type Progress = { readonly phase: string; readonly done: number; readonly total: number } | null;

class JobFailed extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

/** Follows a job until it is done or failed, reporting its progress: read again whenever the services say a job moved (no polling). */
async function follow<R>(
  read: () => Promise<JobView<R> | string>,
  onProgress: (progress: Progress) => void,
): Promise<R> {
  const moved = wakeOn(isJobEvent);
  try {
    for (;;) {
      const job = await read();
      if (typeof job === 'string') throw new Error(job);
      onProgress({ phase: job.phase, done: job.done, total: job.total });
      if (job.state === 'done' && job.result) return job.result;
      if (job.state === 'failed') throw new JobFailed(job.error ?? 'failed', job.errorCode);
      await moved.wait();
    }
  } finally {
    moved.stop();
  }
}

function download(result: ExportResult): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(result.base64)], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = result.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Duo exchange without network: export what the partner's laptop lacks into one file (USB stick),
 * import the partner's file. Both run as jobs with a progress bar; a bad file changes nothing.
 */
export function DuoExchange() {
  const { t, i18n } = useTranslation();
  const id = useId();
  // Both refresh by themselves when a file (or the server) brings a campaign or a peer.
  const campaigns = useContractQuery('campaigns.list', {}).data ?? [];
  const duo = useContractQuery('duo.info', {}).data ?? null;
  const [campaignId, setCampaignId] = useState('');
  const [peer, setPeer] = useState('');
  const [progress, setProgress] = useState<Progress>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const selected = campaignId || campaigns[0]?.id || '';

  /** The reason in the user's language where the failure has a known code, else its own words. */
  const reasonOf = (error: unknown): string => {
    if (error instanceof JobFailed && error.code) {
      const key = `sync.duo.reasons.${error.code}`;
      if (i18n.exists(key)) return t(key as 'sync.duo.reasons.bundle-damaged');
    }
    return error instanceof Error ? error.message : String(error);
  };

  async function exportBundle() {
    setBusy(true);
    setMessage(null);
    try {
      const started = await api.invoke('duo.export', { campaignId: selected, forPeer: peer || null });
      if (!started.ok) throw new Error(describeError(t, started.error) + ` ${started.error.message}`);
      const result = await follow(async () => {
        const job = await api.invoke('jobs.export', { jobId: started.value.jobId });
        return job.ok ? job.value : job.error.message;
      }, setProgress);
      download(result);
      setMessage({ kind: 'ok', text: t('sync.duo.exported', { count: result.count, file: result.fileName }) });
    } catch (error) {
      setMessage({ kind: 'error', text: t('sync.duo.exportFailed', { reason: reasonOf(error) }) });
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  async function importBundle(file: File) {
    setBusy(true);
    setMessage(null);
    try {
      setProgress({ phase: 'read', done: 0, total: 1 });
      const base64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      const started = await api.invoke('duo.import', { fileName: file.name, base64, campaignId: selected || null });
      if (!started.ok) {
        const fields = fieldErrors(t, started.error);
        throw new Error(fields.base64 ?? `${describeError(t, started.error)} ${started.error.message}`);
      }
      const result: ImportResultView = await follow(async () => {
        const job = await api.invoke('jobs.import', { jobId: started.value.jobId });
        return job.ok ? job.value : job.error.message;
      }, setProgress);
      const imported = t('sync.duo.imported', {
        count: result.count,
        applied: result.applied,
        duplicates: result.duplicates,
        conflicts: result.conflicts,
      });
      // Values that lost to a concurrent edit are not gone: the conflicts panel keeps them to restore.
      const resolved = result.autoResolved > 0 ? ` ${t('conflicts.imported', { count: result.autoResolved })}` : '';
      setMessage({ kind: 'ok', text: imported + resolved });
    } catch (error) {
      setMessage({ kind: 'error', text: t('sync.duo.importFailed', { reason: reasonOf(error) }) });
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  return (
    <section className="dialog-section" aria-labelledby={`${id}-duo`} data-testid="duo-exchange">
      <h3 id={`${id}-duo`}>{t('sync.duo.title')}</h3>
      <p className="muted small">{t('sync.duo.explain')}</p>
      {duo ? <p className="muted small">{t('sync.duo.thisLaptop', { node: duo.node })}</p> : null}
      {campaigns.length > 0 ? (
        <div className="form-grid">
          <label htmlFor={`${id}-campaign`}>{t('sync.duo.campaign')}</label>
          <select id={`${id}-campaign`} value={selected} onChange={(event) => setCampaignId(event.target.value)}>
            {campaigns.map((campaign) => (
              <option key={campaign.id} value={campaign.id}>
                {campaign.name} ({campaign.workingYear})
              </option>
            ))}
          </select>
          <span>{t('sync.duo.campaignId')}</span>
          <code className="campaign-id" data-testid="campaign-id">
            {selected}
          </code>
          <label htmlFor={`${id}-peer`}>{t('sync.duo.for')}</label>
          <select id={`${id}-peer`} value={peer} onChange={(event) => setPeer(event.target.value)}>
            <option value="">{t('sync.duo.everything')}</option>
            {duo?.peers.map((candidate) => (
              <option key={candidate.node} value={candidate.node}>
                {candidate.name
                  ? t('sync.duo.peerNamed', { name: candidate.name })
                  : t('sync.duo.peer', { node: candidate.node })}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p className="small">{t('sync.duo.noCampaign')}</p>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          disabled={busy || !selected}
          onClick={() => void exportBundle()}
        >
          {t('sync.duo.export')}
        </button>
        <label className={`button${busy ? ' disabled' : ''}`}>
          {t('sync.duo.import')}
          <input
            type="file"
            accept=".vwb,application/octet-stream"
            className="visually-hidden"
            disabled={busy}
            data-testid="duo-import-file"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void importBundle(file);
            }}
          />
        </label>
      </div>
      {progress ? (
        <div className="job-progress" role="status">
          <progress
            max={Math.max(progress.total, 1)}
            value={progress.done}
            aria-label={t(`sync.duo.phase.${progress.phase}`, { defaultValue: progress.phase })}
          />
          <span className="small muted">{t(`sync.duo.phase.${progress.phase}`, { defaultValue: progress.phase })}</span>
        </div>
      ) : null}
      {message ? (
        <p
          className={message.kind === 'ok' ? 'alert alert-ok' : 'alert alert-error'}
          role={message.kind === 'ok' ? 'status' : 'alert'}
        >
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
