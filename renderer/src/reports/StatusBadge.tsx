import { useTranslation } from 'react-i18next';
import type { ReportStatus } from '../../../shared/contract/reports';
import { cx } from '../components/cx';
import styles from './StatusBadge.module.css';

/** A report's status (draft, submitted, approved, final) as a coloured label. */
export function StatusBadge({ status }: { readonly status: ReportStatus }) {
  const { t } = useTranslation();
  return <span className={cx(styles.reportStatus, styles[`status-${status}`])}>{t(`reports.status.${status}`)}</span>;
}
