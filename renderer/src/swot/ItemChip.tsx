import { useDraggable, useDroppable } from '@dnd-kit/core';
import { memo, useMemo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { SwotItemView } from '../../../shared/contract/swot';
import { cx } from '../components/cx';
import swot from './swot.module.css';
import styles from './ItemChip.module.css';

/** The chip's words, resolved once per board render instead of once per chip (300 on a real scope). */
export interface ChipLabels {
  readonly roleDescription: string;
  readonly drag: (text: string) => string;
  readonly select: (text: string) => string;
}

export function useChipLabels(): ChipLabels {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      roleDescription: t('swot.board.draggableItem'),
      drag: (text: string) => t('swot.board.dragItem', { text }),
      select: (text: string) => t('swot.board.selectItem', { text }),
    }),
    [t],
  );
}

interface ItemChipProps {
  readonly item: SwotItemView;
  readonly conversationLabel: string;
  readonly labels: ChipLabels;
  /** Unclustered items are drop targets too: dropping one item on another makes a lemma of both. */
  readonly droppable: boolean;
  readonly selectable?: boolean;
  readonly selected?: boolean;
  readonly onToggleSelect?: (itemId: string) => void;
  readonly notRetained?: boolean;
  /** Inside a virtualised list: where the row sits and how the list measures it. */
  readonly row?: {
    readonly index: number;
    readonly style: CSSProperties;
    readonly measure: (node: Element | null) => void;
  };
}

/**
 * One item on the board. Memoised: a board of 300 items renders again on every read, and only
 * the chips whose item (kept by identity by the data layer when unchanged) or state changed redo
 * their work.
 */
export const ItemChip = memo(function ItemChip({
  item,
  conversationLabel,
  labels,
  droppable,
  selectable,
  selected,
  onToggleSelect,
  notRetained,
  row,
}: ItemChipProps) {
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
    row?.measure(node);
  };
  return (
    <div
      ref={setRef}
      role="listitem"
      className={cx(
        styles.chip,
        drag.isDragging && styles.dragging,
        drop.isOver && styles.dropOver,
        notRetained && styles.notRetained,
      )}
      data-testid={`item-${item.id}`}
      data-item-text={item.text}
      data-index={row?.index}
      style={row?.style}
    >
      {selectable ? (
        <input
          type="checkbox"
          checked={selected ?? false}
          onChange={() => onToggleSelect?.(item.id)}
          aria-label={labels.select(item.text)}
        />
      ) : null}
      <button
        type="button"
        className={styles.handle}
        data-item-handle
        {...drag.listeners}
        {...drag.attributes}
        aria-roledescription={labels.roleDescription}
        aria-label={labels.drag(item.text)}
      >
        <span className={styles.text}>{item.text}</span>
        <span className={swot.meta}>
          {conversationLabel} · {item.authorName}
        </span>
      </button>
    </div>
  );
});
