import type { TFunction } from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SetAsideView } from '../../../shared/contract/set-aside';
import type { ContractError } from '../../../shared/contract/result';
import { OutcomeMessage, useOutcome } from '../components/Outcome';
import { useContractMutation, useContractQuery } from '../data/queries';
import { describeError, reasonText } from '../errors';
import { formatDateTime } from '../format/dates';
import { RecordLine } from './RecordLine';
import { valueText } from './value-text';
import alerts from '../components/alert.module.css';
import buttons from '../components/button.module.css';
import { cx } from '../components/cx';
import layout from '../components/layout.module.css';
import lists from '../components/list.module.css';
import styles from './SetAsideList.module.css';

/** What a set-aside change touches, in the words of its record: "Notitie 1.2 · De werking …". */
export function setAsideRecordName(t: TFunction, item: SetAsideView): string {
  const table = t(`conflicts.record.${item.table as 'notes'}`, { defaultValue: item.table });
  return item.record ? `${table} ${item.record.name}` : table;
}

/** The reasons with their own advice (setAside.advice.*); every other one is damage: discard it. */
const ADVICE = [
  'AUTHOR_MISMATCH',
  'AUTHOR_OTHER_ACCOUNT',
  'RELAYED_UNVERIFIED',
  'ROW_OF_OTHER_CAMPAIGN',
  'UNKNOWN_TABLE',
  'UNKNOWN_COLUMN',
  'CLOCK_SKEW',
] as const;
type Advice = (typeof ADVICE)[number];
function adviceOf(code: string): Advice | 'other' {
  return (ADVICE as readonly string[]).includes(code) ? (code as Advice) : 'other';
}

function SetAsideCard({
  item,
  campaignId,
  onDone,
}: {
  readonly item: SetAsideView;
  readonly campaignId: string;
  readonly onDone: (outcome: { ok: string } | { error: ContractError } | { refused: string }) => void;
}) {
  const { t, i18n } = useTranslation();
  const retry = useContractMutation('setAside.retry');
  const discard = useContractMutation('setAside.discard');
  const undo = useContractMutation('setAside.undo');
  const [asking, setAsking] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) keepRef.current?.focus();
  }, [asking]);
  const record = setAsideRecordName(t, item);
  const field = t(`conflicts.column.${item.column as 'name'}`, { defaultValue: item.column });
  const source = t(`setAside.source.${item.source}`);
  const busy = retry.isPending || discard.isPending || undo.isPending;
  // Made here and refused for good by the server: it stays applied here, so it is not retried, only hidden.
  const ownRefused = item.source === 'push';
  const tryAgain = () =>
    retry.mutate(
      { campaignId, changeId: item.id },
      {
        onSuccess: (result) =>
          onDone(
            result.state === 'applied'
              ? { ok: t('setAside.applied', { record }) }
              : { refused: t('setAside.stillRefused', { record, reason: reasonText(t, result.code, null) }) },
          ),
        onError: (error) => onDone({ error: error.error }),
      },
    );
  // Its own refused change stays applied here until taken back: the laptop would show what the server refused.
  const takeBack = () =>
    undo.mutate(
      { campaignId, changeId: item.id },
      {
        onSuccess: (result) => onDone({ ok: t(`setAside.undone.${result.outcome}`, { record }) }),
        onError: (error) => onDone({ error: error.error }),
      },
    );
  const throwAway = () =>
    discard.mutate(
      { campaignId, changeId: item.id },
      {
        onSuccess: () => onDone({ ok: t(ownRefused ? 'setAside.hidden' : 'setAside.discarded', { record }) }),
        onError: (error) => onDone({ error: error.error }),
      },
    );
  return (
    <li className={cx(layout.card, styles.card)} data-testid="set-aside-card" data-code={item.code}>
      <RecordLine table={item.table} record={item.record} testId="set-aside-record" />
      <div className={cx(layout.muted, layout.small)}>
        {t('setAside.field', { field })}
        {item.value ? ` · ${t('setAside.value', { value: valueText(t, i18n.language, item.value) })}` : null}
        {item.sharedText ? ` · ${t('setAside.textChange')}` : null}
      </div>
      <p className={styles.line}>
        {item.author ? t('setAside.byVia', { author: item.author, source }) : t('setAside.byUnknownVia', { source })}
        {item.madeAt ? `, ${t('setAside.madeAt', { date: formatDateTime(i18n.language, item.madeAt) })}` : null}
      </p>
      <p className={styles.line}>
        <strong>{t('setAside.why')}:</strong>{' '}
        <span data-testid="set-aside-reason">{reasonText(t, item.code, null)}</span>
      </p>
      <p className={styles.line}>
        <strong>{t('setAside.whatNow')}:</strong> {t(`setAside.advice.${adviceOf(item.code)}`)}
      </p>
      {asking ? (
        <div
          className={cx(alerts.alert, alerts.alertInfo, styles.confirm)}
          role="alertdialog"
          aria-labelledby={`discard-${item.id}`}
        >
          <span id={`discard-${item.id}`}>
            {t(ownRefused ? 'setAside.confirmHide' : 'setAside.confirmDiscard', { record })}
          </span>
          <div className={buttons.buttonRow}>
            <button
              type="button"
              className={cx(buttons.button, buttons.buttonSmall, styles.danger)}
              disabled={busy}
              onClick={() => {
                setAsking(false);
                throwAway();
              }}
            >
              {t(ownRefused ? 'setAside.confirmHideYes' : 'setAside.confirmYes')}
            </button>
            <button
              ref={keepRef}
              type="button"
              className={cx(buttons.button, buttons.buttonSmall)}
              onClick={() => setAsking(false)}
            >
              {t('setAside.confirmNo')}
            </button>
          </div>
        </div>
      ) : (
        <div className={buttons.buttonRow}>
          {ownRefused ? (
            <button
              type="button"
              className={cx(buttons.button, buttons.buttonPrimary, buttons.buttonSmall)}
              disabled={busy}
              aria-label={t('setAside.undoLabel', { record })}
              onClick={takeBack}
            >
              {t('setAside.undo')}
            </button>
          ) : (
            <button
              type="button"
              className={cx(buttons.button, buttons.buttonPrimary, buttons.buttonSmall)}
              disabled={busy}
              aria-label={t('setAside.retryLabel', { record })}
              onClick={tryAgain}
            >
              {t('setAside.retry')}
            </button>
          )}
          <button
            type="button"
            className={cx(buttons.button, buttons.buttonSmall)}
            disabled={busy}
            aria-label={t(ownRefused ? 'setAside.hideLabel' : 'setAside.discardLabel', { record })}
            onClick={() => setAsking(true)}
          >
            {t(ownRefused ? 'setAside.hide' : 'setAside.discard')}
          </button>
        </div>
      )}
    </li>
  );
}

/** The campaign's changes that this laptop set aside, each with its record, author, reason and what to do. */
export function SetAsideList({ campaignId }: { readonly campaignId: string }) {
  const { t } = useTranslation();
  const query = useContractQuery('setAside.list', { campaignId });
  const { outcome, succeed, fail } = useOutcome();
  const items = query.data ?? [];
  if (query.data && items.length === 0 && !outcome) return null;
  return (
    <section className={styles.section} aria-labelledby="set-aside-title" data-testid="set-aside">
      <h2 id="set-aside-title">{t('setAside.title')}</h2>
      <p className={layout.muted}>{t('setAside.intro')}</p>
      <OutcomeMessage outcome={outcome} />
      {query.error ? (
        <p className={cx(alerts.alert, alerts.alertError)} role="alert">
          {t('setAside.loadFailed')} {describeError(t, query.error.error)}
        </p>
      ) : null}
      {items.length > 0 ? (
        <>
          <p className={cx(layout.small, layout.muted)}>{t('setAside.count', { count: items.length })}</p>
          <ul className={cx(lists.plainList, styles.list)} data-testid="set-aside-list">
            {items.map((item) => (
              <SetAsideCard
                key={item.id}
                item={item}
                campaignId={campaignId}
                onDone={(result) =>
                  'ok' in result ? succeed(result.ok) : 'refused' in result ? fail(result.refused) : fail(result.error)
                }
              />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
