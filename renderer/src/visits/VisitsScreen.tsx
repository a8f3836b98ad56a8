import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { CampaignSetup } from '../../../shared/domain/setup';
import { useMe } from '../data/identity';
import { usePlanningData } from '../data/planning';
import { regionName } from '../workspace/labels';
import { byDate, duoLabel, formatDate, statusLabel, toRows } from '../planning/plan';
import { usePageFocus } from '../workspace/usePageFocus';

/** The visits of the campaign by date, each leading to its preparation page; "mine" shows the current member's. */
export function VisitsScreen({ setup }: { readonly setup: CampaignSetup }) {
  const { t, i18n } = useTranslation();
  const heading = usePageFocus(t('visit.list.title'));
  const { visits } = usePlanningData(setup.campaign.id);
  const me = useMe(setup.campaign.id);
  const [mineOnly, setMineOnly] = useState(false);
  const rows = useMemo(
    () =>
      toRows(visits, setup)
        .filter((row) => !mineOnly || (me !== null && (row.visit.member_a === me || row.visit.member_b === me)))
        .sort(byDate),
    [visits, setup, mineOnly, me],
  );

  return (
    <div className="screen">
      <div className="page-header">
        <h1 ref={heading} tabIndex={-1}>
          {t('visit.list.title')}
        </h1>
        <p className="lead">{t('visit.list.intro')}</p>
      </div>
      {me ? (
        <label className="checkbox list-toggle">
          <input type="checkbox" checked={mineOnly} onChange={(event) => setMineOnly(event.target.checked)} />
          {t('visit.list.mineOnly')}
        </label>
      ) : null}
      {rows.length === 0 ? (
        <div className="empty-state">
          <h3>{t('visit.list.emptyTitle')}</h3>
          <p>{t('visit.list.emptyBody')}</p>
          <Link className="button" href={`~/campaigns/${setup.campaign.id}/planning`}>
            {t('visit.list.toPlanning')}
          </Link>
        </div>
      ) : (
        <ul className="card-list visit-list" data-testid="visit-list">
          {rows.map((row) => (
            <li key={row.visit.id} className="card visit-card">
              <div className="visit-card-date">{formatDate(i18n.language, row.visit.date, 'full')}</div>
              <h2 className="visit-card-title">
                <Link href={`/${row.visit.id}`} className="campaign-link">
                  {row.organisation?.name ?? '—'}
                </Link>
              </h2>
              <div className="visit-card-meta">
                <span className="code-tag">{row.sector?.code}</span>
                <span>{row.region ? regionName(t, row.region) : ''}</span>
                <span>{duoLabel(t, row)}</span>
                <span className={`status-pill visit-${row.visit.status ?? 'planned'}`}>
                  {statusLabel(t, row.visit.status)}
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
