import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PLANNABLE_STATUSES, type PlannableStatus } from '../../../shared/domain/planning';
import type { VisitDetail } from '../../../shared/domain/visit';
import { api } from '../api';
import { describeError } from '../errors';
import { statusLabel } from '../planning/plan';
import pills from '../components/status.module.css';
import styles from './VisitStatus.module.css';
import { cx } from '../components/cx';
import { visitStatusClass } from '../components/visit-status';

/** The visit's status, changed on the day itself (planned, in progress, done, cancelled); review states are the server's. */
export function VisitStatus({ detail }: { readonly detail: VisitDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const [message, setMessage] = useState('');
  const status = detail.visit.status ?? 'planned';
  if (!(PLANNABLE_STATUSES as readonly string[]).includes(status)) {
    return <span className={cx(pills.statusPill, visitStatusClass(status))}>{statusLabel(t, status)}</span>;
  }
  const change = async (next: PlannableStatus) => {
    const result = await api.invoke('visits.update', {
      id: detail.visit.id,
      organisationId: detail.visit.organisation_id ?? '',
      date: detail.visit.date ?? '',
      memberA: detail.visit.member_a,
      memberB: detail.visit.member_b,
      status: next,
    });
    setMessage(
      result.ok ? t('visit.statusSaved', { status: t(`planning.statuses.${next}`) }) : describeError(t, result.error),
    );
  };
  return (
    <span className={styles.visitStatus}>
      <label htmlFor={id}>{t('planning.form.status')}</label>
      <select id={id} value={status} onChange={(event) => void change(event.target.value as PlannableStatus)}>
        {PLANNABLE_STATUSES.map((value) => (
          <option key={value} value={value}>
            {t(`planning.statuses.${value}`)}
          </option>
        ))}
      </select>
      <span className="visually-hidden" role="status" aria-live="polite">
        {message}
      </span>
    </span>
  );
}
