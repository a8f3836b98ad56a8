import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ContractError } from '../../../shared/contract/result';
import type { VisitDetail } from '../../../shared/domain/visit';
import { api } from '../api';
import { FormStatus } from '../components/FormStatus';
import { fieldErrors } from '../errors';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import forms from '../components/form.module.css';
import layout from '../components/layout.module.css';
import visits from './visits.module.css';
import styles from './ConversationsSection.module.css';

export function ConversationsSection({ detail }: { readonly detail: VisitDetail }) {
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
    <section className={cx(layout.card, visits.visitSection)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('visit.conversations.title')}</h2>
      <p className={layout.muted}>{t('visit.conversations.intro')}</p>
      {detail.conversations.length === 0 ? (
        <p className={layout.emptyInline}>{t('visit.conversations.empty')}</p>
      ) : (
        <ul className={styles.conversationList} data-testid="conversation-list">
          {detail.conversations.map((summary) => (
            <li key={summary.conversation.id}>
              <Link
                href={`/${detail.visit.id}/conversations/${summary.conversation.id}`}
                className={styles.conversationLink}
              >
                <span className={styles.conversationName}>{summary.groupNames.join(' + ')}</span>
                <span className={layout.muted}>{t('visit.conversations.noteCount', { count: summary.noteCount })}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {detail.respondentGroups.length > 0 ? (
        <form onSubmit={(event) => void add(event)} className={styles.addConversation} noValidate>
          <fieldset className={forms.fieldset} aria-describedby={fields.respondentGroupIds ? `${id}-error` : undefined}>
            <legend>{t('visit.conversations.addLegend')}</legend>
            <div className={forms.checkboxGrid}>
              {detail.respondentGroups.map((group) => (
                <label key={group.id} className={forms.checkbox}>
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
              <p id={`${id}-error`} className={forms.fieldError}>
                {fields.respondentGroupIds}
              </p>
            ) : null}
          </fieldset>
          <button type="submit" className={buttons.button}>
            {t('visit.conversations.add')}
          </button>
          <FormStatus>{status}</FormStatus>
        </form>
      ) : null}
    </section>
  );
}
