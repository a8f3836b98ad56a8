import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAX_K,
  MIN_K,
  anonymityKSchema,
  type AnonymityReview,
  type ExportFormat,
  type ExportValues,
  type ReportExportResult,
} from '../../../shared/contract/export';
import { DEFAULT_K } from '../../../shared/anonymise/check';
import type { ContractError } from '../../../shared/contract/result';
import type { HitKind } from '../../../shared/anonymise/check';
import { isLanguage } from '../../../shared/i18n';
import { api } from '../api';
import { describeError } from '../errors';
import { downloadBlob } from './download';
import { HitList } from './HitList';
import { ReviewSummary } from './ReviewSummary';
import { openPrintView } from './print-view';
import { cx } from '../components/cx';
import alerts from '../components/alert.module.css';
import buttons from '../components/button.module.css';
import dialogs from '../components/dialog.module.css';
import forms from '../components/form.module.css';
import layout from '../components/layout.module.css';
import styles from './ExportDialog.module.css';

interface SectionChoice {
  readonly id: string;
  readonly title: string;
}

type Step = 'settings' | 'review' | 'running' | 'done';

const MIME: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  md: 'text/markdown;charset=utf-8',
};

const TEAM_KEY = 'veldwerk.export.team';

function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** The export of one report: format, sections, live or frozen values; the anonymisation review first; then the file. */
export function ExportButton({
  reportId,
  sections,
  final,
}: {
  reportId: string;
  sections: readonly SectionChoice[];
  final: boolean;
}) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={buttons.button}
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
      >
        {t('export.dialog.open')}
      </button>
      <dialog
        ref={dialog}
        className={dialogs.dialog}
        onClose={() => setOpen(false)}
        aria-labelledby={`export-title-${reportId}`}
      >
        {open ? (
          <ExportFlow reportId={reportId} sections={sections} final={final} onClose={() => dialog.current?.close()} />
        ) : null}
      </dialog>
    </>
  );
}

function ExportFlow({
  reportId,
  sections,
  final,
  onClose,
}: {
  reportId: string;
  sections: readonly SectionChoice[];
  final: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const language = isLanguage(i18n.language) ? i18n.language : 'nl-BE';
  const desktop = typeof window !== 'undefined' && 'veldwerk' in window;
  const [step, setStep] = useState<Step>('settings');
  const [format, setFormat] = useState<ExportFormat>('docx');
  const [values, setValues] = useState<ExportValues>(final ? 'frozen' : 'live');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(sections.map((section) => section.id)));
  const [team, setTeam] = useState(() => localStorage.getItem(TEAM_KEY) ?? '');
  const [k, setK] = useState(String(DEFAULT_K));
  const parsedK = anonymityKSchema.safeParse(k.trim() === '' ? Number.NaN : Number(k));
  const [review, setReview] = useState<AnonymityReview | null>(null);
  const [error, setError] = useState<{ text: string; names: readonly string[] } | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; phase: string }>({
    done: 0,
    total: 0,
    phase: '',
  });
  const [result, setResult] = useState<ReportExportResult | null>(null);

  const selection = () => ({
    reportId,
    k: parsedK.success ? parsedK.data : DEFAULT_K,
    values,
    sectionIds:
      chosen.size === sections.length
        ? null
        : sections.filter((section) => chosen.has(section.id)).map((section) => section.id),
    language,
  });
  const fail = (contractError: ContractError) => {
    const hits = contractError.issues ?? [];
    // A refused export names its hits: kind (translated), text and where it is.
    if (contractError.code === 'CONFLICT' && hits.length > 0) {
      setError({
        text: t('export.review.refused', { count: hits.length }),
        names: hits.map(
          (issue) =>
            `${t(`export.kinds.${(issue.key ?? '').replace('export.kinds.', '') as HitKind}`, { k: review?.k ?? DEFAULT_K })}: ${issue.message.replace(/^[^:]*:\s*/, '')} (${issue.path})`,
        ),
      });
    } else {
      setError({
        text: contractError.code === 'CONFLICT' ? t('export.dialog.refusedPlain') : describeError(t, contractError),
        names: contractError.code === 'CONFLICT' ? [contractError.message] : [],
      });
    }
  };

  async function check() {
    setError(null);
    // The same schema the services check (shared/contract/export.ts): a wrong k never reaches them.
    if (!parsedK.success) return setError({ text: t('export.errors.kRange', { min: MIN_K, max: MAX_K }), names: [] });
    const answer = await api.invoke('export.review', selection());
    if (!answer.ok) return fail(answer.error);
    setReview(answer.value);
    setStep('review');
  }

  async function runExport() {
    setError(null);
    localStorage.setItem(TEAM_KEY, team);
    if (format === 'pdf' && !desktop) {
      const view = await api.invoke('export.printView', {
        ...selection(),
        teamName: team || t('export.dialog.teamDefault'),
      });
      if (!view.ok) return fail(view.error);
      if (!openPrintView(view.value)) setError({ text: t('export.dialog.popupBlocked'), names: [] });
      else setStep('done');
      return;
    }
    const started = await api.invoke('export.start', {
      ...selection(),
      format,
      teamName: team || t('export.dialog.teamDefault'),
      destination: desktop ? 'dialog' : 'download',
    });
    if (!started.ok) return fail(started.error);
    setStep('running');
    for (;;) {
      const job = await api.invoke('jobs.reportExport', { jobId: started.value.jobId });
      if (!job.ok) return fail(job.error);
      setProgress({ done: job.value.done, total: job.value.total, phase: job.value.phase });
      if (job.value.state === 'failed') {
        setStep('review');
        return setError({ text: t('export.dialog.failed', { message: job.value.error ?? '' }), names: [] });
      }
      if (job.value.state === 'done' && job.value.result) {
        const done = job.value.result;
        if (done.base64) downloadBlob(new Blob([base64Bytes(done.base64)], { type: MIME[done.format] }), done.fileName);
        setResult(done);
        setStep('done');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  return (
    <div className={styles.flow}>
      <div className={dialogs.dialogHeader}>
        <h2 id={`export-title-${reportId}`}>{t('export.dialog.title')}</h2>
        <button
          type="button"
          className={cx(buttons.button, buttons.buttonSmall)}
          onClick={onClose}
          aria-label={t('export.dialog.close')}
        >
          ×
        </button>
      </div>
      {error ? (
        <div className={cx(alerts.alert, alerts.alertError, styles.alert)} role="alert">
          <p>{error.text}</p>
          {error.names.length > 0 ? (
            <ul className={styles.refused}>
              {error.names.map((name, index) => (
                <li key={`${name}-${index}`}>{name}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {step === 'settings' ? (
        <form
          noValidate
          className={cx(dialogs.dialogSection, styles.section, styles.settings)}
          onSubmit={(event) => {
            event.preventDefault();
            void check();
          }}
        >
          <fieldset>
            <legend>{t('export.dialog.format')}</legend>
            {(['docx', 'pdf', 'md'] as const).map((value) => (
              <label key={value}>
                <input
                  type="radio"
                  name={`${id}-format`}
                  checked={format === value}
                  onChange={() => setFormat(value)}
                />{' '}
                {t(`export.dialog.formats.${value}`)}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('export.dialog.values')}</legend>
            <label>
              <input
                type="radio"
                name={`${id}-values`}
                checked={values === 'live'}
                onChange={() => setValues('live')}
              />{' '}
              {t('export.dialog.live')}
            </label>
            <label>
              <input
                type="radio"
                name={`${id}-values`}
                checked={values === 'frozen'}
                disabled={!final}
                onChange={() => setValues('frozen')}
              />{' '}
              {t('export.dialog.frozen')}
            </label>
            {!final ? <p className={cx(layout.muted, layout.small)}>{t('export.dialog.frozenOnlyFinal')}</p> : null}
          </fieldset>
          <fieldset>
            <legend>{t('export.dialog.sections')}</legend>
            {sections.map((section) => (
              <label key={section.id} className={forms.checkbox}>
                <input
                  type="checkbox"
                  checked={chosen.has(section.id)}
                  onChange={(event) => {
                    const next = new Set(chosen);
                    if (event.target.checked) next.add(section.id);
                    else next.delete(section.id);
                    setChosen(next);
                  }}
                />{' '}
                {section.title}
              </label>
            ))}
          </fieldset>
          <label className={cx(forms.field, styles.field)}>
            <span>{t('export.dialog.k')}</span>
            <input
              type="number"
              inputMode="numeric"
              min={MIN_K}
              max={MAX_K}
              step={1}
              value={k}
              aria-invalid={!parsedK.success}
              aria-describedby={`${id}-k-help`}
              onChange={(event) => setK(event.target.value)}
            />
            <span id={`${id}-k-help`} className={cx(layout.muted, layout.small)}>
              {t('export.dialog.kHelp', { k: DEFAULT_K })}
            </span>
          </label>
          <label className={cx(forms.field, styles.field)}>
            <span>{t('export.dialog.team')}</span>
            <input
              type="text"
              value={team}
              placeholder={t('export.dialog.teamDefault')}
              onChange={(event) => setTeam(event.target.value)}
              maxLength={200}
            />
            <span className={cx(layout.muted, layout.small)}>{t('export.dialog.teamHelp')}</span>
          </label>
          <div className={styles.actions}>
            <button type="submit" className={cx(buttons.button, buttons.buttonPrimary)} disabled={chosen.size === 0}>
              {t('export.dialog.check')}
            </button>
          </div>
        </form>
      ) : null}
      {step === 'review' && review ? (
        <ReviewList
          review={review}
          onChanged={(next) => setReview(next)}
          onError={fail}
          refresh={async () => {
            const answer = await api.invoke('export.review', selection());
            if (answer.ok) setReview(answer.value);
            else fail(answer.error);
          }}
          onBack={() => setStep('settings')}
          onExport={() => void runExport()}
          format={format}
        />
      ) : null}
      {step === 'running' ? (
        <div className={cx(dialogs.dialogSection, styles.section)} role="status">
          <p>{t('export.dialog.running', { format: t(`export.dialog.formats.${format}`) })}</p>
          <progress max={progress.total || 1} value={progress.done} aria-label={t('export.dialog.progress')} />
        </div>
      ) : null}
      {step === 'done' ? (
        <div className={cx(dialogs.dialogSection, styles.section)} role="status">
          <p className={cx(alerts.alert, styles.alert)}>
            {result?.cancelled
              ? t('export.dialog.cancelled')
              : result?.path
                ? t('export.dialog.saved', { path: result.path })
                : result
                  ? t('export.dialog.downloaded', { name: result.fileName })
                  : t('export.dialog.printOpened')}
          </p>
          {result?.fontFallback ? (
            <p className={cx(alerts.alert, alerts.alertInfo, styles.alert)}>
              {t('export.dialog.fontFallback', { font: result.fontFallback.missing, used: result.fontFallback.used })}
            </p>
          ) : null}
          <div className={styles.actions}>
            <button type="button" className={buttons.button} onClick={onClose}>
              {t('export.dialog.close')}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function ReviewList(props: {
  review: AnonymityReview;
  format: ExportFormat;
  onChanged: (review: AnonymityReview) => void;
  onError: (error: ContractError) => void;
  refresh: () => Promise<void>;
  onBack: () => void;
  onExport: () => void;
}) {
  const { t } = useTranslation();
  const { review } = props;
  return (
    <div className={cx(dialogs.dialogSection, styles.section)}>
      <h3>{t('export.review.title')}</h3>
      <ReviewSummary review={review} className={styles.alert} />
      <HitList review={review} onDone={props.refresh} onError={props.onError} />
      <div className={styles.actions}>
        <button type="button" className={buttons.button} onClick={props.onBack}>
          {t('export.review.back')}
        </button>
        <button type="button" className={cx(buttons.button, buttons.buttonPrimary)} onClick={props.onExport}>
          {t('export.review.export', { format: t(`export.dialog.formats.${props.format}`) })}
        </button>
      </div>
    </div>
  );
}
