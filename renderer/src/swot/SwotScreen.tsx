import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SwotConversationView } from '../../../shared/contract/swot';
import { useContractQuery } from '../data/queries';
import { onUndone } from '../input/undo';
import { describeError } from '../errors';
import { ClusterBoard } from './ClusterBoard';
import { SwotCapture } from './SwotCapture';
import { useSwotBoard } from './store';
import { TeamSwot } from './TeamSwot';
import { cx } from '../components/cx';
import alerts from '../components/alert.module.css';
import layout from '../components/layout.module.css';
import styles from './SwotScreen.module.css';
import tabBar from '../components/tabs.module.css';

type Tab = 'capture' | 'board' | 'team';

const scopeKey = (scope: { sectorId: string; groupId: string }) => `${scope.sectorId}|${scope.groupId}`;

/** The SWOT analysis of a campaign: pick a sector and respondent group, cluster, read the scores. */
export function SwotScreen({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const id = useId();
  // Scopes and their counts refresh by themselves when conversations or items change (change events).
  const scopesQuery = useContractQuery('swot.scopes', { campaignId });
  const scopes = scopesQuery.data ?? null;
  const error = scopesQuery.error ? describeError(t, scopesQuery.error.error) : null;
  const [selected, setSelected] = useState<string>(() => sessionStorage.getItem(`veldwerk.swot.${campaignId}`) ?? '');
  const [tab, setTab] = useState<Tab>('board');
  const { board, loading, load, reload, error: boardError } = useSwotBoard();

  const current =
    scopes?.find((scope) => scopeKey(scope) === selected) ??
    scopes?.find((scope) => scope.conversationCount > 0) ??
    scopes?.[0];

  useEffect(() => {
    if (current) void load({ campaignId, sectorId: current.sectorId, groupId: current.groupId });
  }, [campaignId, current?.sectorId, current?.groupId, load]); // eslint-disable-line react-hooks/exhaustive-deps

  // An undo (toast or Ctrl+Z) changed the records: show the board as stored now.
  useEffect(() => onUndone(() => void reload()), [reload]);

  if (error) return <p className={cx(alerts.alert, alerts.alertError)}>{error}</p>;
  if (!scopes) return <p className={layout.muted}>{t('swot.common.loading')}</p>;
  if (scopes.length === 0) {
    return (
      <div className={layout.emptyState}>
        <h3>{t('swot.empty.title')}</h3>
        <p>{t('swot.empty.body')}</p>
      </div>
    );
  }

  return (
    <div>
      <div className={styles.toolbar}>
        <label htmlFor={`${id}-scope`}>{t('swot.scope.label')}</label>
        <select
          id={`${id}-scope`}
          value={current ? scopeKey(current) : ''}
          onChange={(event) => {
            setSelected(event.target.value);
            sessionStorage.setItem(`veldwerk.swot.${campaignId}`, event.target.value);
          }}
        >
          {scopes.map((scope) => (
            <option key={scopeKey(scope)} value={scopeKey(scope)}>
              {t('swot.scope.option', {
                sector: scope.sectorName,
                group: scope.groupName,
                conversations: t('field.counts.conversations', { count: scope.conversationCount }),
                items: t('field.counts.items', { count: scope.itemCount }),
              })}
            </option>
          ))}
        </select>
        <div className={tabBar.tabs} role="tablist" aria-label={t('swot.title')}>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'capture'}
            className={cx(tabBar.tab, tab === 'capture' && tabBar.active)}
            onClick={() => setTab('capture')}
          >
            {t('swot.tabs.capture')}
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'board'}
            className={cx(tabBar.tab, tab === 'board' && tabBar.active)}
            onClick={() => {
              setTab('board');
              void reload();
            }}
          >
            {t('swot.tabs.board')}
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'team'}
            className={cx(tabBar.tab, tab === 'team' && tabBar.active)}
            onClick={() => setTab('team')}
          >
            {t('swot.tabs.team')}
          </button>
        </div>
      </div>
      {tab === 'team' && current ? <TeamSwot campaignId={campaignId} sectorId={current.sectorId} /> : null}
      {tab === 'capture' && board ? <CaptureTab conversations={board.conversations} /> : null}
      {tab === 'board' ? (
        <>
          {boardError ? <p className={cx(alerts.alert, alerts.alertError)}>{describeError(t, boardError)}</p> : null}
          {board ? (
            <>
              <p className={layout.muted} aria-live="polite">
                {t('swot.board.summary', {
                  conversations: t('field.counts.conversations', { count: board.conversations.length }),
                  items: t('field.counts.items', { count: board.items.length }),
                  lemmas: t('field.counts.lemmas', { count: board.lemmas.length }),
                })}
                {loading ? ` ${t('swot.common.loading')}` : ''}
              </p>
              <ClusterBoard board={board} />
            </>
          ) : (
            <p className={layout.muted}>{t('swot.common.loading')}</p>
          )}
        </>
      ) : null}
    </div>
  );
}

/** Capture per conversation of the scope: pick the conversation, type its SWOT. */
function CaptureTab({ conversations }: { conversations: readonly SwotConversationView[] }) {
  const { t } = useTranslation();
  const id = useId();
  const [chosen, setChosen] = useState('');
  const conversationId = conversations.some((conversation) => conversation.id === chosen)
    ? chosen
    : (conversations[0]?.id ?? '');
  if (conversations.length === 0) return <p className={layout.muted}>{t('swot.capture.noConversations')}</p>;
  return (
    <div>
      <div className={styles.toolbar}>
        <label htmlFor={`${id}-conversation`}>{t('swot.capture.conversation')}</label>
        <select id={`${id}-conversation`} value={conversationId} onChange={(event) => setChosen(event.target.value)}>
          {conversations.map((conversation) => (
            <option key={conversation.id} value={conversation.id}>
              {conversation.label}
            </option>
          ))}
        </select>
      </div>
      <SwotCapture key={conversationId} conversationId={conversationId} />
    </div>
  );
}
