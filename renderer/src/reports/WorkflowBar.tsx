import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportAction } from '../../../shared/contract/reports';
import { useContractMutation } from '../data/queries';
import { describeError } from '../errors';
import { useKeptText } from '../input/useAutosave';
import { cx } from '../components/cx';
import alerts from '../components/alert.module.css';
import buttons from '../components/button.module.css';
import forms from '../components/form.module.css';
import styles from './WorkflowBar.module.css';

/**
 * The report's workflow buttons, as the answer of reports.get says this member may take them
 * (the server has the last word). Send back asks for a comment; finalise asks to confirm.
 */
export function WorkflowBar({
  reportId,
  actions,
}: {
  readonly reportId: string;
  readonly actions: readonly ReportAction[];
}) {
  const { t } = useTranslation();
  const workflow = useContractMutation('reports.workflow');
  // The send-back comment is kept in the draft journal until it is sent or cancelled: a reload
  // opens the question again with it.
  const [comment, setComment] = useKeptText(`report-sendback:${reportId}`);
  const [asking, setAsking] = useState<'sendBack' | 'finalise' | null>(() =>
    comment !== '' && actions.includes('sendBack') ? 'sendBack' : null,
  );
  const [done, setDone] = useState<ReportAction | null>(null);
  const doneNotice = useRef<HTMLParagraphElement>(null);
  // The button or the question the user acted on goes away with the new status: the focus goes
  // to what happened instead of falling to the page's top.
  useEffect(() => {
    if (done) doneNotice.current?.focus();
  }, [done]);

  const run = (action: ReportAction, text = '') => {
    setDone(null);
    workflow.mutate(
      { reportId, action, comment: text },
      {
        onSuccess: () => {
          setDone(action);
          setAsking(null);
          setComment('');
        },
      },
    );
  };

  if (actions.length === 0 && !workflow.error && !done) return null;
  const error = workflow.error?.error;
  const offline = error && /offline|not connected|NOT_CONNECTED/i.test(error.message);
  return (
    <div className={styles.workflowBar}>
      <div className={buttons.buttonRow}>
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            className={cx(buttons.button, (action === 'finalise' || action === 'approve') && buttons.buttonPrimary)}
            disabled={workflow.isPending}
            onClick={() => (action === 'sendBack' || action === 'finalise' ? setAsking(action) : run(action))}
          >
            {t(`reports.workflow.${action}`)}
          </button>
        ))}
      </div>
      {asking === 'sendBack' ? (
        <form
          className={styles.workflowAsk}
          onSubmit={(event) => {
            event.preventDefault();
            run('sendBack', comment.trim());
          }}
        >
          <label className={forms.field}>
            <span>{t('reports.workflow.sendBackComment')}</span>
            <textarea rows={3} value={comment} autoFocus onChange={(event) => setComment(event.target.value)} />
          </label>
          <div className={buttons.buttonRow}>
            <button
              type="submit"
              className={cx(buttons.button, buttons.buttonPrimary)}
              disabled={comment.trim() === '' || workflow.isPending}
            >
              {t('reports.workflow.sendBackConfirm')}
            </button>
            <button
              type="button"
              className={cx(buttons.button, buttons.buttonQuiet)}
              onClick={() => {
                setComment('');
                setAsking(null);
              }}
            >
              {t('reports.common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      {asking === 'finalise' ? (
        <div className={styles.workflowAsk} role="alertdialog" aria-label={t('reports.workflow.finalise')}>
          <p>{t('reports.workflow.finaliseConfirm')}</p>
          <div className={buttons.buttonRow}>
            <button
              type="button"
              className={cx(buttons.button, buttons.buttonPrimary)}
              disabled={workflow.isPending}
              onClick={() => run('finalise')}
            >
              {t('reports.workflow.finalise')}
            </button>
            <button type="button" className={cx(buttons.button, buttons.buttonQuiet)} onClick={() => setAsking(null)}>
              {t('reports.common.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {done ? (
        <p className={cx(alerts.alert, alerts.alertInfo)} role="status" tabIndex={-1} ref={doneNotice}>
          {t(`reports.workflow.done.${done}`)}
        </p>
      ) : null}
      {error ? (
        <p className={cx(alerts.alert, alerts.alertError)} role="alert">
          {offline ? t('reports.workflow.offline') : t('reports.workflow.failed', { reason: describeError(t, error) })}
        </p>
      ) : null}
    </div>
  );
}
