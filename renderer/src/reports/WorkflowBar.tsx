import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportAction } from '../../../shared/contract/reports';
import { useContractMutation } from '../data/queries';
import { describeError } from '../errors';

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
  const [asking, setAsking] = useState<'sendBack' | 'finalise' | null>(null);
  const [comment, setComment] = useState('');
  const [done, setDone] = useState<ReportAction | null>(null);

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
    <div className="workflow-bar">
      <div className="button-row">
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            className={action === 'finalise' || action === 'approve' ? 'button button-primary' : 'button'}
            disabled={workflow.isPending}
            onClick={() => (action === 'sendBack' || action === 'finalise' ? setAsking(action) : run(action))}
          >
            {t(`reports.workflow.${action}`)}
          </button>
        ))}
      </div>
      {asking === 'sendBack' ? (
        <form
          className="workflow-ask"
          onSubmit={(event) => {
            event.preventDefault();
            run('sendBack', comment.trim());
          }}
        >
          <label className="field">
            <span>{t('reports.workflow.sendBackComment')}</span>
            <textarea rows={3} value={comment} autoFocus onChange={(event) => setComment(event.target.value)} />
          </label>
          <div className="button-row">
            <button
              type="submit"
              className="button button-primary"
              disabled={comment.trim() === '' || workflow.isPending}
            >
              {t('reports.workflow.sendBackConfirm')}
            </button>
            <button type="button" className="button button-quiet" onClick={() => setAsking(null)}>
              {t('reports.common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      {asking === 'finalise' ? (
        <div className="workflow-ask" role="alertdialog" aria-label={t('reports.workflow.finalise')}>
          <p>{t('reports.workflow.finaliseConfirm')}</p>
          <div className="button-row">
            <button
              type="button"
              className="button button-primary"
              disabled={workflow.isPending}
              onClick={() => run('finalise')}
            >
              {t('reports.workflow.finalise')}
            </button>
            <button type="button" className="button button-quiet" onClick={() => setAsking(null)}>
              {t('reports.common.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {done ? (
        <p className="alert alert-info" role="status">
          {t(`reports.workflow.done.${done}`)}
        </p>
      ) : null}
      {error ? (
        <p className="alert alert-error" role="alert">
          {offline ? t('reports.workflow.offline') : t('reports.workflow.failed', { reason: describeError(t, error) })}
        </p>
      ) : null}
    </div>
  );
}
