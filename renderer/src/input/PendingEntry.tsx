import { useTranslation } from 'react-i18next';
import { explainError } from '../errors';
import type { Entry, EntryQueue } from './entry-queue';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import styles from './PendingEntry.module.css';

/** An entry typed but not yet shown back from the store: its text and what is happening to it. */
export function PendingEntry<K>({ entry, queue }: { readonly entry: Entry<K>; readonly queue: EntryQueue<K> }) {
  const { t } = useTranslation();
  return (
    <li className={cx(styles.pendingEntry, styles[entry.state])} data-pending-entry={entry.state}>
      <span>{entry.text}</span>
      <span className={styles.meta}>
        {entry.state === 'held'
          ? t('field.entry.held')
          : entry.state === 'failed' && entry.error
            ? t('field.entry.failed', { reason: explainError(t, entry.error) })
            : t('field.entry.saving')}
      </span>
      {entry.state === 'failed' ? (
        <span className={styles.actions}>
          <button type="button" className={cx(buttons.button, buttons.buttonSmall)} onClick={() => queue.retry()}>
            {t('field.entry.retry')}
          </button>
          <button
            type="button"
            className={cx(buttons.button, buttons.buttonSmall)}
            onClick={() => queue.discard(entry.key)}
          >
            {t('field.entry.discard')}
          </button>
        </span>
      ) : null}
    </li>
  );
}
