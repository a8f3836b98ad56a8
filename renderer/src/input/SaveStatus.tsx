import { useTranslation } from 'react-i18next';
import { describeError } from '../errors';
import type { SaveState } from './autosave';
import { cx } from '../components/cx';
import styles from './SaveStatus.module.css';

/**
 * The visible "saved" state of an autosaved field (polite live region, so it is not chatty).
 * `errorText` replaces the generic text of a failed save where the screen knows better why (a
 * locked report section).
 */
export function SaveStatus({
  state,
  id,
  errorText,
}: {
  readonly state: SaveState;
  readonly id?: string;
  readonly errorText?: string;
}) {
  const { t, i18n } = useTranslation();
  const time = (date: Date) => new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(date);
  let text = '';
  let kind = 'idle';
  switch (state.kind) {
    case 'dirty':
      text = t('field.save.unsaved');
      kind = 'dirty';
      break;
    case 'saving':
      text = t('visit.save.saving');
      kind = 'saving';
      break;
    case 'saved':
      text = t('visit.save.saved', { time: time(state.at) });
      kind = 'saved';
      break;
    case 'error':
      text =
        errorText ??
        (state.error.code === 'FORBIDDEN'
          ? t('visit.save.chooseIdentity')
          : t('visit.save.failed', { reason: describeError(t, state.error) }));
      kind = 'error';
      break;
    default:
      text = '';
  }
  return (
    <span
      id={id}
      className={cx(styles.saveStatus, styles[`save-${kind}`])}
      role={kind === 'error' ? 'alert' : 'status'}
      aria-live="polite"
      data-save-state={kind}
    >
      {text}
    </span>
  );
}
