import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QUADRANTS, type Quadrant } from '../../../shared/swot/quadrants';
import type { ContractError } from '../../../shared/contract/result';
import type { SwotBoard } from '../../../shared/contract/swot';
import { explainError } from '../errors';
import { SwotCsvExport } from '../export/SwotCsvExport';
import { Heatmap } from './Heatmap';
import { boardKeyboardCoordinates } from './keyboard-coordinates';
import { LemmaCard } from './LemmaCard';
import { Pool } from './Pool';
import { quadrantLabel } from './quadrant-labels';
import { ScoreTables } from './ScoreTable';
import { AgreementPanel, ConflictsPanel, NotRetainedList, SuggestionsPanel } from './SidePanels';
import { useSwotBoard } from './store';

const LEMMA_NAME_FROM_TEXT = 120;
const SIDE_TABS = ['scores', 'heatmap', 'suggestions', 'agreement'] as const;

/** Puts the focus on an item's handle once the board shows it (after the reload of an edit). */
function focusItem(itemId: string): void {
  requestAnimationFrame(() =>
    document.querySelector<HTMLElement>(`[data-testid="item-${itemId}"] .item-handle`)?.focus(),
  );
}

/** The target under the pointer; for keyboard dragging (no pointer) the most overlapped target. */
const collisionDetection: CollisionDetection = (args) => {
  const underPointer = pointerWithin(args);
  return underPointer.length > 0 ? underPointer : rectIntersection(args);
};

/**
 * The clustering board of one scope (a sector's respondent group over all its conversations).
 * Items are dragged (pointer or keyboard: Space to lift, arrows to move, Space to drop) onto a
 * lemma, onto another unclustered item (which makes a lemma of both), or back to the pool.
 */
export function ClusterBoard({ board }: { board: SwotBoard }) {
  const { t } = useTranslation();
  const edit = useSwotBoard((state) => state.edit);
  const [error, setError] = useState<ContractError | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [sideTab, setSideTab] = useState<(typeof SIDE_TABS)[number]>('scores');
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
  const items = new Map(board.items.map((item) => [item.id, item]));
  const lemmas = new Map(board.lemmas.map((lemma) => [lemma.id, lemma]));
  const labels = new Map(board.conversations.map((conversation) => [conversation.id, conversation.label]));
  const labelOf = (conversationId: string) => labels.get(conversationId) ?? '';
  const notRetained = new Set(board.notRetainedItemIds);

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
      const lemmaId = target.slice(6);
      if (item.lemmaId !== lemmaId) failure = await edit('swot.items.assign', { itemIds: [itemId], lemmaId }, subject);
    } else if (target.startsWith('pool:')) {
      const quadrant = target.slice(5) as Quadrant;
      if (item.lemmaId !== null)
        failure = await edit('swot.items.assign', { itemIds: [itemId], lemmaId: null }, subject);
      if (!failure && item.quadrant !== quadrant)
        failure = await edit('swot.items.update', { itemId, quadrant }, { action: 'moveItem', subject: item.text });
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

  return (
    <div className="swot-board-layout">
      <DndContext
        sensors={sensors}
        collisionDetection={collisionDetection}
        onDragStart={onDragStart}
        onDragCancel={() => setDragging(null)}
        onDragEnd={(event) => void onDragEnd(event)}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t('swot.dnd.instructions') } }}
      >
        <div className="swot-board" data-testid="cluster-board">
          {error ? (
            <p className="alert alert-error" role="alert">
              {explainError(t, error)}
            </p>
          ) : null}
          {crossing ? (
            <div
              className="alert alert-info inline-confirm"
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
            const quadrantLemmas = board.lemmas.filter((lemma) => lemma.quadrant === quadrant);
            const scoredRows = new Map(
              board.scored[quadrant].filter((row) => row.lemmaId).map((row) => [row.lemmaId as string, row]),
            );
            const sortedLemmas = [...quadrantLemmas].sort(
              (a, b) => (scoredRows.get(a.id)?.rank ?? 1e9) - (scoredRows.get(b.id)?.rank ?? 1e9),
            );
            return (
              <section
                key={quadrant}
                className={`quadrant-section q-${quadrant}`}
                aria-labelledby={`quadrant-${quadrant}`}
                data-testid={`quadrant-${quadrant}`}
              >
                <h3 id={`quadrant-${quadrant}`}>
                  <span className={`quadrant-dot q-${quadrant}`} aria-hidden="true" />
                  {quadrantLabel(t, quadrant)}
                </h3>
                <div className="lemma-grid">
                  {sortedLemmas.map((lemma) => (
                    <LemmaCard
                      key={lemma.id}
                      lemma={lemma}
                      items={board.items.filter((item) => item.lemmaId === lemma.id)}
                      scored={scoredRows.get(lemma.id)}
                      conversationCount={board.conversations.length}
                      otherLemmas={quadrantLemmas.filter((other) => other.id !== lemma.id)}
                      labelOf={labelOf}
                      onError={setError}
                    />
                  ))}
                  {sortedLemmas.length === 0 ? <p className="muted small">{t('swot.board.noLemmas')}</p> : null}
                </div>
                <Pool
                  quadrant={quadrant}
                  items={board.items.filter((item) => item.quadrant === quadrant && item.lemmaId === null)}
                  notRetained={notRetained}
                  labelOf={labelOf}
                />
              </section>
            );
          })}
        </div>
        {/* What follows the pointer while dragging; the item itself stays in place, dimmed. */}
        <DragOverlay dropAnimation={null}>
          {dragging && items.get(dragging) ? <div className="drag-overlay">{items.get(dragging)?.text}</div> : null}
        </DragOverlay>
      </DndContext>
      {/* The side panel scrolls on its own, one tab at a time, so the heat map and suggestions
          are one click away on a laptop screen instead of thousands of pixels down. */}
      <aside className="swot-side" aria-label={t('swot.board.liveResults')}>
        <ConflictsPanel board={board} onError={setError} />
        <div className="tabs side-tabs" role="tablist" aria-label={t('swot.board.liveResults')}>
          {SIDE_TABS.map((tab) => (
            <button
              key={tab}
              type="button"
              role="tab"
              id={`side-tab-${tab}`}
              aria-controls={`side-panel-${tab}`}
              aria-selected={sideTab === tab}
              className={sideTab === tab ? 'tab active' : 'tab'}
              onClick={() => setSideTab(tab)}
            >
              {t(`field.board.tabs.${tab}`)}
            </button>
          ))}
        </div>
        <div
          className="side-panel"
          role="tabpanel"
          id="side-panel-scores"
          aria-labelledby="side-tab-scores"
          hidden={sideTab !== 'scores'}
        >
          <ScoreTables board={board} />
          <NotRetainedList board={board} />
          <SwotCsvExport board={board} />
        </div>
        <div
          className="side-panel"
          role="tabpanel"
          id="side-panel-heatmap"
          aria-labelledby="side-tab-heatmap"
          hidden={sideTab !== 'heatmap'}
        >
          <Heatmap board={board} />
        </div>
        <div
          className="side-panel"
          role="tabpanel"
          id="side-panel-suggestions"
          aria-labelledby="side-tab-suggestions"
          hidden={sideTab !== 'suggestions'}
        >
          <SuggestionsPanel board={board} onError={setError} />
        </div>
        <div
          className="side-panel"
          role="tabpanel"
          id="side-panel-agreement"
          aria-labelledby="side-tab-agreement"
          hidden={sideTab !== 'agreement'}
        >
          <AgreementPanel board={board} />
        </div>
      </aside>
    </div>
  );
}
