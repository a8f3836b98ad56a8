import { useDraggable, useDroppable } from '@dnd-kit/core';
import { useTranslation } from 'react-i18next';
import type { SwotItemView } from '../../../shared/contract/swot';

interface ItemChipProps {
  readonly item: SwotItemView;
  readonly conversationLabel: string;
  /** Unclustered items are drop targets too: dropping one item on another makes a lemma of both. */
  readonly droppable: boolean;
  readonly selectable?: boolean;
  readonly selected?: boolean;
  readonly onToggleSelect?: (itemId: string) => void;
  readonly notRetained?: boolean;
}

export function ItemChip({
  item,
  conversationLabel,
  droppable,
  selectable,
  selected,
  onToggleSelect,
  notRetained,
}: ItemChipProps) {
  const { t } = useTranslation();
  const drag = useDraggable({ id: `item:${item.id}`, data: { itemId: item.id } });
  // An item is no drop target for itself while it is being dragged.
  const drop = useDroppable({
    id: `itemdrop:${item.id}`,
    disabled: !droppable || drag.isDragging,
    data: { itemId: item.id },
  });
  const setRef = (node: HTMLElement | null) => {
    drag.setNodeRef(node);
    drop.setNodeRef(node);
  };
  return (
    <li
      ref={setRef}
      className={`item-chip${drag.isDragging ? ' dragging' : ''}${drop.isOver ? ' drop-over' : ''}${notRetained ? ' not-retained' : ''}`}
      data-testid={`item-${item.id}`}
      data-item-text={item.text}
    >
      {selectable ? (
        <input
          type="checkbox"
          checked={selected ?? false}
          onChange={() => onToggleSelect?.(item.id)}
          aria-label={t('swot.board.selectItem', { text: item.text })}
        />
      ) : null}
      <button
        type="button"
        className="item-handle"
        {...drag.listeners}
        {...drag.attributes}
        aria-roledescription={t('swot.board.draggableItem')}
        aria-label={t('swot.board.dragItem', { text: item.text })}
      >
        <span className="item-text">{item.text}</span>
        <span className="item-meta">
          {conversationLabel} · {item.authorName}
        </span>
      </button>
    </li>
  );
}
