import { KeyboardCode, type DroppableContainer, type KeyboardCoordinateGetter } from '@dnd-kit/core';

const DIRECTIONS: readonly string[] = [KeyboardCode.Down, KeyboardCode.Up, KeyboardCode.Left, KeyboardCode.Right];

/**
 * Keyboard dragging on the board: each arrow key jumps to the nearest drop target in that
 * direction (a lemma, another item, a quadrant's pool). Hand-written because dnd-kit's
 * sortableKeyboardCoordinates only works when draggables and droppables share ids (sortable
 * lists), while here an item is a draggable and, separately, a drop target for making a lemma.
 */
export const boardKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  if (!DIRECTIONS.includes(event.code)) return undefined;
  event.preventDefault();
  const { collisionRect, droppableRects, droppableContainers, over } = context;
  if (!collisionRect) return undefined;
  const from = { x: collisionRect.left + collisionRect.width / 2, y: collisionRect.top + collisionRect.height / 2 };
  let best: { container: DroppableContainer; distance: number } | null = null;
  for (const container of droppableContainers.getEnabled()) {
    if (container.id === over?.id) continue;
    const rect = droppableRects.get(container.id);
    if (!rect) continue;
    const inDirection =
      event.code === KeyboardCode.Down
        ? rect.top > collisionRect.top
        : event.code === KeyboardCode.Up
          ? rect.top < collisionRect.top
          : event.code === KeyboardCode.Left
            ? rect.left < collisionRect.left
            : rect.left > collisionRect.left;
    if (!inDirection) continue;
    const to = { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    const distance = Math.hypot(to.x - from.x, to.y - from.y);
    if (!best || distance < best.distance) best = { container, distance };
  }
  if (!best) return undefined;
  const target = droppableRects.get(best.container.id);
  // Centre the dragged item on the target, so that the target is the one it overlaps most.
  return target
    ? {
        x: target.left + target.width / 2 - collisionRect.width / 2,
        y: target.top + target.height / 2 - collisionRect.height / 2,
      }
    : undefined;
};
