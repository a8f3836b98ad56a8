import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../shared/contract/result';
import type { DocumentHit, VisitDetail } from '../../../shared/domain/visit';
import { api } from '../api';
import { FormError, FormStatus } from '../components/FormStatus';
import { RetiredList } from '../components/RetiredList';
import { describeError, fieldErrors } from '../errors';
import { formatDate } from '../planning/plan';
import { downloadBase64, readAsBase64 } from './files';
import { Snippet } from './Snippet';
import { RetireButton } from '../input/RetireButton';
import { useRetireWithUndo } from '../input/retire';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import forms from '../components/form.module.css';
import layout from '../components/layout.module.css';
import visits from './visits.module.css';
import styles from './DocumentsSection.module.css';

export function DocumentsSection({ detail }: { readonly detail: VisitDetail }) {
  const retireWithUndo = useRetireWithUndo();
  const { t, i18n } = useTranslation();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  const [status, setStatus] = useState('');
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ readonly query: string; readonly hits: readonly DocumentHit[] } | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const fields = fieldErrors(t, error);

  // While a new query runs, the previous hits stay; an empty query shows every document.
  const hits = query.trim() !== '' ? (found?.hits ?? null) : null;
  useEffect(() => {
    if (query.trim() === '') return;
    let current = true;
    const timer = setTimeout(() => {
      void api.invoke('documents.search', { visitId: detail.visit.id, query }).then((result) => {
        if (current && result.ok) setFound({ query, hits: result.value });
      });
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, detail.visit.id, detail.documents.length]);

  async function attach(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setError({
        code: 'INVALID_INPUT',
        message: 'no file',
        issues: [{ path: 'file', message: 'Choose a file.', key: 'visit.errors.fileRequired' }],
      });
      return;
    }
    setBusy(true);
    const content = await readAsBase64(file);
    const result = await api.invoke('documents.add', {
      visitId: detail.visit.id,
      title: title.trim() === '' ? file.name : title,
      fileName: file.name,
      mimeType: file.type,
      content,
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setStatus(
      result.value.textLength > 0
        ? t('visit.documents.addedWithText', { title: title.trim() || file.name })
        : t('visit.documents.addedNoText', { title: title.trim() || file.name }),
    );
    setFile(null);
    setTitle('');
    if (fileRef.current) fileRef.current.value = '';
  }

  async function open(documentId: string, fileTitle: string) {
    const result = await api.invoke('documents.open', { id: documentId });
    if (result.ok) downloadBase64(result.value.content, result.value.mimeType, fileTitle);
    else setStatus(describeError(t, result.error));
  }

  async function restore(documentId: string, fileTitle: string) {
    const result = await retireWithUndo('documents.retire', { id: documentId, retired: false }, fileTitle);
    setStatus(result.ok ? t('setup.list.restored', { name: fileTitle }) : describeError(t, result.error));
  }

  async function retire(documentId: string, fileTitle: string) {
    const result = await retireWithUndo('documents.retire', { id: documentId, retired: true }, fileTitle);
    setStatus(result.ok ? t('visit.documents.retired', { title: fileTitle }) : describeError(t, result.error));
  }

  const hitIds = hits ? new Set(hits.map((hit) => hit.documentId)) : null;
  const shown = hitIds ? detail.documents.filter((view) => hitIds.has(view.document.id)) : detail.documents;

  return (
    <section className={cx(layout.card, visits.visitSection, visits.wide)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('visit.documents.title')}</h2>
      <p className={layout.muted}>{t('visit.documents.intro')}</p>
      {detail.documents.length > 0 ? (
        <div className={cx(forms.field, styles.docSearch)}>
          <label htmlFor={`${id}-search`}>{t('visit.documents.search')}</label>
          <input
            id={`${id}-search`}
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            placeholder={t('visit.documents.searchPlaceholder')}
          />
        </div>
      ) : null}
      {detail.documents.length === 0 ? <p className={layout.emptyInline}>{t('visit.documents.empty')}</p> : null}
      {hits && shown.length === 0 ? (
        <p className={layout.emptyInline} role="status">
          {t('visit.documents.noHits', { query })}
        </p>
      ) : null}
      {shown.length > 0 ? (
        <ul className={styles.documentList} data-testid="document-list">
          {shown.map((view) => {
            const hit = hits?.find((entry) => entry.documentId === view.document.id);
            const name = view.document.title ?? '';
            return (
              <li key={view.document.id} className={styles.documentRow}>
                <div>
                  <div className={styles.documentTitle}>{name}</div>
                  <div className={layout.muted}>
                    {formatDate(i18n.language, view.document.date)} ·{' '}
                    {!view.available
                      ? t('visit.documents.notHere')
                      : view.textLength > 0
                        ? t('visit.documents.searchable', { count: view.textLength })
                        : t('visit.documents.titleOnly')}
                  </div>
                  {hit ? (
                    <div className={styles.documentHit}>
                      <Snippet text={hit.snippet} />
                    </div>
                  ) : null}
                </div>
                <div className={layout.rowActions}>
                  <button
                    type="button"
                    className={buttons.textButton}
                    disabled={!view.available}
                    aria-label={t('visit.documents.openLabel', { title: name })}
                    onClick={() => void open(view.document.id, name)}
                  >
                    {t('visit.documents.open')}
                  </button>
                  <RetireButton name={name} onConfirm={() => void retire(view.document.id, name)} />
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
      <RetiredList
        items={detail.retiredDocuments}
        keyOf={(retired) => retired.id}
        show={(retired) => <span>{retired.title}</span>}
        restoreLabel={(retired) => t('setup.list.restoreLabel', { name: retired.title ?? '' })}
        onRestore={(retired) => void restore(retired.id, retired.title ?? '')}
      />
      <form className={styles.attachForm} onSubmit={(event) => void attach(event)} noValidate>
        <div className={forms.field}>
          <label htmlFor={`${id}-file`}>{t('visit.documents.file')}</label>
          <input
            ref={fileRef}
            id={`${id}-file`}
            type="file"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            aria-invalid={fields.file || fields.content ? true : undefined}
            aria-describedby={fields.file || fields.content ? `${id}-file-error` : `${id}-file-hint`}
          />
          <p id={`${id}-file-hint`} className={forms.fieldHint}>
            {t('visit.documents.fileHint')}
          </p>
          {fields.file || fields.content ? (
            <p id={`${id}-file-error`} className={forms.fieldError}>
              {fields.file ?? fields.content}
            </p>
          ) : null}
        </div>
        <div className={forms.field}>
          <label htmlFor={`${id}-title-input`}>{t('visit.documents.docTitle')}</label>
          <input
            id={`${id}-title-input`}
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            placeholder={file?.name ?? ''}
            aria-invalid={fields.title ? true : undefined}
          />
          {fields.title ? <p className={forms.fieldError}>{fields.title}</p> : null}
        </div>
        <FormError error={error} />
        <button type="submit" className={buttons.button} disabled={busy}>
          {busy ? t('visit.documents.adding') : t('visit.documents.add')}
        </button>
      </form>
      <FormStatus>{status}</FormStatus>
    </section>
  );
}
