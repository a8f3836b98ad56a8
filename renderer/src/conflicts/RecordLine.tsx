import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ConflictRecordView } from '../../../shared/contract/conflicts';
import { formatDate } from '../format/dates';
import layout from '../components/layout.module.css';
import styles from './ConflictsScreen.module.css';

/**
 * "Organisatie Huis van het Nederlands", with the visit's organisation and date where it belongs to
 * one. A record this laptop does not know (a set-aside change's) is named by its table and said so.
 */
export function RecordLine({
  table,
  record,
  testId = 'conflict-record',
}: {
  readonly table: string;
  readonly record: ConflictRecordView | null;
  readonly testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const context = record
    ? [
        record.table !== 'visits' && record.table !== 'organisations' ? record.organisation : null,
        record.date ? formatDate(i18n.language, record.date, 'long') : null,
      ].filter((part): part is string => Boolean(part))
    : [];
  return (
    <div className={styles.conflictRecord}>
      <span className={layout.badge}>{t(`conflicts.record.${table as 'notes'}`, { defaultValue: table })}</span>{' '}
      {record ? (
        <strong data-testid={testId}>{record.name}</strong>
      ) : (
        <span className={layout.muted} data-testid={testId}>
          {t('setAside.unknownRecord')}
        </span>
      )}
      {context.length > 0 ? <span className={layout.muted}> · {context.join(' · ')}</span> : null}
      {record?.visitId && record.table !== 'visits' ? (
        <>
          {' '}
          <Link href={`/visits/${record.visitId}`} className={layout.small}>
            {t('conflicts.openVisit')}
          </Link>
        </>
      ) : null}
    </div>
  );
}
