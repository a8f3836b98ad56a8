import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { explainError } from '../errors';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import { dismissUndo, isTextTarget, lastUndoOf, undoLast, useUndo } from './undo';
import styles from './UndoToast.module.css';

/** Space kept between the toast and what it must not cover. */
const CLEARANCE_PX = 8;

/**
 * Scrolls the window so that the toast does not cover the focused element: the toast sticks to
 * the window's bottom, so an item acted on at the bottom edge (a Delete, a move) would sit under
 * it. Inside a `data-keep-clear` region (a capture quadrant) the region's end (its input) is
 * kept clear too, when that does not push the focused element out at the top.
 */
function keepFocusClear(toast: HTMLElement): void {
  const focused = document.activeElement;
  if (!(focused instanceof HTMLElement) || focused === document.body || toast.contains(focused)) return;
  const cover = toast.getBoundingClientRect();
  const box = focused.getBoundingClientRect();
  if (!(cover.left < box.right && box.left < cover.right && cover.top < box.bottom && box.top < cover.bottom)) return;
  let bottom = box.bottom;
  const region = focused.closest('[data-keep-clear]')?.getBoundingClientRect();
  if (region && region.bottom > bottom && box.top - (region.bottom - bottom) > 0) bottom = region.bottom;
  window.scrollBy({ top: bottom - cover.top + CLEARANCE_PX, behavior: 'instant' });
}

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
  const toastRef = useRef<HTMLDivElement>(null);
  const hidden = !errorHere && !undoneHere && (!last || last.id === closedId);
  const message = errorHere ? 'error' : undoneHere ? `undone:${undoneHere.subject}` : `last:${last?.id ?? ''}`;

  // When it appears, and whenever the focus moves while it shows, it covers nothing focused.
  useEffect(() => {
    const toast = toastRef.current;
    if (hidden || !toast) return undefined;
    const clear = () => keepFocusClear(toast);
    clear();
    document.addEventListener('focusin', clear);
    return () => document.removeEventListener('focusin', clear);
  }, [hidden, message]);

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

  if (hidden) return null;
  return (
    <div className={styles.dock}>
      <div ref={toastRef} className={styles.toast} role="status" aria-live="polite" data-testid="undo-toast">
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
