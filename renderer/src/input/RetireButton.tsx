import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import confirm from './confirm.module.css';

interface RetireButtonProps {
  /** The record's name, in the button's accessible name and the question. */
  readonly name: string;
  /** Retires the record; called only once the user confirmed. */
  readonly onConfirm: () => void;
  /** A hint on the button (e.g. that the record is in use and stays listed apart). */
  readonly title?: string;
  /** The button's accessible name, when the name alone does not tell the record (default: "„name” buiten gebruik stellen"). */
  readonly label?: string;
  /** The button's text, the question and the confirming button's text, where "buiten gebruik" is not the word. */
  readonly words?: { readonly button: string; readonly question: string; readonly yes: string };
  readonly className?: string;
}

/**
 * "Buiten gebruik" that acts only on an explicit confirm: the first press asks inline, with the
 * focus on "Ja, buiten gebruik"; Escape or "Annuleren" gives the focus back to the button. The
 * retire itself goes on the undo stack (retire.ts), so even a confirmed one can be taken back.
 */
export function RetireButton({ name, onConfirm, title, label, words, className }: RetireButtonProps) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) buttonRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking)
    return (
      <button
        ref={buttonRef}
        type="button"
        className={className ?? buttons.textButton}
        aria-label={label ?? (words ? undefined : t('setup.list.retireLabel', { name }))}
        title={title}
        onClick={() => setAsking(true)}
      >
        {words?.button ?? t('setup.list.retire')}
      </button>
    );
  const question = words?.question ?? t('field.confirm.retire', { name });
  return (
    <span
      className={confirm.inlineConfirm}
      role="group"
      aria-label={question}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          setAsking(false);
        }
      }}
    >
      <span>{question}</span>
      <button
        ref={confirmRef}
        type="button"
        className={cx(buttons.button, buttons.buttonSmall)}
        onClick={() => {
          wasAsking.current = false;
          setAsking(false);
          onConfirm();
        }}
      >
        {words?.yes ?? t('field.confirm.yesRetire')}
      </button>
      <button type="button" className={cx(buttons.button, buttons.buttonSmall)} onClick={() => setAsking(false)}>
        {t('field.confirm.cancel')}
      </button>
    </span>
  );
}
