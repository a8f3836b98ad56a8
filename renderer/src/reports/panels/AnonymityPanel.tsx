import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnonymityHitView, AnonymityReview } from '../../../../shared/contract/export';
import type { ContractError } from '../../../../shared/contract/result';
import { isLanguage } from '../../../../shared/i18n';
import { api } from '../../api';
import { describeError } from '../../errors';
import { HitList } from '../../export/HitList';
import { ReviewSummary } from '../../export/ReviewSummary';
import { cx } from '../../components/cx';
import alerts from '../../components/alert.module.css';
import buttons from '../../components/button.module.css';
import layout from '../../components/layout.module.css';
import shared from '../reports.module.css';

export interface AnonymityPanelProps {
  readonly reportId: string;
  /** A final report is checked with its frozen values, as it would be exported. */
  readonly frozen: boolean;
  /** Opens the hit's section and selects the hit in the editor. */
  readonly onJump: (hit: AnonymityHitView) => void;
  /** Said when the last jump found nothing (the text changed since the check). */
  readonly notice: string | null;
}

/**
 * The anonymisation check on demand, in the report editor: the same `export.review` (the same
 * pure check and decisions) the export gate runs, over the whole report. It runs when asked,
 * not per keystroke: a large report takes a moment to check.
 */
export function AnonymityPanel({ reportId, frozen, onJump, notice }: AnonymityPanelProps) {
  const { t, i18n } = useTranslation();
  const [review, setReview] = useState<AnonymityReview | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  const language = isLanguage(i18n.language) ? i18n.language : 'nl-BE';

  const run = async () => {
    setRunning(true);
    setError(null);
    const answer = await api.invoke('export.review', {
      reportId,
      values: frozen ? 'frozen' : 'live',
      sectionIds: null,
      language,
    });
    setRunning(false);
    if (answer.ok) setReview(answer.value);
    else setError(answer.error);
  };

  return (
    <div className={shared.sidePanel} data-testid="anonymity-panel">
      <h3>{t('export.panel.title')}</h3>
      <p className={cx(layout.muted, layout.small)}>{t('export.panel.help')}</p>
      <button
        type="button"
        className={cx(buttons.button, buttons.buttonSmall)}
        disabled={running}
        onClick={() => void run()}
      >
        {running ? t('export.panel.checking') : review ? t('export.panel.again') : t('export.panel.run')}
      </button>
      {error ? (
        <p className={cx(alerts.alert, alerts.alertError)} role="alert">
          {describeError(t, error)}
        </p>
      ) : null}
      {notice ? (
        <p className={cx(alerts.alert, alerts.alertInfo)} role="status">
          {notice}
        </p>
      ) : null}
      {review ? (
        <>
          <ReviewSummary review={review} />
          <HitList review={review} onDone={run} onError={setError} onJump={onJump} inPanel />
        </>
      ) : (
        <p className={layout.muted}>{t('export.panel.notRun')}</p>
      )}
    </div>
  );
}
