import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QUADRANTS, type Quadrant } from '../../../shared/swot/quadrants';
import type { ContractError } from '../../../shared/contract/result';
import type { SwotBoard } from '../../../shared/contract/swot';
import { explainError } from '../errors';
import { boardView, withItemPlaced } from './board-view';
import { BoardToolbar } from './BoardToolbar';
import { useChipLabels } from './ItemChip';
import { focusItem } from './ItemList';
import { boardCollisions, boardKeyboardCoordinates } from './keyboard-coordinates';
import { FOLD_ABOVE, LemmaCard } from './LemmaCard';
import { quadrantLabel } from './quadrant-labels';
import { SidePanel } from './SidePanel';
import { useBoardUi, useSwotBoard } from './store';
import { UnclusteredColumn } from './UnclusteredColumn';
import confirm from '../input/confirm.module.css';

const LEMMA_NAME_FROM_TEXT = 120;

/**
 * The clustering board of one scope (a sector's respondent group over all its conversations),
 * laid out for a real scope (300 items, 30 lemmas) on a laptop: the unclustered items in a column
 * of their own, the lemmas per quadrant as cards that fold to one line with their count, the live
 * results in a side panel with tabs; the two side columns scroll on their own. A filter by words
 * and by conversation narrows all three. Items are dragged (pointer or keyboard: Space to lift,
 * arrows to move, Space to drop) onto a lemma, onto another unclustered item (which makes a lemma
 * of both), or back to a pool; the item moves at once and the store's answer confirms it.
 */
export function ClusterBoard({ board }: { board: SwotBoard }) {
  const { t } = useTranslation();
  const edit = useSwotBoard((state) => state.edit);
  const reload = useSwotBoard((state) => state.reload);
  const filter = useBoardUi((ui) => ui.filter);
  const setFilter = useBoardUi((ui) => ui.setFilter);
  const expandedByUser = useBoardUi((ui) => ui.expanded);
  const setExpanded = useBoardUi((ui) => ui.setExpanded);
  const view = useMemo(() => boardView(board, filter), [board, filter]);
  const labels = useChipLabels();
  const [error, setError] = useState<ContractError | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  // A folded card opens by itself while the filter shows some of its items.
  const isExpanded = (lemmaId: string, shown: number) =>
    expandedByUser.get(lemmaId) ?? (view.filtering ? shown > 0 : shown <= FOLD_ABOVE);
  const onExpand = useCallback((lemmaId: string, open: boolean) => setExpanded([lemmaId], open), [setExpanded]);
  const [crossing, setCrossing] = useState<{
    readonly itemId: string;
    readonly target: string;
    readonly quadrant: Quadrant;
  } | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (crossing) confirmRef.current?.focus();
  }, [crossing]);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: boardKeyboardCoordinates }),
  );
  const items = useMemo(() => new Map(board.items.map((item) => [item.id, item])), [board.items]);
  const lemmas = useMemo(() => new Map(board.lemmas.map((lemma) => [lemma.id, lemma])), [board.lemmas]);
  const labelOf = useMemo(() => {
    const names = new Map(board.conversations.map((conversation) => [conversation.id, conversation.label]));
    return (conversationId: string) => names.get(conversationId) ?? '';
  }, [board.conversations]);
  const notRetained = useMemo(() => new Set(board.notRetainedItemIds), [board.notRetainedItemIds]);

  const describeTarget = (id: string | number | undefined): string => {
    const key = String(id ?? '');
    if (key.startsWith('lemma:')) return t('swot.dnd.targetLemma', { name: lemmas.get(key.slice(6))?.name ?? '' });
    if (key.startsWith('pool:'))
      return t('swot.dnd.targetPool', { quadrant: quadrantLabel(t, key.slice(5) as Quadrant) });
    if (key.startsWith('itemdrop:')) return t('swot.dnd.targetItem', { text: items.get(key.slice(9))?.text ?? '' });
    return '';
  };
  const textOf = (id: string | number) => items.get(String(id).replace(/^item:/, ''))?.text ?? '';
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('swot.dnd.start', { text: textOf(active.id) }),
    onDragOver: ({ active, over }) =>
      over
        ? t('swot.dnd.over', { text: textOf(active.id), target: describeTarget(over.id) })
        : t('swot.dnd.nowhere', { text: textOf(active.id) }),
    onDragEnd: ({ active, over }) =>
      over
        ? t('swot.dnd.dropped', { text: textOf(active.id), target: describeTarget(over.id) })
        : t('swot.dnd.cancelled', { text: textOf(active.id) }),
    onDragCancel: ({ active }) => t('swot.dnd.cancelled', { text: textOf(active.id) }),
  };

  function onDragStart(event: DragStartEvent) {
    setDragging(String(event.active.id).replace(/^item:/, ''));
  }

  /** The quadrant a drop target belongs to. */
  const quadrantOf = (target: string): Quadrant | null => {
    if (target.startsWith('lemma:')) return lemmas.get(target.slice(6))?.quadrant ?? null;
    if (target.startsWith('pool:')) return target.slice(5) as Quadrant;
    if (target.startsWith('itemdrop:')) return items.get(target.slice(9))?.quadrant ?? null;
    return null;
  };

  async function onDragEnd(event: DragEndEvent) {
    setDragging(null);
    const itemId = String(event.active.id).replace(/^item:/, '');
    const item = items.get(itemId);
    const target = event.over ? String(event.over.id) : null;
    if (!item || !target) return;
    const keyboard = event.activatorEvent instanceof KeyboardEvent;
    const across = quadrantOf(target);
    // An arrow key too many must not turn a strength into a weakness: a keyboard drop into
    // another quadrant asks first.
    if (keyboard && across && across !== item.quadrant) {
      setCrossing({ itemId, target, quadrant: across });
      return;
    }
    await drop(itemId, target, keyboard);
  }

  async function drop(itemId: string, target: string, keyboard: boolean) {
    const item = items.get(itemId);
    if (!item) return;
    const subject = { action: 'assign', subject: item.text } as const;
    let failure: ContractError | null = null;
    if (target.startsWith('lemma:')) {
      const lemma = lemmas.get(target.slice(6));
      if (lemma && item.lemmaId !== lemma.id) {
        // The card opens, so the item (and the focus after a keyboard drop) shows where it went.
        if (keyboard) setExpanded([lemma.id], true);
        failure = await edit('swot.items.assign', { itemIds: [itemId], lemmaId: lemma.id }, subject, (shown) =>
          withItemPlaced(shown, itemId, { lemmaId: lemma.id, quadrant: lemma.quadrant }),
        );
      }
    } else if (target.startsWith('pool:')) {
      const quadrant = target.slice(5) as Quadrant;
      const place = (shown: SwotBoard) => withItemPlaced(shown, itemId, { lemmaId: null, quadrant });
      if (item.lemmaId !== null)
        failure = await edit('swot.items.assign', { itemIds: [itemId], lemmaId: null }, subject, place);
      if (!failure && item.quadrant !== quadrant)
        failure = await edit(
          'swot.items.update',
          { itemId, quadrant },
          { action: 'moveItem', subject: item.text },
          place,
        );
    } else if (target.startsWith('itemdrop:')) {
      const other = items.get(target.slice(9));
      if (other && other.id !== itemId) {
        const name = other.text.slice(0, LEMMA_NAME_FROM_TEXT);
        failure = await edit(
          'swot.lemmas.create',
          {
            campaignId: board.scope.campaignId,
            sectorId: board.scope.sectorId,
            groupId: board.scope.groupId,
            quadrant: other.quadrant,
            name,
            itemIds: [other.id, itemId],
          },
          { action: 'createLemma', subject: name },
        );
      }
    }
    setError(failure);
    // After a keyboard drop the focus stays on the item that was moved, wherever it is now.
    if (keyboard) focusItem(itemId);
  }

  const quadrantLemmas = (quadrant: Quadrant) => board.lemmas.filter((lemma) => lemma.quadrant === quadrant);
  const shownLemmaIds = QUADRANTS.flatMap((quadrant) => view.lemmas[quadrant].map((one) => one.lemma.id));

  return (
    <div className="swot-board-frame">
      <BoardToolbar
        filter={filter}
        onFilter={setFilter}
        conversations={board.conversations}
        onFoldAll={(open) => setExpanded(shownLemmaIds, open)}
      />
      {error ? (
        <p className="alert alert-error" role="alert">
          {explainError(t, error)}
        </p>
      ) : null}
      <div className="swot-board-layout">
        <DndContext
          sensors={sensors}
          collisionDetection={boardCollisions}
          onDragStart={onDragStart}
          onDragCancel={() => setDragging(null)}
          onDragEnd={(event) => void onDragEnd(event)}
          accessibility={{ announcements, screenReaderInstructions: { draggable: t('swot.dnd.instructions') } }}
        >
          <UnclusteredColumn view={view} notRetained={notRetained} labelOf={labelOf} labels={labels} />
          <div className="swot-board" data-testid="cluster-board">
            {crossing ? (
              <div
                className={`alert alert-info ${confirm.inlineConfirm}`}
                role="alertdialog"
                aria-labelledby="crossing-question"
                data-testid="confirm-crossing"
              >
                <span id="crossing-question">
                  {t('field.confirm.moveItemAcross', {
                    text: items.get(crossing.itemId)?.text ?? '',
                    quadrant: quadrantLabel(t, crossing.quadrant),
                  })}
                </span>
                <button
                  ref={confirmRef}
                  type="button"
                  className="button button-small"
                  onClick={() => {
                    setCrossing(null);
                    void drop(crossing.itemId, crossing.target, true);
                  }}
                >
                  {t('field.confirm.yesMove')}
                </button>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => {
                    setCrossing(null);
                    focusItem(crossing.itemId);
                  }}
                >
                  {t('swot.common.cancel')}
                </button>
              </div>
            ) : null}
            {QUADRANTS.map((quadrant) => {
              const all = quadrantLemmas(quadrant);
              const scoredRows = new Map(
                board.scored[quadrant].filter((row) => row.lemmaId).map((row) => [row.lemmaId as string, row]),
              );
              const sorted = [...view.lemmas[quadrant]].sort(
                (a, b) => (scoredRows.get(a.lemma.id)?.rank ?? 1e9) - (scoredRows.get(b.lemma.id)?.rank ?? 1e9),
              );
              return (
                <section
                  key={quadrant}
                  className={`quadrant-section q-${quadrant}`}
                  aria-labelledby={`quadrant-${quadrant}`}
                  data-testid={`quadrant-${quadrant}`}
                >
                  <h3 id={`quadrant-${quadrant}`} tabIndex={-1}>
                    <span className={`quadrant-dot q-${quadrant}`} aria-hidden="true" />
                    {quadrantLabel(t, quadrant)}{' '}
                    <span className="muted small">{t('field.counts.lemmas', { count: all.length })}</span>
                  </h3>
                  <div className="lemma-grid">
                    {sorted.map((one) => (
                      <LemmaCard
                        key={one.lemma.id}
                        view={one}
                        scored={scoredRows.get(one.lemma.id)}
                        conversationCount={board.conversations.length}
                        quadrantLemmas={all}
                        labelOf={labelOf}
                        labels={labels}
                        expanded={isExpanded(one.lemma.id, one.items.length)}
                        onExpand={onExpand}
                        filtering={view.filtering}
                        edit={edit}
                        reload={reload}
                        onError={setError}
                      />
                    ))}
                    {sorted.length === 0 ? (
                      <p className="muted small">
                        {view.filtering && all.length > 0 ? t('swotBoard.noLemmaMatch') : t('swot.board.noLemmas')}
                      </p>
                    ) : null}
                  </div>
                </section>
              );
            })}
          </div>
          {/* What follows the pointer while dragging; the item itself stays in place, dimmed. */}
          <DragOverlay dropAnimation={null}>
            {dragging && items.get(dragging) ? <div className="drag-overlay">{items.get(dragging)?.text}</div> : null}
          </DragOverlay>
        </DndContext>
        <SidePanel board={board} onError={setError} />
      </div>
    </div>
  );
}
