import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../shared/contract/result';
import type { VisitDetail } from '../../../shared/domain/visit';
import { api } from '../api';
import { Field } from '../components/Field';
import { FormStatus } from '../components/FormStatus';
import { RetiredList } from '../components/RetiredList';
import { describeError, fieldErrors } from '../errors';
import { shortened } from '../format/text';
import { RetireButton } from '../input/RetireButton';
import { retireWithUndo } from '../input/retire';

export function GoodPracticesSection({ detail }: { readonly detail: VisitDetail }) {
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

  async function restore(practiceId: string, text: string | null) {
    const result = await retireWithUndo('goodPractices.retire', { id: practiceId, retired: false }, shortened(text));
    setStatus(result.ok ? t('visit.practices.restored') : describeError(t, result.error));
  }

  async function retire(practiceId: string, text: string | null) {
    const result = await retireWithUndo('goodPractices.retire', { id: practiceId, retired: true }, shortened(text));
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
                  <RetireButton
                    name={shortened(practice.text)}
                    label={t('visit.practices.retireLabel', { number: index + 1 })}
                    onConfirm={() => void retire(practice.id, practice.text)}
                  />
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
        onRestore={(practice) => void restore(practice.id, practice.text)}
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
