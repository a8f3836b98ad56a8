import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OwnHeldEditView } from '../../../shared/contract/workflow';
import { api } from '../api';
import { useContractQuery } from '../data/queries';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import alerts from '../components/alert.module.css';
import layout from '../components/layout.module.css';
import lists from '../components/list.module.css';
import styles from './OwnHeldEdits.module.css';

/** The catalog key of a field's label ("notes.text" → "notes_text"), "other" for fields without one. */
const FIELD_LABELS = ['notes_text', 'swot_items_text', 'lemmas_narrative', 'report_sections_body'] as const;
type FieldLabel = (typeof FIELD_LABELS)[number] | 'other';
function fieldKey(field: string): FieldLabel {
  const key = field.replace('.', '_');
  return (FIELD_LABELS as readonly string[]).includes(key) ? (key as FieldLabel) : 'other';
}

function RejectedText({ text }: { text: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [copied, setCopied] = useState<boolean | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      // No clipboard permission (browser mode over http): the text stays selectable.
      setCopied(false);
    }
  }
  return (
    <div className={styles.ownHeldText}>
      <label htmlFor={id} className={layout.small}>
        {t('workflow.own.rejectedText')}
      </label>
      <textarea id={id} readOnly value={text} rows={Math.min(8, Math.max(2, text.split('\n').length))} />
      <div className={buttons.buttonRow}>
        <button type="button" className={cx(buttons.button, buttons.buttonSmall)} onClick={() => void copy()}>
          {t('workflow.own.copy')}
        </button>
        {copied !== null ? (
          <span className={cx(layout.small, layout.muted)} role="status">
            {copied ? t('workflow.own.copied') : t('workflow.own.copyFailed')}
          </span>
        ) : null}
      </div>
    </div>
  );
}

/**
 * The author's side of a held late edit, on the visit page: waiting for the coordinator, or
 * rejected (by whom; the field shows the approved text again after the sync that brought the
 * decision; what the author wrote stays here to copy until they mark it read). The list comes
 * from the sync rounds (local state), so it follows without polling.
 */
export function OwnHeldEdits({ visitId }: { visitId: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const query = useContractQuery('workflow.ownHeld', { visitId });
  const edits: readonly OwnHeldEditView[] = query.data ?? [];
  if (edits.length === 0) return null;
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const rejected = edits.filter((edit) => edit.state === 'rejected');
  const pending = edits.filter((edit) => edit.state === 'pending');

  async function dismiss(edit: OwnHeldEditView) {
    await api.invoke('workflow.dismissOwnHeld', { campaignId: edit.campaignId, changeId: edit.changeId });
  }

  return (
    <section className={cx(layout.card, styles.ownHeld)} aria-labelledby={`${id}-title`} data-testid="own-held-edits">
      <h3 id={`${id}-title`}>{t('workflow.own.title')}</h3>
      {rejected.length > 0 ? (
        <ul className={lists.plainList}>
          {rejected.map((edit) => (
            <li
              key={edit.changeId}
              className={cx(styles.ownHeldEdit, alerts.alert, alerts.alertInfo)}
              role="alert"
              data-testid="own-held-edit"
            >
              <p>
                {t('workflow.own.rejected', {
                  field: t(`workflow.own.fields.${fieldKey(edit.field)}`),
                  who: edit.decidedBy ?? t('workflow.own.someone'),
                  time: edit.decidedAt !== null ? time.format(edit.decidedAt) : '',
                })}
              </p>
              <p className={layout.small}>
                {[edit.record.conversation, edit.record.question].filter(Boolean).join(' · ')}
              </p>
              {edit.editedText ? <RejectedText text={edit.editedText} /> : null}
              <div className={buttons.buttonRow}>
                <button
                  type="button"
                  className={cx(buttons.button, buttons.buttonSmall)}
                  onClick={() => void dismiss(edit)}
                >
                  {t('workflow.own.dismiss')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {pending.length > 0 ? (
        <p className={layout.small}>{t('workflow.own.pending', { count: pending.length })}</p>
      ) : null}
    </section>
  );
}
