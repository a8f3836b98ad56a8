import { useTranslation } from 'react-i18next';
import type { AnonymityReview } from '../../../shared/contract/export';

/** How many hits a review has left open: the export is refused while any is. */
export function ReviewSummary({ review }: { readonly review: AnonymityReview }) {
  const { t } = useTranslation();
  return (
    <p className={review.unresolved > 0 ? 'alert alert-error' : 'alert alert-success'} data-testid="export-unresolved">
      {review.hits.length === 0
        ? t('export.review.none')
        : review.unresolved > 0
          ? t('export.review.unresolved', { count: review.unresolved })
          : t('export.review.allResolved')}
    </p>
  );
}
