import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { CampaignSetup } from '../../../shared/domain/setup';
import { useMe } from '../data/identity';
import { usePlanningData } from '../data/planning';
import { regionName } from '../workspace/labels';
import { byDate, duoLabel, formatDate, statusLabel, toRows } from '../planning/plan';
import { usePageFocus } from '../workspace/usePageFocus';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import forms from '../components/form.module.css';
import layout from '../components/layout.module.css';
import pills from '../components/status.module.css';
import styles from './VisitsScreen.module.css';
import { visitStatusClass } from '../components/visit-status';

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
    <div className={layout.screen}>
      <div className={layout.pageHeader}>
        <h1 ref={heading} tabIndex={-1}>
          {t('visit.list.title')}
        </h1>
        <p className={layout.lead}>{t('visit.list.intro')}</p>
      </div>
      {me ? (
        <label className={cx(forms.checkbox, styles.listToggle)}>
          <input type="checkbox" checked={mineOnly} onChange={(event) => setMineOnly(event.target.checked)} />
          {t('visit.list.mineOnly')}
        </label>
      ) : null}
      {rows.length === 0 ? (
        <div className={layout.emptyState}>
          <h3>{t('visit.list.emptyTitle')}</h3>
          <p>{t('visit.list.emptyBody')}</p>
          <Link className={buttons.button} href={`~/campaigns/${setup.campaign.id}/planning`}>
            {t('visit.list.toPlanning')}
          </Link>
        </div>
      ) : (
        <ul className={layout.cardList} data-testid="visit-list">
          {rows.map((row) => (
            <li key={row.visit.id} className={cx(layout.card, styles.visitCard)}>
              <div className={styles.visitCardDate}>{formatDate(i18n.language, row.visit.date, 'full')}</div>
              <h2 className={styles.visitCardTitle}>
                <Link href={`/${row.visit.id}`} className={layout.campaignLink}>
                  {row.organisation?.name ?? '—'}
                </Link>
              </h2>
              <div className={styles.visitCardMeta}>
                <span className={layout.codeTag}>{row.sector?.code}</span>
                <span>{row.region ? regionName(t, row.region) : ''}</span>
                <span>{duoLabel(t, row)}</span>
                <span className={cx(pills.statusPill, visitStatusClass(row.visit.status))}>
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
