import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { explainError } from '../errors';
import { dismissUndo, isTextTarget, undoLast, useUndo } from './undo';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import styles from './UndoToast.module.css';

/**
 * The "Ongedaan maken" toast of the last undoable action, and Ctrl+Z (Cmd+Z) outside text
 * fields for the same. Rendered once, in the app shell.
 */
export function UndoToast() {
  const { t } = useTranslation();
  const { entries, undone, busy, error } = useUndo();
  const last = entries.at(-1);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey || event.key.toLowerCase() !== 'z')
        return;
      if (isTextTarget(event.target)) return;
      event.preventDefault();
      void undoLast();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!last && !undone && !error) return null;
  return (
    <div className={styles.undoToast} role="status" aria-live="polite" data-testid="undo-toast">
      {error ? (
        <span className={styles.undoError}>{t('field.undo.failed', { reason: explainError(t, error) })}</span>
      ) : undone ? (
        <span>
          {t('field.undo.undone', { action: t(`field.undo.actions.${undone.action}`, { subject: undone.subject }) })}
        </span>
      ) : last ? (
        <span>{t(`field.undo.actions.${last.action}`, { subject: last.subject })}</span>
      ) : null}
      {last ? (
        <button
          type="button"
          className={cx(buttons.button, buttons.buttonSmall)}
          disabled={busy}
          onClick={() => void undoLast()}
          aria-keyshortcuts="Control+Z"
        >
          {t('field.undo.button')}
        </button>
      ) : null}
      <button
        type="button"
        className={cx(buttons.button, buttons.buttonSmall, buttons.buttonQuiet)}
        onClick={dismissUndo}
        aria-label={t('field.undo.close')}
      >
        ×
      </button>
    </div>
  );
}
