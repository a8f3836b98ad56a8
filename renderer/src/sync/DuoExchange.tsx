import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuoFileView, ExportResult, ImportResultView, JobView } from '../../../shared/contract/sync';
import { api } from '../api';
import { describeError, fieldErrors } from '../errors';
import { useContractQuery } from '../data/queries';
import { isJobEvent, wakeOn } from '../data/wake';
import { base64ToBytes, bytesToBase64 } from './base64';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import alerts from '../components/alert.module.css';
import forms from '../components/form.module.css';
import layout from '../components/layout.module.css';
import dialogs from '../components/dialog.module.css';
import styles from './DuoExchange.module.css';
import { DuoFilePreview, DuoFileRefused, initialConsent, needsConsent, refusalOf } from './DuoFilePreview';

/** A chosen file, with what duo.inspect said of it and the consent given to each new campaign, until the person decides. */
interface Pending {
  readonly name: string;
  readonly base64: string;
  readonly view: DuoFileView;
  readonly consent: Record<string, boolean>;
}

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
  // The duo's passphrase: the exported file is encrypted under it; an encrypted file imports with it.
  const [passphrase, setPassphrase] = useState('');
  // A chosen file waits here, with who made it, until the person confirms (or not).
  const [pending, setPending] = useState<Pending | null>(null);
  // A chosen file whose signature did not check out: flagged, never imported.
  const [refused, setRefused] = useState<{ name: string; reason: string } | null>(null);
  const makerRef = useRef<HTMLDivElement>(null);
  const refusedRef = useRef<HTMLDivElement>(null);
  // The question about the maker must be seen: bring it into view (the dialog scrolls) when a file was read.
  const shownFile = pending?.base64 ?? null;
  useEffect(() => {
    if (shownFile) makerRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [shownFile]);
  useEffect(() => {
    if (refused) refusedRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [refused]);

  const selected = campaignId || campaigns[0]?.id || '';
  // The chosen partner, when this laptop is paired with it over the network: no passphrase needed.
  const pairedPeer = duo?.peers.find((candidate) => candidate.node === peer && candidate.paired) ?? null;

  /** The reason in the user's language where the failure has a known code, else its own words. */
  const reasonOf = (error: unknown): string => {
    if (error instanceof JobFailed && error.code === 'duo-wrong-passphrase') return t('vault.duo.errors.wrong');
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
      const started = await api.invoke('duo.export', {
        campaignId: selected,
        forPeer: peer || null,
        // Left out for a paired partner: the file is sealed with the pairing key instead.
        ...(passphrase ? { passphrase } : {}),
      });
      if (!started.ok) {
        const fields = fieldErrors(t, started.error);
        throw new Error(fields.passphrase ?? `${describeError(t, started.error)} ${started.error.message}`);
      }
      const result = await follow(async () => {
        const job = await api.invoke('jobs.export', { jobId: started.value.jobId });
        return job.ok ? job.value : job.error.message;
      }, setProgress);
      download(result);
      setMessage({
        kind: 'ok',
        text: t(result.sealed === 'pair' ? 'sync.duo.exportedPaired' : 'sync.duo.exported', {
          count: result.count,
          file: result.fileName,
        }),
      });
    } catch (error) {
      setMessage({ kind: 'error', text: t('sync.duo.exportFailed', { reason: reasonOf(error) }) });
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  /** Reads the chosen file and shows who made it; nothing is imported before the person confirms. */
  async function inspectFile(file: File) {
    setBusy(true);
    setMessage(null);
    setPending(null);
    setRefused(null);
    try {
      setProgress({ phase: 'read', done: 0, total: 1 });
      const base64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      const shown = await api.invoke('duo.inspect', { base64, ...(passphrase ? { passphrase } : {}) });
      if (!shown.ok) {
        // A signature that does not check out is flagged as such, with nothing to import.
        const reason = refusalOf((shown.error.issues ?? []).map((issue) => issue.key));
        if (reason) {
          setRefused({ name: file.name, reason });
          return;
        }
        const fields = fieldErrors(t, shown.error);
        throw new Error(
          fields.base64 ?? fields.passphrase ?? `${describeError(t, shown.error)} ${shown.error.message}`,
        );
      }
      setPending({ name: file.name, base64, view: shown.value, consent: initialConsent(shown.value) });
    } catch (error) {
      setMessage({ kind: 'error', text: t('sync.duo.importFailed', { reason: reasonOf(error) }) });
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  async function importBundle(chosen: Pending) {
    // The file comes in whole: the preview offers the import only when every new campaign was consented to.
    if (chosen.view.campaigns.some((campaign) => campaign.isNew && !chosen.consent[campaign.id])) return;
    setBusy(true);
    setMessage(null);
    setPending(null);
    try {
      const { base64, view, consent } = chosen;
      const started = await api.invoke('duo.import', {
        fileName: chosen.name,
        base64,
        // Every campaign of the file: the services take the profile's own and a new one whose team has this person,
        // and refuse any other (so a partner's second campaign comes in, a stranger's does not).
        campaignId: null,
        // The fingerprint the person was shown and confirmed; a known laptop needs no confirmation.
        trustSigner: view.trust === 'known' ? null : view.maker.fingerprint,
        // A campaign the services refuse as foreign comes in only with the consent the person ticked.
        allowNewCampaign: view.campaigns.some((campaign) => needsConsent(view, campaign) && consent[campaign.id]),
        ...(passphrase ? { passphrase } : {}),
      });
      if (!started.ok) {
        const fields = fieldErrors(t, started.error);
        throw new Error(
          fields.base64 ?? fields.passphrase ?? `${describeError(t, started.error)} ${started.error.message}`,
        );
      }
      const result: ImportResultView = await follow(async () => {
        const job = await api.invoke('jobs.import', { jobId: started.value.jobId });
        return job.ok ? job.value : job.error.message;
      }, setProgress);
      const imported = t('sync.duo.imported', {
        count: result.count,
        applied: result.applied,
        duplicates: result.duplicates,
        conflicts: t('sync.duo.choices', { count: result.conflicts }),
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
    <section className={dialogs.dialogSection} aria-labelledby={`${id}-duo`} data-testid="duo-exchange">
      <h3 id={`${id}-duo`}>{t('sync.duo.title')}</h3>
      <p className={cx(layout.muted, layout.small)}>{t('sync.duo.explain')}</p>
      {duo ? (
        <p className={cx(layout.muted, layout.small)}>
          {t('sync.duo.thisLaptop', { node: duo.node })}
          <br />
          <span data-testid="own-fingerprint">
            {t('sync.duo.ownFingerprint', { fingerprint: duo.fingerprintShort })}
          </span>
        </p>
      ) : null}
      {campaigns.length > 0 ? (
        <div className={forms.formGrid}>
          <label htmlFor={`${id}-campaign`}>{t('sync.duo.campaign')}</label>
          <select id={`${id}-campaign`} value={selected} onChange={(event) => setCampaignId(event.target.value)}>
            {campaigns.map((campaign) => (
              <option key={campaign.id} value={campaign.id}>
                {campaign.name} ({campaign.workingYear})
              </option>
            ))}
          </select>
          <span>{t('sync.duo.campaignId')}</span>
          <code className={styles.campaignId} data-testid="campaign-id">
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
        <p className={layout.small}>{t('sync.duo.noCampaign')}</p>
      )}
      <div className={forms.formGrid}>
        <label htmlFor={`${id}-passphrase`}>{t('vault.duo.passphraseLabel')}</label>
        <input
          id={`${id}-passphrase`}
          type="password"
          autoComplete="off"
          value={passphrase}
          data-testid="duo-passphrase"
          onChange={(event) => setPassphrase(event.target.value)}
        />
      </div>
      {pairedPeer ? (
        <p className={cx(layout.muted, layout.small)} data-testid="duo-paired-hint">
          {t('vault.duo.pairedHint', {
            name: pairedPeer.name ?? t('vault.duo.pairedLaptop', { node: pairedPeer.node }),
          })}
        </p>
      ) : (
        <p className={cx(layout.muted, layout.small)}>{t('vault.duo.passphraseHint')}</p>
      )}
      <div className={buttons.buttonRow}>
        <button
          type="button"
          className={cx(buttons.button, buttons.buttonPrimary)}
          disabled={busy || !selected}
          onClick={() => void exportBundle()}
        >
          {t('sync.duo.export')}
        </button>
        <label className={cx(buttons.button, busy && buttons.disabled)}>
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
              if (file) void inspectFile(file);
            }}
          />
        </label>
      </div>
      {pending ? (
        <DuoFilePreview
          ref={makerRef}
          view={pending.view}
          fileName={pending.name}
          consent={pending.consent}
          onConsent={(campaign, given) =>
            setPending((current) =>
              current ? { ...current, consent: { ...current.consent, [campaign]: given } } : current,
            )
          }
          onImport={() => void importBundle(pending)}
          onCancel={() => {
            setPending(null);
            setMessage({ kind: 'ok', text: t('sync.duo.maker.cancelled') });
          }}
        />
      ) : null}
      {refused ? (
        <DuoFileRefused
          ref={refusedRef}
          fileName={refused.name}
          reason={refused.reason}
          onClose={() => setRefused(null)}
        />
      ) : null}
      {progress ? (
        <div className={styles.jobProgress} role="status">
          <progress
            max={Math.max(progress.total, 1)}
            value={progress.done}
            aria-label={t(`sync.duo.phase.${progress.phase}`, { defaultValue: progress.phase })}
          />
          <span className={cx(layout.small, layout.muted)}>
            {t(`sync.duo.phase.${progress.phase}`, { defaultValue: progress.phase })}
          </span>
        </div>
      ) : null}
      {message ? (
        <p
          className={message.kind === 'ok' ? cx(alerts.alert, alerts.alertOk) : cx(alerts.alert, alerts.alertError)}
          role={message.kind === 'ok' ? 'status' : 'alert'}
        >
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
