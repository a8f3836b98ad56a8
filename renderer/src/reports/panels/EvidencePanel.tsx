import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useContractQuery } from '../../data/queries';
import { describeError } from '../../errors';
import { formatDate } from '../../format/dates';
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
    <div className="side-panel evidence-panel" data-testid="evidence-panel">
      <div className="side-panel-head">
        <h3>{t('reports.evidence.title')}</h3>
        <button type="button" className="button button-quiet button-small" onClick={onClose}>
          {t('reports.common.close')}
        </button>
      </div>
      <p className="evidence-subject">{request.label}</p>
      {evidence.error ? <p className="alert alert-error">{describeError(t, evidence.error.error)}</p> : null}
      {evidence.isPending ? <p className="muted">{t('reports.common.loading')}</p> : null}
      {view ? (
        <>
          <h4>{t('reports.evidence.items', { count: view.items.length })}</h4>
          {view.items.length > 0 ? (
            <ul className="evidence-list">
              {view.items.map((item) => (
                <li key={item.id}>
                  <span className={`quadrant-dot q-${item.quadrant}`} aria-hidden="true" />
                  <span>{item.text}</span>
                  <span className="muted small">
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
            <ul className="evidence-list">
              {view.conversations.map((conversation) => (
                <li key={conversation.id}>
                  <Link
                    href={`~/campaigns/${campaignId}/visits/${conversation.visitId}/conversations/${conversation.id}`}
                  >
                    {conversation.label}
                  </Link>
                  {conversation.groups.length > 0 ? (
                    <span className="muted small"> · {conversation.groups.join(', ')}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
          <h4>{t('reports.evidence.visits', { count: view.visits.length })}</h4>
          {view.visits.length > 0 ? (
            <ul className="evidence-list">
              {view.visits.map((visit) => (
                <li key={visit.id}>
                  <Link href={`~/campaigns/${campaignId}/visits/${visit.id}`}>{visit.organisation}</Link>
                  <span className="muted small">
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
