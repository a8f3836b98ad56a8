import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ConflictView } from '../../../shared/contract/conflicts';
import { OutcomeMessage, useOutcome } from '../components/Outcome';
import { useContractMutation, useContractQuery } from '../data/queries';
import { describeError } from '../errors';
import { usePageFocus } from '../workspace/usePageFocus';
import { SetAsideList } from './SetAsideList';
import { valueText } from './value-text';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import alerts from '../components/alert.module.css';
import layout from '../components/layout.module.css';
import lists from '../components/list.module.css';
import styles from './ConflictsScreen.module.css';
import { RecordLine } from './RecordLine';

function fieldLabel(t: TFunction, conflict: ConflictView): string {
  return t(`conflicts.column.${conflict.column as 'name'}`, { defaultValue: conflict.column });
}

function ConflictCard({
  conflict,
  campaignId,
  onDone,
}: {
  readonly conflict: ConflictView;
  readonly campaignId: string;
  readonly onDone: (outcome: { ok: string } | { error: Parameters<typeof describeError>[1] }) => void;
}) {
  const { t, i18n } = useTranslation();
  const resolve = useContractMutation('conflicts.resolve');
  const field = fieldLabel(t, conflict);
  const kept = valueText(t, i18n.language, conflict.kept.value);
  const lost = valueText(t, i18n.language, conflict.lost.value);
  const author = (side: ConflictView['kept']) =>
    side.mine ? t('conflicts.you') : (side.author ?? t('conflicts.otherLaptop'));
  const act = (keep: 'kept' | 'lost', message: string) => {
    resolve.mutate(
      { campaignId, conflictId: conflict.id, keep },
      { onSuccess: () => onDone({ ok: message }), onError: (error) => onDone({ error: error.error }) },
    );
  };
  const sentence = conflict.lost.mine
    ? t('conflicts.automatic.theirsKept', { author: author(conflict.kept) })
    : conflict.kept.mine
      ? t('conflicts.automatic.mineKept', { author: author(conflict.lost) })
      : t('conflicts.automatic.othersKept', { kept: author(conflict.kept), lost: author(conflict.lost) });
  return (
    <li className={cx(layout.card, styles.conflictCard)} data-testid="conflict-card" data-kind={conflict.kind}>
      <RecordLine table={conflict.record.table} record={conflict.record} />
      <div className={cx(layout.muted, layout.small)}>{t('conflicts.field', { field })}</div>
      {conflict.kind === 'automatic' ? (
        <>
          <p className={styles.conflictResolution}>
            <strong>{t('conflicts.automatic.title')}:</strong> {sentence}{' '}
            <strong className={styles.conflictLost}>„{lost}”</strong>.
          </p>
          <p className={layout.small}>
            {t('conflicts.automatic.now')}: <strong>„{kept}”</strong>
          </p>
          <div className={buttons.buttonRow}>
            <button
              type="button"
              className={cx(buttons.button, buttons.buttonPrimary, buttons.buttonSmall)}
              disabled={resolve.isPending}
              aria-label={t('conflicts.automatic.restoreLabel', { field, record: conflict.record.name, value: lost })}
              onClick={() =>
                act('lost', t('conflicts.automatic.restored', { field, record: conflict.record.name, value: lost }))
              }
            >
              {t('conflicts.automatic.restore')}
            </button>
            <button
              type="button"
              className={cx(buttons.button, buttons.buttonSmall)}
              disabled={resolve.isPending}
              onClick={() =>
                act('kept', t('conflicts.automatic.dismissed', { field, record: conflict.record.name, value: kept }))
              }
            >
              {t('conflicts.automatic.dismiss')}
            </button>
          </div>
        </>
      ) : (
        <>
          <p className={styles.conflictResolution}>
            <strong>{t('conflicts.judgement.title')}</strong>
          </p>
          <div className={buttons.buttonRow}>
            {(['kept', 'lost'] as const).map((keep) => {
              const value = keep === 'kept' ? kept : lost;
              return (
                <button
                  key={keep}
                  type="button"
                  className={cx(buttons.button, buttons.buttonSmall)}
                  disabled={resolve.isPending}
                  onClick={() =>
                    act(keep, t('conflicts.judgement.kept', { field, record: conflict.record.name, value }))
                  }
                >
                  {t('conflicts.judgement.keep', { value, author: author(conflict[keep]) })}
                </button>
              );
            })}
          </div>
        </>
      )}
    </li>
  );
}

/** The campaign's open conflicts: judgement choices to make and automatic resolutions to check or restore. */
export function ConflictsScreen({ campaignId }: { readonly campaignId: string }) {
  const { t } = useTranslation();
  const heading = usePageFocus(t('conflicts.title'));
  const query = useContractQuery('conflicts.list', { campaignId });
  const { outcome, succeed, fail } = useOutcome();
  const conflicts = query.data ?? [];
  return (
    <div className={layout.page}>
      <h1 ref={heading} tabIndex={-1}>
        {t('conflicts.title')}
      </h1>
      <p className={layout.muted}>{t('conflicts.intro')}</p>
      <OutcomeMessage outcome={outcome} />
      {query.error ? (
        <p className={cx(alerts.alert, alerts.alertError)} role="alert">
          {t('conflicts.loadFailed')} {describeError(t, query.error.error)}
        </p>
      ) : null}
      {query.data && conflicts.length === 0 ? <p data-testid="conflicts-empty">{t('conflicts.empty')}</p> : null}
      {conflicts.length > 0 ? (
        <>
          <p className={cx(layout.small, layout.muted)}>{t('conflicts.count', { count: conflicts.length })}</p>
          <ul className={cx(lists.plainList, styles.conflictList)} data-testid="conflict-list">
            {conflicts.map((conflict) => (
              <ConflictCard
                key={conflict.id}
                conflict={conflict}
                campaignId={campaignId}
                onDone={(result) => ('ok' in result ? succeed(result.ok) : fail(result.error))}
              />
            ))}
          </ul>
        </>
      ) : null}
      <SetAsideList campaignId={campaignId} />
    </div>
  );
}
