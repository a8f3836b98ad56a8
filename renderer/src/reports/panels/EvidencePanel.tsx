import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useContractQuery } from '../../data/queries';
import { describeError } from '../../errors';
import { formatDate } from '../../format/dates';
import { cx } from '../../components/cx';
import alerts from '../../components/alert.module.css';
import buttons from '../../components/button.module.css';
import layout from '../../components/layout.module.css';
import shared from '../reports.module.css';
import styles from './EvidencePanel.module.css';
import type { EvidenceRequest } from '../report-context';

/**
 * The evidence trail of one number in the text: the SWOT items, conversations and visits it was
 * computed from, beside the text. Raw notes never appear here, only the records' own labels.
 */
export function EvidencePanel({
  campaignId,
  request,
  onClose,
}: {
  readonly campaignId: string;
  readonly request: EvidenceRequest;
  readonly onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const evidence = useContractQuery('reports.evidence', {
    campaignId,
    items: [...request.refs.items],
    conversations: [...request.refs.conversations],
    visits: [...request.refs.visits],
  });
  const view = evidence.data;
  const conversationLabel = new Map(
    view?.conversations.map((conversation) => [conversation.id, conversation.label]) ?? [],
  );
  return (
    <div className={shared.sidePanel} data-testid="evidence-panel">
      <div className={shared.sidePanelHead}>
        <h3>{t('reports.evidence.title')}</h3>
        <button
          type="button"
          className={cx(buttons.button, buttons.buttonQuiet, buttons.buttonSmall)}
          onClick={onClose}
        >
          {t('reports.common.close')}
        </button>
      </div>
      <p className={styles.evidenceSubject}>{request.label}</p>
      {evidence.error ? (
        <p className={cx(alerts.alert, alerts.alertError)}>{describeError(t, evidence.error.error)}</p>
      ) : null}
      {evidence.isPending ? <p className={layout.muted}>{t('reports.common.loading')}</p> : null}
      {view ? (
        <>
          <h4>{t('reports.evidence.items', { count: view.items.length })}</h4>
          {view.items.length > 0 ? (
            <ul className={styles.evidenceList}>
              {view.items.map((item) => (
                <li key={item.id}>
                  <span className={cx(styles.quadrantDot, styles[`q-${item.quadrant}`])} aria-hidden="true" />
                  <span>{item.text}</span>
                  <span className={cx(layout.muted, layout.small)}>
                    {' '}
                    · {t(`swot.quadrants.${item.quadrant}`)}
                    {item.lemma ? ` · ${item.lemma}` : ''} · {conversationLabel.get(item.conversationId) ?? ''}
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
          <h4>{t('reports.evidence.conversations', { count: view.conversations.length })}</h4>
          {view.conversations.length > 0 ? (
            <ul className={styles.evidenceList}>
              {view.conversations.map((conversation) => (
                <li key={conversation.id}>
                  <Link
                    href={`~/campaigns/${campaignId}/visits/${conversation.visitId}/conversations/${conversation.id}`}
                  >
                    {conversation.label}
                  </Link>
                  {conversation.groups.length > 0 ? (
                    <span className={cx(layout.muted, layout.small)}> · {conversation.groups.join(', ')}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
          <h4>{t('reports.evidence.visits', { count: view.visits.length })}</h4>
          {view.visits.length > 0 ? (
            <ul className={styles.evidenceList}>
              {view.visits.map((visit) => (
                <li key={visit.id}>
                  <Link href={`~/campaigns/${campaignId}/visits/${visit.id}`}>{visit.organisation}</Link>
                  <span className={cx(layout.muted, layout.small)}>
                    {' '}
                    · {visit.date ? formatDate(i18n.language, visit.date) : t('reports.evidence.noDate')} ·{' '}
                    {t(`planning.statuses.${visit.status as 'planned'}`, { defaultValue: visit.status })}
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
