import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { explainError } from '../errors';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import { dismissUndo, isTextTarget, lastUndoOf, undoLast, useUndo } from './undo';
import styles from './UndoToast.module.css';

/**
 * The "Ongedaan maken" toast of the campaign's last undoable action, and Ctrl+Z (Cmd+Z) outside
 * text fields for the same. Rendered once in a campaign's workspace: it shows and undoes only that
 * campaign's edits, so Ctrl+Z in one campaign never takes back an edit made in another.
 */
export function UndoToast({ campaignId }: { readonly campaignId: string }) {
  const { t } = useTranslation();
  const { entries, undone, busy, error, errorCampaignId } = useUndo();
  const last = lastUndoOf(entries, campaignId);
  const undoneHere = undone?.campaignId === campaignId ? undone : null;
  const errorHere = errorCampaignId === campaignId ? error : null;
  // Closed by the user: hidden until the next action (Ctrl+Z still undoes, and then says so).
  const [closedId, setClosedId] = useState<number | null>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey || event.key.toLowerCase() !== 'z')
        return;
      if (isTextTarget(event.target)) return;
      event.preventDefault();
      setClosedId(null);
      void undoLast(campaignId);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [campaignId]);

  if (!errorHere && !undoneHere && (!last || last.id === closedId)) return null;
  return (
    <div className={styles.dock}>
      <div className={styles.toast} role="status" aria-live="polite" data-testid="undo-toast">
        {errorHere ? (
          <span className={cx(styles.message, styles.error)}>
            {t('field.undo.failed', { reason: explainError(t, errorHere) })}
          </span>
        ) : undoneHere ? (
          <span className={styles.message}>
            {t('field.undo.undone', {
              action: t(`field.undo.actions.${undoneHere.action}`, { subject: undoneHere.subject }),
            })}
          </span>
        ) : last ? (
          <span className={styles.message}>{t(`field.undo.actions.${last.action}`, { subject: last.subject })}</span>
        ) : null}
        <span className={styles.actions}>
          {last ? (
            <button
              type="button"
              className={cx(buttons.button, buttons.buttonSmall)}
              disabled={busy}
              onClick={() => void undoLast(campaignId)}
              aria-keyshortcuts="Control+Z"
            >
              {t('field.undo.button')}
            </button>
          ) : null}
          <button
            type="button"
            className={cx(buttons.button, buttons.buttonSmall, buttons.buttonQuiet)}
            onClick={() => {
              setClosedId(last?.id ?? null);
              dismissUndo();
            }}
            aria-label={t('field.undo.close')}
          >
            ×
          </button>
        </span>
      </div>
    </div>
  );
}
