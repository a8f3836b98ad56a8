import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../shared/contract/result';
import type { HeldEditView } from '../../../shared/contract/workflow';
import { api } from '../api';
import { useContractQuery } from '../data/queries';
import { explainError } from '../errors';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import alerts from '../components/alert.module.css';
import layout from '../components/layout.module.css';
import lists from '../components/list.module.css';
import styles from './VisitReview.module.css';

type Target = 'submitted' | 'approved' | 'done';

/** A refusal in the user's language, with the server's own words beside it. */
function WorkflowError({ error }: { error: ContractError }) {
  const { t } = useTranslation();
  const main =
    error.code === 'FORBIDDEN'
      ? t('workflow.errors.forbidden')
      : error.code === 'CONFLICT'
        ? t('workflow.errors.needsServer')
        : explainError(t, error);
  return (
    <div className={cx(alerts.alert, alerts.alertError)} role="alert">
      <p>{main}</p>
      <p className={layout.small}>{error.message}</p>
    </div>
  );
}

/**
 * The review step of a visit, owned by the central server: the duo submits the visit, the
 * region's coordinator (or the team lead) approves it or sends it back, and decides on edits that
 * reached the server after the approval. Needs the server; offline the buttons say why they
 * cannot act, and nothing changes.
 */
export function VisitReview({
  campaignId,
  visitId,
  status,
  onChanged,
}: {
  campaignId: string;
  visitId: string;
  status: string;
  onChanged?: (status: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  // The server's list: read again after each sync round (data/reads.ts) and after a decision here.
  const heldQuery = useContractQuery('workflow.held', { campaignId }, { enabled: status === 'approved' });
  const held: readonly HeldEditView[] =
    status === 'approved' ? (heldQuery.data ?? []).filter((edit) => edit.visitId === visitId) : [];

  async function move(to: Target) {
    setBusy(true);
    const result = await api.invoke('workflow.visit', { visitId, to });
    setBusy(false);
    if (result.ok) {
      setError(null);
      onChanged?.(result.value.status);
    } else setError(result.error);
  }

  async function decide(changeId: string, decision: 'accept' | 'reject') {
    const result = await api.invoke('workflow.decide', { campaignId, changeId, decision });
    if (result.ok) setError(null);
    else setError(result.error);
    // The decision changes the server's list, which no local write announces.
    void heldQuery.refetch();
  }

  const actions: { to: Target; label: string; primary: boolean }[] =
    status === 'submitted'
      ? [
          { to: 'approved', label: t('workflow.approve'), primary: true },
          { to: 'done', label: t('workflow.sendBack'), primary: false },
        ]
      : status === 'approved'
        ? [{ to: 'done', label: t('workflow.reopen'), primary: false }]
        : [{ to: 'submitted', label: t('workflow.submit'), primary: true }];
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  return (
    <section
      className={cx(layout.card, styles.workflowCard)}
      aria-labelledby={`${id}-title`}
      data-testid="visit-review"
    >
      <h3 id={`${id}-title`}>{t('workflow.title')}</h3>
      <p className={layout.small}>
        {t(`workflow.explain.${status === 'submitted' || status === 'approved' ? status : 'open'}`)}
      </p>
      <div className={buttons.buttonRow}>
        {actions.map((action) => (
          <button
            key={action.to}
            type="button"
            className={cx(buttons.button, action.primary && buttons.buttonPrimary)}
            disabled={busy}
            onClick={() => void move(action.to)}
          >
            {action.label}
          </button>
        ))}
      </div>
      {error ? <WorkflowError error={error} /> : null}
      {held.length > 0 ? (
        <div className={styles.heldEdits}>
          <h4>{t('workflow.held.title', { count: held.length })}</h4>
          <p className={cx(layout.small, layout.muted)}>{t('workflow.held.explain')}</p>
          <ul className={lists.plainList}>
            {held.map((edit) => (
              <li key={edit.changeId} className={styles.heldEdit} data-testid="held-edit">
                <div>
                  <div className={styles.heldRecord}>
                    {[edit.record.organisation, edit.record.visitDate, edit.record.conversation]
                      .filter(Boolean)
                      .join(' · ')}
                    {edit.record.question ? (
                      <div className={layout.small}>
                        {t('workflow.held.question', { question: edit.record.question })}
                      </div>
                    ) : null}
                  </div>
                  <div className={styles.heldDiff} aria-label={t('workflow.held.diff')}>
                    {edit.diff.map((part, index) =>
                      part.kind === 'added' ? (
                        <ins key={index}>{part.text}</ins>
                      ) : part.kind === 'removed' ? (
                        <del key={index}>{part.text}</del>
                      ) : (
                        <span key={index}>{part.text}</span>
                      ),
                    )}
                  </div>
                  <div className={cx(layout.small, layout.muted)}>
                    {t('workflow.held.by', {
                      author: edit.authorName ?? t('workflow.held.unknownAuthor'),
                      time: time.format(edit.receivedAt),
                    })}
                  </div>
                </div>
                <div className={buttons.buttonRow}>
                  <button
                    type="button"
                    className={cx(buttons.button, buttons.buttonSmall, buttons.buttonPrimary)}
                    onClick={() => void decide(edit.changeId, 'accept')}
                  >
                    {t('workflow.held.accept')}
                  </button>
                  <button
                    type="button"
                    className={cx(buttons.button, buttons.buttonSmall)}
                    onClick={() => void decide(edit.changeId, 'reject')}
                  >
                    {t('workflow.held.reject')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
