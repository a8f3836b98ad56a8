import { useDroppable } from '@dnd-kit/core';
import { useTranslation } from 'react-i18next';
import { QUADRANTS, type Quadrant } from '../../../shared/swot/quadrants';
import type { SwotItemView } from '../../../shared/contract/swot';
import type { BoardView } from './board-view';
import type { ChipLabels } from './ItemChip';
import { ItemList } from './ItemList';
import { quadrantLabel } from './quadrant-labels';
import { cx } from '../components/cx';
import layout from '../components/layout.module.css';
import swot from './swot.module.css';
import styles from './UnclusteredColumn.module.css';

interface PoolProps {
  readonly notRetained: ReadonlySet<string>;
  readonly labelOf: (conversationId: string) => string;
  readonly labels: ChipLabels;
}

/**
 * The unclustered items as a column of their own, one pool per quadrant; it scrolls on its own
 * beside the lemmas, so items and their targets are on screen together.
 */
export function UnclusteredColumn({ view, ...props }: PoolProps & { readonly view: BoardView }) {
  const { t } = useTranslation();
  return (
    <section className={styles.pools} aria-labelledby="swot-pools-title" data-testid="unclustered-column">
      <h3 id="swot-pools-title">{t('swotBoard.unclustered')}</h3>
      <p className={cx(layout.muted, layout.small)}>{t('swotBoard.unclusteredHelp')}</p>
      {QUADRANTS.map((quadrant) => (
        <Pool
          key={quadrant}
          quadrant={quadrant}
          items={view.pool[quadrant]}
          total={view.poolTotal[quadrant]}
          filtering={view.filtering}
          {...props}
        />
      ))}
    </section>
  );
}

/** The unclustered items of one quadrant; dropping an item here takes it out of its lemma. */
function Pool({
  quadrant,
  items,
  total,
  filtering,
  notRetained,
  labelOf,
  labels,
}: PoolProps & {
  readonly quadrant: Quadrant;
  readonly items: readonly SwotItemView[];
  readonly total: number;
  readonly filtering: boolean;
}) {
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: `pool:${quadrant}`, data: { quadrant } });
  const heading = `pool-${quadrant}-title`;
  return (
    <div
      ref={setNodeRef}
      className={cx(styles.pool, swot[quadrant], isOver && styles.dropOver)}
      data-testid={`pool-${quadrant}`}
      aria-labelledby={heading}
      role="group"
    >
      <h4 id={heading}>
        <span className={cx(swot.dot, swot[quadrant])} aria-hidden="true" />
        {quadrantLabel(t, quadrant)}{' '}
        <span className={layout.muted}>
          {filtering
            ? t('swotBoard.filteredCount', { shown: items.length, count: total })
            : t('field.counts.items', { count: total })}
        </span>
      </h4>
      {items.length === 0 ? (
        <p className={cx(layout.muted, layout.small)}>
          {filtering && total > 0 ? t('swotBoard.noMatch') : t('swot.board.poolEmpty')}
        </p>
      ) : (
        <ItemList
          items={items}
          label={t('swot.board.unclustered', { count: total })}
          labels={labels}
          labelOf={labelOf}
          droppable
          notRetained={notRetained}
        />
      )}
    </div>
  );
}
