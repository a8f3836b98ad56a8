import { decodeText, type TextEncodingName } from '../../../shared/text/encoding';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../shared/contract/result';
import type { ImportPreview, ImportReason } from '../../../shared/domain/organisation-import';
import type { CampaignSetup } from '../../../shared/domain/setup';
import { api } from '../api';
import { Field } from '../components/Field';
import { FormError, FormStatus } from '../components/FormStatus';
import { fieldErrors } from '../errors';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import alerts from '../components/alert.module.css';
import forms from '../components/form.module.css';
import layout from '../components/layout.module.css';
import pills from '../components/status.module.css';
import styles from './ImportPanel.module.css';

/**
 * CSV import of organisations: choose a file (or paste), see a preview in which every bad row
 * says its line number and why, then confirm. Nothing is written before the confirmation.
 */
export function ImportPanel({ setup }: { readonly setup: CampaignSetup }) {
  const { t } = useTranslation();
  const id = useId();
  const [csv, setCsv] = useState('');
  const [encoding, setEncoding] = useState<TextEncodingName | null>(null);
  const [fileName, setFileName] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [includeDuplicates, setIncludeDuplicates] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const previewRef = useRef<HTMLHeadingElement>(null);
  const fields = fieldErrors(t, error);

  const reason = (entry: ImportReason) => {
    const values = { ...(entry.values ?? {}) };
    if (entry.key === 'import.reasons.missingColumn' && typeof values.column === 'string')
      values.column = t(`import.columns.${values.column as 'name'}`);
    return String(t(entry.key as never, values as never));
  };

  async function showPreview() {
    setBusy(true);
    setStatus('');
    const result = await api.invoke('organisations.importPreview', { campaignId: setup.campaign.id, csv });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      setPreview(null);
      return;
    }
    setError(null);
    setPreview(result.value);
    requestAnimationFrame(() => previewRef.current?.focus());
  }

  async function confirm() {
    setBusy(true);
    const result = await api.invoke('organisations.importCommit', {
      campaignId: setup.campaign.id,
      csv,
      includeDuplicates,
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setStatus(t('import.done', { count: result.value.imported }));
    setPreview(null);
    setCsv('');
    setFileName('');
  }

  async function readFile(file: File | undefined) {
    if (!file) return;
    setFileName(file.name);
    // Excel on Belgian Windows writes Windows-1252: the bytes are decoded by what they are, not as UTF-8.
    const decoded = decodeText(new Uint8Array(await file.arrayBuffer()));
    setCsv(decoded.text);
    setEncoding(decoded.encoding);
    setPreview(null);
  }

  const importable = preview ? preview.okCount + (includeDuplicates ? preview.duplicateCount : 0) : 0;

  return (
    <section className={cx(layout.card, styles.importPanel)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('import.title')}</h2>
      <p className={layout.muted}>{t('import.intro')}</p>
      <pre className={styles.codeSample} aria-label={t('import.exampleLabel')}>
        {t('import.example')}
      </pre>
      <div className={styles.importInputs}>
        <div className={forms.field}>
          <label htmlFor={`${id}-file`}>{t('import.file')}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv,text/plain"
            onChange={(event) => void readFile(event.target.files?.[0])}
          />
          {fileName ? <p className={forms.fieldHint}>{t('import.fileChosen', { name: fileName })}</p> : null}
          {fileName && encoding ? (
            <p className={forms.fieldHint} data-testid="import-encoding">
              {t('field.csv.readAs', { encoding: t(`field.csv.encodings.${encoding}`) })}
            </p>
          ) : null}
        </div>
        <Field id={`${id}-text`} label={t('import.paste')} error={fields.csv}>
          {(control) => (
            <textarea
              {...control}
              rows={5}
              value={csv}
              spellCheck={false}
              onChange={(event) => {
                setCsv(event.target.value);
                setEncoding(null);
                setPreview(null);
              }}
            />
          )}
        </Field>
      </div>
      <FormError error={error} />
      <div className={buttons.buttonRow}>
        <button type="button" className={buttons.button} disabled={busy} onClick={() => void showPreview()}>
          {t('import.preview')}
        </button>
      </div>
      {preview ? (
        <div className={styles.importPreview}>
          <h3 ref={previewRef} tabIndex={-1}>
            {t('import.previewTitle')}
          </h3>
          {preview.fileErrors.length > 0 ? (
            <div className={cx(alerts.alert, alerts.alertError)} role="alert">
              {preview.fileErrors.map((entry, index) => (
                <p key={index}>{reason(entry)}</p>
              ))}
            </div>
          ) : (
            <>
              <p className={styles.importSummary} role="status">
                {t('import.summary', {
                  ok: preview.okCount,
                  duplicates: t('field.counts.duplicates', { count: preview.duplicateCount }),
                  errors: t('field.counts.withErrors', { count: preview.errorCount }),
                })}
              </p>
              <div className={layout.tableWrap}>
                <table className={layout.table} data-testid="import-preview">
                  <caption className="visually-hidden">{t('import.previewTitle')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('import.line')}</th>
                      <th scope="col">{t('import.columns.name')}</th>
                      <th scope="col">{t('import.columns.sector')}</th>
                      <th scope="col">{t('import.columns.region')}</th>
                      <th scope="col">{t('import.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.rows.map((row) => (
                      <tr key={row.line} className={styles[`import-${row.status}`]}>
                        <td>{row.line}</td>
                        <th scope="row">{row.name || '—'}</th>
                        <td>{row.sector || '—'}</td>
                        <td>{row.region || '—'}</td>
                        <td>
                          <span className={cx(pills.statusPill, styles[`status-${row.status}`])}>
                            {t(`import.statuses.${row.status}`)}
                          </span>
                          {row.reasons.map((entry, index) => (
                            <div key={index} className={styles.importReason}>
                              {t('import.lineReason', { line: row.line, reason: reason(entry) })}
                            </div>
                          ))}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {preview.duplicateCount > 0 ? (
                <label className={forms.checkbox}>
                  <input
                    type="checkbox"
                    checked={includeDuplicates}
                    onChange={(event) => setIncludeDuplicates(event.target.checked)}
                  />
                  {t('import.includeDuplicates', { count: preview.duplicateCount })}
                </label>
              ) : null}
              <div className={buttons.buttonRow}>
                <button
                  type="button"
                  className={cx(buttons.button, buttons.buttonPrimary)}
                  disabled={busy || importable === 0}
                  onClick={() => void confirm()}
                >
                  {t('import.confirm', { count: importable })}
                </button>
                <button type="button" className={buttons.button} onClick={() => setPreview(null)}>
                  {t('setup.list.cancel')}
                </button>
              </div>
            </>
          )}
        </div>
      ) : null}
      <FormStatus>{status}</FormStatus>
    </section>
  );
}
