import { useTranslation } from 'react-i18next';
import { focusIdentityPicker } from './useEntryQueue';
import { cx } from '../components/cx';
import alerts from '../components/alert.module.css';
import buttons from '../components/button.module.css';

/**
 * Says what to do while typed entries wait for a name ("Ik ben"), with a button to the picker.
 * The focus moves only on that button: moving it by itself, even after a pause, sends the next
 * keys typed into the picker (whose type-ahead would even choose a name).
 */
export function IdentityNotice() {
  const { t } = useTranslation();
  return (
    <div className={cx(alerts.alert, alerts.alertInfo)} role="alert" data-testid="identity-notice">
      <span>{t('field.entry.chooseIdentity')}</span>{' '}
      <button type="button" className={cx(buttons.button, buttons.buttonSmall)} onClick={focusIdentityPicker}>
        {t('field.entry.toPicker')}
      </button>
    </div>
  );
}
