import { useTranslation } from 'react-i18next';
import type { AnonymityReview } from '../../../shared/contract/export';
import { cx } from '../components/cx';
import alerts from '../components/alert.module.css';

/** How many hits a review has left open: the export is refused while any is. `className` places it (the dialog's margin). */
export function ReviewSummary({
  review,
  className,
}: {
  readonly review: AnonymityReview;
  readonly className?: string;
}) {
  const { t } = useTranslation();
  return (
    <p
      className={cx(alerts.alert, review.unresolved > 0 && alerts.alertError, className)}
      data-testid="export-unresolved"
    >
      {review.hits.length === 0
        ? t('export.review.none')
        : review.unresolved > 0
          ? t('export.review.unresolved', { count: review.unresolved })
          : t('export.review.allResolved')}
    </p>
  );
}
