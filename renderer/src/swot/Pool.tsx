import { useDroppable } from '@dnd-kit/core';
import { useTranslation } from 'react-i18next';
import type { Quadrant } from '../../../shared/swot/quadrants';
import type { SwotItemView } from '../../../shared/contract/swot';
import { ItemChip } from './ItemChip';

/** The unclustered items of one quadrant; dropping an item here takes it out of its lemma. */
export function Pool({
  quadrant,
  items,
  notRetained,
  labelOf,
}: {
  quadrant: Quadrant;
  items: readonly SwotItemView[];
  notRetained: ReadonlySet<string>;
  labelOf: (conversationId: string) => string;
}) {
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: `pool:${quadrant}`, data: { quadrant } });
  return (
    <div ref={setNodeRef} className={`pool${isOver ? ' drop-over' : ''}`} data-testid={`pool-${quadrant}`}>
      <h4>{t('swot.board.unclustered', { count: items.length })}</h4>
      {items.length === 0 ? <p className="muted small">{t('swot.board.poolEmpty')}</p> : null}
      <ul className="item-list">
        {items.map((item) => (
          <ItemChip
            key={item.id}
            item={item}
            conversationLabel={labelOf(item.conversationId)}
            droppable
            notRetained={notRetained.has(item.id)}
          />
        ))}
      </ul>
    </div>
  );
}
