import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../shared/contract/result';
import type { SwotBoard } from '../../../shared/contract/swot';
import { SwotCsvExport } from '../export/SwotCsvExport';
import { Heatmap } from './Heatmap';
import { ScoreTables } from './ScoreTable';
import { AgreementPanel, ConflictsPanel, NotRetainedList, SuggestionsPanel } from './SidePanels';
import { cx } from '../components/cx';
import styles from './SidePanel.module.css';
import tabBar from '../components/tabs.module.css';

const SIDE_TABS = ['scores', 'heatmap', 'suggestions', 'agreement'] as const;
type SideTab = (typeof SIDE_TABS)[number];

/**
 * The board's live results beside it: conflicts on top, then one tab at a time (scores, heat map,
 * suggestions, agreement). It is never taller than the window and scrolls on its own, so the heat
 * map and suggestions are one click away on a laptop screen instead of thousands of pixels down.
 */
export function SidePanel({ board, onError }: { board: SwotBoard; onError: (error: ContractError | null) => void }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<SideTab>('scores');
  const panel = (name: SideTab) => ({
    className: styles.tabPanel,
    role: 'tabpanel',
    id: `side-panel-${name}`,
    'aria-labelledby': `side-tab-${name}`,
    hidden: tab !== name,
  });
  return (
    <aside className={styles.side} aria-label={t('swot.board.liveResults')} data-testid="side-panel">
      <ConflictsPanel board={board} onError={onError} />
      <div className={cx(tabBar.tabs, styles.sideTabs)} role="tablist" aria-label={t('swot.board.liveResults')}>
        {SIDE_TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`side-tab-${name}`}
            aria-controls={`side-panel-${name}`}
            aria-selected={tab === name}
            className={cx(tabBar.tab, tab === name && tabBar.active)}
            onClick={() => setTab(name)}
          >
            {t(`field.board.tabs.${name}`)}
          </button>
        ))}
      </div>
      <div {...panel('scores')}>
        <ScoreTables board={board} />
        <NotRetainedList board={board} />
        <SwotCsvExport board={board} />
      </div>
      <div {...panel('heatmap')}>{tab === 'heatmap' ? <Heatmap board={board} /> : null}</div>
      <div {...panel('suggestions')}>
        <SuggestionsPanel board={board} onError={onError} />
      </div>
      <div {...panel('agreement')}>
        <AgreementPanel board={board} />
      </div>
    </aside>
  );
}
