import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from './cx';
import buttons from './button.module.css';
import lists from './list.module.css';
import styles from './RetiredList.module.css';

interface RetiredListProps<T> {
  readonly items: readonly T[];
  readonly keyOf: (item: T) => string;
  /** What the row shows of a retired item. */
  readonly show: (item: T) => ReactNode;
  /** The accessible name of the item's restore button. */
  readonly restoreLabel: (item: T) => string;
  readonly onRestore: (item: T) => void;
  /** The folded list's summary; by default "N retired". */
  readonly summary?: string;
  /** Restoring is not offered (the person may not); `describedBy` names the element that says why. */
  readonly disabled?: boolean;
  readonly describedBy?: string;
}

/** Retired items, folded away apart from the active ones, each with a button to restore it; nothing when there are none. */
export function RetiredList<T>({
  items,
  keyOf,
  show,
  restoreLabel,
  onRestore,
  summary,
  disabled,
  describedBy,
}: RetiredListProps<T>) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <details className={styles.retired}>
      <summary>{summary ?? t('setup.list.retiredCount', { count: items.length })}</summary>
      <ul className={lists.editableList}>
        {items.map((item) => (
          <li key={keyOf(item)} className={cx(lists.editableRow, styles.retiredRow)}>
            {show(item)}
            <button
              type="button"
              className={buttons.textButton}
              aria-label={restoreLabel(item)}
              disabled={disabled}
              aria-describedby={describedBy}
              onClick={() => onRestore(item)}
            >
              {t('setup.list.restore')}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
