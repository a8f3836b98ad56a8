import { useId, useRef, useState, type FormEvent } from 'react';
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
import { useRetireWithUndo } from '../input/retire';
import { cx } from '../components/cx';
import { useKeptText } from '../input/useAutosave';
import buttons from '../components/button.module.css';
import forms from '../components/form.module.css';
import layout from '../components/layout.module.css';
import lists from '../components/list.module.css';
import visits from './visits.module.css';
import styles from './GoodPracticesSection.module.css';

export function GoodPracticesSection({ detail }: { readonly detail: VisitDetail }) {
  const retireWithUndo = useRetireWithUndo();
  const { t } = useTranslation();
  const id = useId();
  // Typed but not yet added: kept in the draft journal through a reload.
  const [text, setText] = useKeptText(`practice:${detail.visit.id}`);
  const addRef = useRef<HTMLTextAreaElement>(null);
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
    // What was typed while the answer came stays: only the added text is cleared.
    if ((addRef.current?.value ?? text) === text) setText('');
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
    <section className={cx(layout.card, visits.visitSection, visits.wide)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('visit.practices.title')}</h2>
      <p className={layout.muted}>{t('visit.practices.intro')}</p>
      {detail.goodPractices.length === 0 ? <p className={layout.emptyInline}>{t('visit.practices.empty')}</p> : null}
      <ul className={styles.practiceList} data-testid="practice-list">
        {detail.goodPractices.map((practice, index) => (
          <li key={practice.id}>
            {editing === practice.id ? (
              <form
                className={lists.inlineEdit}
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
                <button type="submit" className={cx(buttons.button, buttons.buttonSmall, buttons.buttonPrimary)}>
                  {t('setup.organisations.save')}
                </button>
                <button
                  type="button"
                  className={cx(buttons.button, buttons.buttonSmall)}
                  onClick={() => setEditing(null)}
                >
                  {t('setup.list.cancel')}
                </button>
              </form>
            ) : (
              <>
                <p className={styles.practiceText}>{practice.text}</p>
                <div className={layout.rowActions}>
                  <button
                    type="button"
                    className={buttons.textButton}
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
      <form className={lists.addRow} onSubmit={(event) => void add(event)} noValidate>
        <Field
          id={`${id}-add`}
          className={cx(forms.field, lists.addField)}
          label={t('visit.practices.add')}
          error={fields.text}
        >
          {(control) => (
            <textarea
              ref={addRef}
              {...control}
              rows={2}
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" className={buttons.button}>
          {t('setup.list.add')}
        </button>
      </form>
      <FormStatus>{status}</FormStatus>
    </section>
  );
}
