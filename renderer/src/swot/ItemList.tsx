import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { SwotItemView } from '../../../shared/contract/swot';
import { ItemChip, type ChipLabels } from './ItemChip';
import { cx } from '../components/cx';
import styles from './ItemList.module.css';

/** Lists longer than this are virtualised: only the rows in (or near) view are in the page. */
export const VIRTUALISE_ABOVE = 30;
const ESTIMATED_ROW_PX = 58;
const REVEAL_EVENT = 'veldwerk:board-reveal-item';

interface ItemListProps {
  readonly items: readonly SwotItemView[];
  readonly label: string;
  readonly labels: ChipLabels;
  readonly labelOf: (conversationId: string) => string;
  readonly droppable: boolean;
  readonly notRetained?: ReadonlySet<string>;
  readonly selected?: ReadonlySet<string>;
  readonly onToggleSelect?: (itemId: string) => void;
  readonly id?: string;
}

/** How long a focused item is followed through the board's re-renders after an action. */
const FOCUS_FOLLOW_MS = 3000;

/**
 * Puts the focus on an item's handle once the board shows it; in a virtualised list that does
 * not render it now, the list scrolls it into view first.
 */
export function focusItem(itemId: string): void {
  const selector = `[data-testid="item-${itemId}"] [data-item-handle]`;
  requestAnimationFrame(() => {
    let handle = document.querySelector<HTMLElement>(selector);
    if (handle) handle.focus();
    else window.dispatchEvent(new CustomEvent<string>(REVEAL_EVENT, { detail: itemId }));
    // The board may draw the item anew once the store's answer arrives (a drop that makes a lemma
    // remounts the item inside the new card), which drops the focus to the page. While nothing
    // else has the focus, keep it on the item's new handle.
    const observer = new MutationObserver(() => {
      const lost = document.activeElement === null || document.activeElement === document.body;
      if (!lost || (handle !== null && handle.isConnected)) return;
      handle = document.querySelector<HTMLElement>(selector);
      handle?.focus();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    window.setTimeout(() => observer.disconnect(), FOCUS_FOLLOW_MS);
  });
}

/**
 * Puts the focus on a lemma's name once the board shows it (after a split, merge or move, which
 * re-render or remount the card); without that lemma, on the heading of the quadrant.
 */
export function focusLemma(lemmaId: string | null, quadrant: string): void {
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      const name = lemmaId
        ? document.querySelector<HTMLElement>(`[data-lemma-id="${lemmaId}"] [data-lemma-name]`)
        : null;
      (name ?? document.getElementById(`quadrant-${quadrant}`))?.focus();
    }),
  );
}

/** The items of a lemma or a pool: a plain list when short, a virtualised one scrolling on its own when long. */
export function ItemList(props: ItemListProps) {
  return props.items.length > VIRTUALISE_ABOVE ? <VirtualItems {...props} /> : <PlainItems {...props} />;
}

function chipProps(props: ItemListProps, item: SwotItemView) {
  return {
    item,
    conversationLabel: props.labelOf(item.conversationId),
    labels: props.labels,
    droppable: props.droppable,
    notRetained: props.notRetained?.has(item.id) ?? false,
    ...(props.onToggleSelect
      ? { selectable: true, selected: props.selected?.has(item.id) ?? false, onToggleSelect: props.onToggleSelect }
      : {}),
  };
}

function PlainItems(props: ItemListProps) {
  return (
    <div className={styles.list} role="list" aria-label={props.label} id={props.id}>
      {props.items.map((item) => (
        <ItemChip key={item.id} {...chipProps(props, item)} />
      ))}
    </div>
  );
}

function VirtualItems(props: ItemListProps) {
  const { items } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualiser's functions change with its state; nothing here memoises them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    gap: 6,
    getItemKey: (index) => items[index]?.id ?? index,
    overscan: 6,
  });
  useEffect(() => {
    const reveal = (event: Event) => {
      const index = items.findIndex((item) => item.id === (event as CustomEvent<string>).detail);
      if (index < 0) return;
      virtualizer.scrollToIndex(index, { align: 'center' });
      requestAnimationFrame(() =>
        requestAnimationFrame(() =>
          scrollRef.current
            ?.querySelector<HTMLElement>(`[data-testid="item-${items[index]?.id ?? ''}"] [data-item-handle]`)
            ?.focus(),
        ),
      );
    };
    window.addEventListener(REVEAL_EVENT, reveal);
    return () => window.removeEventListener(REVEAL_EVENT, reveal);
  }, [items, virtualizer]);
  return (
    <div ref={scrollRef} className={styles.scroll} id={props.id}>
      <div
        className={cx(styles.list, styles.virtual)}
        role="list"
        aria-label={props.label}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((row) => {
          const item = items[row.index];
          return item ? (
            <ItemChip
              key={item.id}
              {...chipProps(props, item)}
              row={{
                index: row.index,
                measure: virtualizer.measureElement,
                style: {
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  width: '100%',
                  transform: `translateY(${row.start}px)`,
                },
              }}
            />
          ) : null;
        })}
      </div>
    </div>
  );
}
