import { useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import { sectionText } from '../../../shared/report/document';
import type { RefusedDraft } from '../input/autosave';
import { base64ToBytes } from '../sync/base64';
import { formatWhen } from './format';
import { cx } from '../components/cx';
import alerts from '../components/alert.module.css';
import buttons from '../components/button.module.css';
import forms from '../components/form.module.css';
import styles from './SectionPane.module.css';

/** The Yjs updates of a section's refused drafts. */
export function refusedUpdates(drafts: readonly RefusedDraft[]): Uint8Array[] {
  return drafts.flatMap((draft) =>
    draft.call.channel === 'reports.section.update' ? [base64ToBytes(draft.call.payload.update)] : [],
  );
}

/**
 * Text typed into a section that the store refused for good (the report became final, the
 * section was locked by someone else, the user lost the right): it is not retried at every start
 * and never dropped without the user. Shown with the reason in the user's language, the section as
 * the user had it (the stored text with the refused edits), "copy text" and "discard" (asked once
 * more), and "put back into the text" where the section can be edited again.
 */
export function RefusedDraftNotice({
  drafts,
  stored,
  reason,
  editable,
  onPutBack,
  onDiscard,
}: {
  readonly drafts: readonly RefusedDraft[];
  /** The section's stored Yjs state. */
  readonly stored: Uint8Array;
  readonly reason: string;
  readonly editable: boolean;
  readonly onPutBack: (updates: readonly Uint8Array[]) => void;
  readonly onDiscard: () => void;
}) {
  const { t, i18n } = useTranslation();
  const textId = useId();
  const box = useRef<HTMLTextAreaElement>(null);
  const discardButton = useRef<HTMLButtonElement>(null);
  const [confirming, setConfirming] = useState(false);
  const [copied, setCopied] = useState<'copied' | 'select' | null>(null);
  const text = useMemo(() => sectionText(Y.mergeUpdates([stored, ...refusedUpdates(drafts)])), [stored, drafts]);
  const newest = drafts.reduce((last, draft) => (draft.at > last ? draft.at : last), drafts[0]?.at ?? '');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('copied');
    } catch {
      // No clipboard here (an insecure page, a refused permission): the text is selected for Ctrl+C.
      box.current?.focus();
      box.current?.select();
      setCopied('select');
    }
  };

  return (
    <div className={cx(alerts.alert, alerts.alertError, styles.refusedDraft)} role="alert" data-testid="refused-draft">
      <p>{t('reports.save.refusedDraft.body', { when: formatWhen(newest, i18n.language), reason })}</p>
      <label className={forms.field} htmlFor={textId}>
        <span>{t('reports.save.refusedDraft.textLabel')}</span>
      </label>
      <textarea id={textId} ref={box} className={styles.refusedText} readOnly rows={4} value={text} />
      {confirming ? (
        <div className={buttons.buttonRow} role="group" aria-label={t('reports.save.refusedDraft.discardConfirm')}>
          <span>{t('reports.save.refusedDraft.discardConfirm')}</span>
          <button
            type="button"
            className={cx(buttons.button, buttons.buttonPrimary, buttons.buttonSmall)}
            autoFocus
            onClick={onDiscard}
          >
            {t('reports.save.refusedDraft.discardYes')}
          </button>
          <button
            type="button"
            className={cx(buttons.button, buttons.buttonSmall)}
            onClick={() => {
              setConfirming(false);
              // The focus goes back to the button the user acted on.
              requestAnimationFrame(() => discardButton.current?.focus());
            }}
          >
            {t('reports.save.refusedDraft.discardNo')}
          </button>
        </div>
      ) : (
        <div className={buttons.buttonRow}>
          <button type="button" className={cx(buttons.button, buttons.buttonSmall)} onClick={() => void copy()}>
            {t('reports.save.refusedDraft.copy')}
          </button>
          {editable ? (
            <button
              type="button"
              className={cx(buttons.button, buttons.buttonSmall)}
              onClick={() => onPutBack(refusedUpdates(drafts))}
            >
              {t('reports.save.refusedDraft.putBack')}
            </button>
          ) : null}
          <button
            ref={discardButton}
            type="button"
            className={cx(buttons.button, buttons.buttonQuiet, buttons.buttonSmall)}
            onClick={() => setConfirming(true)}
          >
            {t('reports.save.refusedDraft.discard')}
          </button>
        </div>
      )}
      {copied ? (
        <p role="status" className={styles.refusedCopied}>
          {t(`reports.save.refusedDraft.${copied}`)}
        </p>
      ) : null}
    </div>
  );
}
