import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ContractError } from '../../../shared/contract/result';
import type { VisitDetail } from '../../../shared/domain/visit';
import { api } from '../api';
import { FormStatus } from '../components/FormStatus';
import { fieldErrors } from '../errors';

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
