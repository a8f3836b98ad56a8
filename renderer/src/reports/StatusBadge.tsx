import { useTranslation } from 'react-i18next';
import type { ReportStatus } from '../../../shared/contract/reports';

/** A report's status (draft, submitted, approved, final) as a coloured label. */
export function StatusBadge({ status }: { readonly status: ReportStatus }) {
  const { t } = useTranslation();
  return <span className={`report-status status-${status}`}>{t(`reports.status.${status}`)}</span>;
}
