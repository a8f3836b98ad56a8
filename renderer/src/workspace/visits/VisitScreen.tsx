import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ContractError } from '../../../../shared/contract/result';
import { PLANNABLE_STATUSES, type PlannableStatus } from '../../../../shared/domain/planning';
import type { DocumentHit, VisitDetail } from '../../../../shared/domain/visit';
import { api } from '../../api';
import { OwnHeldEdits } from '../../workflow/OwnHeldEdits';
import { VisitReview } from '../../workflow/VisitReview';
import { Field } from '../../components/Field';
import { FormError, FormStatus } from '../../components/FormStatus';
import { RetiredList } from '../../components/RetiredList';
import { describeError, fieldErrors } from '../../errors';
import { useMe } from '../../data/identity';
import { regionName } from '../labels';
import { formatDate, statusLabel } from '../planning/plan';
import { useContractQuery } from '../../data/queries';
import { usePageFocus } from '../usePageFocus';
import { downloadBase64, readAsBase64 } from './files';
import { NoteField } from './NoteField';
import { OtherNotes } from './OtherNotes';
import { Snippet } from './Snippet';

/** A visit's preparation page: conversations planned, preparation notes, documents received and good practices. */
export function VisitScreen({ campaignId, visitId }: { readonly campaignId: string; readonly visitId: string }) {
  const { t, i18n } = useTranslation();
  const me = useMe(campaignId);
  // Current without reloads: every write here and every change that arrives refresh it (change events).
  const visit = useContractQuery('visit.get', { visitId });
  const detail = visit.data ?? null;
  const error = visit.error?.error ?? null;
  const heading = usePageFocus(detail?.organisation?.name ?? t('visit.title'));

  if (error) {
    return (
      <div className="alert alert-error" role="alert">
        <p>{error.code === 'NOT_FOUND' ? t('visit.missing') : describeError(t, error)}</p>
        <Link className="button" href="/">
          {t('visit.backToVisits')}
        </Link>
      </div>
    );
  }

  return (
    <div className="screen">
      <div className="page-header">
        <p className="eyebrow">
          <Link href="/">{t('visit.backToVisits')}</Link>
        </p>
        <h1 ref={heading} tabIndex={-1}>
          {detail?.organisation?.name ?? t('visit.title')}
        </h1>
        {detail ? (
          <div className="visit-meta">
            <span>{formatDate(i18n.language, detail.visit.date, 'full')}</span>
            {detail.sector ? <span className="code-tag">{detail.sector.code}</span> : null}
            {detail.region ? <span>{regionName(t, detail.region)}</span> : null}
            <span>
              {detail.duo.length > 0 ? detail.duo.map((member) => member.name).join(' & ') : t('planning.noDuo')}
            </span>
            <VisitStatus detail={detail} />
          </div>
        ) : null}
      </div>
      {detail ? <OwnHeldEdits visitId={detail.visit.id} /> : null}
      {detail ? (
        <div className="visit-grid">
          <ConversationsSection detail={detail} />
          <PreparationSection key={`prep-${me ?? ''}`} detail={detail} />
          <DocumentsSection detail={detail} />
          <GoodPracticesSection detail={detail} />
          <VisitReview campaignId={campaignId} visitId={detail.visit.id} status={detail.visit.status ?? 'planned'} />
        </div>
      ) : (
        <p className="muted" role="status">
          {t('workspace.loading')}
        </p>
      )}
    </div>
  );
}

function ConversationsSection({ detail }: { readonly detail: VisitDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const [groups, setGroups] = useState<readonly string[]>([]);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<ContractError | null>(null);
  const fields = fieldErrors(t, error);

  async function add(event: FormEvent) {
    event.preventDefault();
    const result = await api.invoke('conversations.add', { visitId: detail.visit.id, respondentGroupIds: [...groups] });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setGroups([]);
    setStatus(t('visit.conversations.added'));
  }

  return (
    <section className="card visit-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('visit.conversations.title')}</h2>
      <p className="muted">{t('visit.conversations.intro')}</p>
      {detail.conversations.length === 0 ? (
        <p className="empty-inline">{t('visit.conversations.empty')}</p>
      ) : (
        <ul className="conversation-list" data-testid="conversation-list">
          {detail.conversations.map((summary) => (
            <li key={summary.conversation.id}>
              <Link href={`/${detail.visit.id}/conversations/${summary.conversation.id}`} className="conversation-link">
                <span className="conversation-name">{summary.groupNames.join(' + ')}</span>
                <span className="muted">{t('visit.conversations.noteCount', { count: summary.noteCount })}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {detail.respondentGroups.length > 0 ? (
        <form onSubmit={(event) => void add(event)} className="add-conversation" noValidate>
          <fieldset className="fieldset" aria-describedby={fields.respondentGroupIds ? `${id}-error` : undefined}>
            <legend>{t('visit.conversations.addLegend')}</legend>
            <div className="checkbox-grid">
              {detail.respondentGroups.map((group) => (
                <label key={group.id} className="checkbox">
                  <input
                    type="checkbox"
                    checked={groups.includes(group.id)}
                    onChange={(event) =>
                      setGroups(
                        event.target.checked ? [...groups, group.id] : groups.filter((entry) => entry !== group.id),
                      )
                    }
                  />
                  {group.name}
                </label>
              ))}
            </div>
            {fields.respondentGroupIds ? (
              <p id={`${id}-error`} className="field-error">
                {fields.respondentGroupIds}
              </p>
            ) : null}
          </fieldset>
          <button type="submit" className="button">
            {t('visit.conversations.add')}
          </button>
          <FormStatus>{status}</FormStatus>
        </form>
      ) : null}
    </section>
  );
}

function PreparationSection({ detail }: { readonly detail: VisitDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const mine = detail.preparation.find((note) => note.author_id === detail.me);
  const others = detail.preparation.filter((note) => note.author_id !== detail.me);
  return (
    <section className="card visit-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('visit.preparation.title')}</h2>
      <p className="muted">{t('visit.preparation.intro')}</p>
      {detail.me ? (
        <NoteField
          label={t('visit.preparation.mine', {
            name: detail.members.find((member) => member.id === detail.me)?.name ?? '',
          })}
          initial={mine?.text ?? ''}
          rows={6}
          testId="preparation-notes"
          saveKey={`preparation:${detail.visit.id}:${detail.me}`}
          toCall={(text) => ({ channel: 'visit.savePreparation', payload: { visitId: detail.visit.id, text } })}
        />
      ) : (
        <p className="alert alert-info">{t('visit.chooseIdentity')}</p>
      )}
      <OtherNotes notes={others} members={detail.members} />
    </section>
  );
}

function DocumentsSection({ detail }: { readonly detail: VisitDetail }) {
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
    const result = await api.invoke('documents.retire', { id: documentId, retired: false });
    setStatus(result.ok ? t('setup.list.restored', { name: fileTitle }) : describeError(t, result.error));
  }

  async function retire(documentId: string, fileTitle: string) {
    const result = await api.invoke('documents.retire', { id: documentId, retired: true });
    setStatus(result.ok ? t('visit.documents.retired', { title: fileTitle }) : describeError(t, result.error));
  }

  const hitIds = hits ? new Set(hits.map((hit) => hit.documentId)) : null;
  const shown = hitIds ? detail.documents.filter((view) => hitIds.has(view.document.id)) : detail.documents;

  return (
    <section className="card visit-section wide" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('visit.documents.title')}</h2>
      <p className="muted">{t('visit.documents.intro')}</p>
      {detail.documents.length > 0 ? (
        <div className="field doc-search">
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
      {detail.documents.length === 0 ? <p className="empty-inline">{t('visit.documents.empty')}</p> : null}
      {hits && shown.length === 0 ? (
        <p className="empty-inline" role="status">
          {t('visit.documents.noHits', { query })}
        </p>
      ) : null}
      {shown.length > 0 ? (
        <ul className="document-list" data-testid="document-list">
          {shown.map((view) => {
            const hit = hits?.find((entry) => entry.documentId === view.document.id);
            const name = view.document.title ?? '';
            return (
              <li key={view.document.id} className="document-row">
                <div>
                  <div className="document-title">{name}</div>
                  <div className="muted">
                    {formatDate(i18n.language, view.document.date)} ·{' '}
                    {!view.available
                      ? t('visit.documents.notHere')
                      : view.textLength > 0
                        ? t('visit.documents.searchable', { count: view.textLength })
                        : t('visit.documents.titleOnly')}
                  </div>
                  {hit ? (
                    <div className="document-hit">
                      <Snippet text={hit.snippet} />
                    </div>
                  ) : null}
                </div>
                <div className="row-actions">
                  <button
                    type="button"
                    className="text-button"
                    disabled={!view.available}
                    aria-label={t('visit.documents.openLabel', { title: name })}
                    onClick={() => void open(view.document.id, name)}
                  >
                    {t('visit.documents.open')}
                  </button>
                  <button
                    type="button"
                    className="text-button"
                    aria-label={t('setup.list.retireLabel', { name })}
                    onClick={() => void retire(view.document.id, name)}
                  >
                    {t('setup.list.retire')}
                  </button>
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
      <form className="attach-form" onSubmit={(event) => void attach(event)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('visit.documents.file')}</label>
          <input
            ref={fileRef}
            id={`${id}-file`}
            type="file"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            aria-invalid={fields.file || fields.content ? true : undefined}
            aria-describedby={fields.file || fields.content ? `${id}-file-error` : `${id}-file-hint`}
          />
          <p id={`${id}-file-hint`} className="field-hint">
            {t('visit.documents.fileHint')}
          </p>
          {fields.file || fields.content ? (
            <p id={`${id}-file-error`} className="field-error">
              {fields.file ?? fields.content}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-title-input`}>{t('visit.documents.docTitle')}</label>
          <input
            id={`${id}-title-input`}
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            placeholder={file?.name ?? ''}
            aria-invalid={fields.title ? true : undefined}
          />
          {fields.title ? <p className="field-error">{fields.title}</p> : null}
        </div>
        <FormError error={error} />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('visit.documents.adding') : t('visit.documents.add')}
        </button>
      </form>
      <FormStatus>{status}</FormStatus>
    </section>
  );
}

function GoodPracticesSection({ detail }: { readonly detail: VisitDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<ContractError | null>(null);
  const [status, setStatus] = useState('');
  const fields = fieldErrors(t, error);

  async function add(event: FormEvent) {
    event.preventDefault();
    const result = await api.invoke('goodPractices.add', { visitId: detail.visit.id, text });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setText('');
    setStatus(t('visit.practices.added'));
  }

  async function update(practiceId: string) {
    const result = await api.invoke('goodPractices.update', { id: practiceId, text: draft });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setEditing(null);
    setStatus(t('visit.practices.updated'));
  }

  async function restore(practiceId: string) {
    const result = await api.invoke('goodPractices.retire', { id: practiceId, retired: false });
    setStatus(result.ok ? t('visit.practices.restored') : describeError(t, result.error));
  }

  async function retire(practiceId: string) {
    const result = await api.invoke('goodPractices.retire', { id: practiceId, retired: true });
    setStatus(result.ok ? t('visit.practices.retired') : describeError(t, result.error));
  }

  return (
    <section className="card visit-section wide" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('visit.practices.title')}</h2>
      <p className="muted">{t('visit.practices.intro')}</p>
      {detail.goodPractices.length === 0 ? <p className="empty-inline">{t('visit.practices.empty')}</p> : null}
      <ul className="practice-list" data-testid="practice-list">
        {detail.goodPractices.map((practice, index) => (
          <li key={practice.id}>
            {editing === practice.id ? (
              <form
                className="inline-edit"
                onSubmit={(event) => {
                  event.preventDefault();
                  void update(practice.id);
                }}
              >
                <label className="visually-hidden" htmlFor={`${id}-edit`}>
                  {t('visit.practices.editLabel', { number: index + 1 })}
                </label>
                <textarea
                  id={`${id}-edit`}
                  rows={3}
                  value={draft}
                  autoFocus
                  onChange={(event) => setDraft(event.target.value)}
                />
                <button type="submit" className="button button-small button-primary">
                  {t('setup.organisations.save')}
                </button>
                <button type="button" className="button button-small" onClick={() => setEditing(null)}>
                  {t('setup.list.cancel')}
                </button>
              </form>
            ) : (
              <>
                <p className="practice-text">{practice.text}</p>
                <div className="row-actions">
                  <button
                    type="button"
                    className="text-button"
                    aria-label={t('visit.practices.editLabel', { number: index + 1 })}
                    onClick={() => {
                      setEditing(practice.id);
                      setDraft(practice.text ?? '');
                    }}
                  >
                    {t('setup.organisations.edit')}
                  </button>
                  <button
                    type="button"
                    className="text-button"
                    aria-label={t('visit.practices.retireLabel', { number: index + 1 })}
                    onClick={() => void retire(practice.id)}
                  >
                    {t('setup.list.retire')}
                  </button>
                </div>
              </>
            )}
          </li>
        ))}
      </ul>
      <RetiredList
        items={detail.retiredPractices}
        keyOf={(practice) => practice.id}
        show={(practice) => <span>{practice.text}</span>}
        restoreLabel={(practice) => t('setup.list.restoreLabel', { name: practice.text ?? '' })}
        onRestore={(practice) => void restore(practice.id)}
      />
      <form className="add-row" onSubmit={(event) => void add(event)} noValidate>
        <Field id={`${id}-add`} className="field add-field" label={t('visit.practices.add')} error={fields.text}>
          {(control) => (
            <textarea {...control} rows={2} value={text} onChange={(event) => setText(event.target.value)} />
          )}
        </Field>
        <button type="submit" className="button">
          {t('setup.list.add')}
        </button>
      </form>
      <FormStatus>{status}</FormStatus>
    </section>
  );
}

/** The visit's status, changed on the day itself (planned, in progress, done, cancelled); review states are the server's. */
function VisitStatus({ detail }: { readonly detail: VisitDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const [message, setMessage] = useState('');
  const status = detail.visit.status ?? 'planned';
  if (!(PLANNABLE_STATUSES as readonly string[]).includes(status)) {
    return <span className={`status-pill visit-${status}`}>{statusLabel(t, status)}</span>;
  }
  const change = async (next: PlannableStatus) => {
    const result = await api.invoke('visits.update', {
      id: detail.visit.id,
      organisationId: detail.visit.organisation_id ?? '',
      date: detail.visit.date ?? '',
      memberA: detail.visit.member_a,
      memberB: detail.visit.member_b,
      status: next,
    });
    setMessage(
      result.ok ? t('visit.statusSaved', { status: t(`planning.statuses.${next}`) }) : describeError(t, result.error),
    );
  };
  return (
    <span className="visit-status">
      <label htmlFor={id}>{t('planning.form.status')}</label>
      <select id={id} value={status} onChange={(event) => void change(event.target.value as PlannableStatus)}>
        {PLANNABLE_STATUSES.map((value) => (
          <option key={value} value={value}>
            {t(`planning.statuses.${value}`)}
          </option>
        ))}
      </select>
      <span className="visually-hidden" role="status" aria-live="polite">
        {message}
      </span>
    </span>
  );
}
