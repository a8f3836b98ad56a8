import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from './cx';
import buttons from './button.module.css';

interface EditFormButtonsProps {
  /** True while an existing item is edited: the submit button saves and a cancel button appears. */
  readonly editing: boolean;
  /** The submit button's text when a new item is added. */
  readonly submitLabel: string;
  readonly onCancel: () => void;
  /** More buttons shown only while editing, after cancel. */
  readonly children?: ReactNode;
  /** Submit is not offered (the person may not make this change); `describedBy` names the element that says why. */
  readonly disabled?: boolean;
  readonly describedBy?: string;
}

/** The buttons of a form that adds an item or edits one: submit (or save), and cancel while editing. */
export function EditFormButtons({
  editing,
  submitLabel,
  onCancel,
  children,
  disabled,
  describedBy,
}: EditFormButtonsProps) {
  const { t } = useTranslation();
  return (
    <div className={buttons.buttonRow}>
      <button
        type="submit"
        className={cx(buttons.button, buttons.buttonPrimary)}
        disabled={disabled}
        aria-describedby={describedBy}
      >
        {editing ? t('setup.organisations.save') : submitLabel}
      </button>
      {editing ? (
        <>
          <button type="button" className={buttons.button} onClick={onCancel}>
            {t('setup.list.cancel')}
          </button>
          {children}
        </>
      ) : null}
    </div>
  );
}
