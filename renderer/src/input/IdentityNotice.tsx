import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { focusIdentityPicker } from './useEntryQueue';
import { cx } from '../components/cx';
import alerts from '../components/alert.module.css';
import buttons from '../components/button.module.css';

/** How long the user does not type before the focus moves to the picker. */
export const PICKER_PAUSE_MS = 1000;

/**
 * Says what to do while typed entries wait for a name ("Ik ben"), with a button to the picker.
 * Once the user pauses (no key for PICKER_PAUSE_MS) in the field they were typing in, the focus
 * moves to the picker, once per notice. Keys typed on are not lost there and choose no name:
 * the picker sends them back to that field (pickerKeyGuard) until the user acts on it.
 */
export function IdentityNotice() {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let timer = setTimeout(move, PICKER_PAUSE_MS);
    function move() {
      // Only from a text field of the screen part that shows the notice (or from nowhere: the
      // page after a reload); a user who moved on to anything else keeps the focus there.
      const active = document.activeElement;
      const scope = ref.current?.parentElement;
      const field =
        (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) && scope?.contains(active)
          ? active
          : null;
      if (field === null && active !== null && active !== document.body) return;
      document.removeEventListener('keydown', restart, true);
      focusIdentityPicker({ returnTo: field });
    }
    function restart() {
      clearTimeout(timer);
      timer = setTimeout(move, PICKER_PAUSE_MS);
    }
    document.addEventListener('keydown', restart, true);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('keydown', restart, true);
    };
  }, []);
  return (
    <div ref={ref} className={cx(alerts.alert, alerts.alertInfo)} role="alert" data-testid="identity-notice">
      <span>{t('field.entry.chooseIdentity')}</span>{' '}
      <button type="button" className={cx(buttons.button, buttons.buttonSmall)} onClick={() => focusIdentityPicker()}>
        {t('field.entry.toPicker')}
      </button>
    </div>
  );
}
