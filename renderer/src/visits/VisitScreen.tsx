import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { OwnHeldEdits } from '../workflow/OwnHeldEdits';
import { VisitReview } from '../workflow/VisitReview';
import { describeError } from '../errors';
import { useMe } from '../data/identity';
import { regionName } from '../workspace/labels';
import { formatDate } from '../planning/plan';
import { useContractQuery } from '../data/queries';
import { usePageFocus } from '../workspace/usePageFocus';
import { ConversationsSection } from './ConversationsSection';
import { PreparationSection } from './PreparationSection';
import { DocumentsSection } from './DocumentsSection';
import { GoodPracticesSection } from './GoodPracticesSection';
import { VisitStatus } from './VisitStatus';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import alerts from '../components/alert.module.css';
import layout from '../components/layout.module.css';
import visits from './visits.module.css';

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
      <div className={cx(alerts.alert, alerts.alertError)} role="alert">
        <p>{error.code === 'NOT_FOUND' ? t('visit.missing') : describeError(t, error)}</p>
        <Link className={buttons.button} href="/">
          {t('visit.backToVisits')}
        </Link>
      </div>
    );
  }

  return (
    <div className={layout.screen}>
      <div className={layout.pageHeader}>
        <p className={visits.eyebrow}>
          <Link href="/">{t('visit.backToVisits')}</Link>
        </p>
        <h1 ref={heading} tabIndex={-1}>
          {detail?.organisation?.name ?? t('visit.title')}
        </h1>
        {detail ? (
          <div className={visits.visitMeta}>
            <span>{formatDate(i18n.language, detail.visit.date, 'full')}</span>
            {detail.sector ? <span className={layout.codeTag}>{detail.sector.code}</span> : null}
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
        <div className={visits.visitGrid}>
          <ConversationsSection detail={detail} />
          <PreparationSection key={`prep-${me ?? ''}`} detail={detail} />
          <DocumentsSection detail={detail} />
          <GoodPracticesSection detail={detail} />
          <VisitReview campaignId={campaignId} visitId={detail.visit.id} status={detail.visit.status ?? 'planned'} />
        </div>
      ) : (
        <p className={layout.muted} role="status">
          {t('workspace.loading')}
        </p>
      )}
    </div>
  );
}
