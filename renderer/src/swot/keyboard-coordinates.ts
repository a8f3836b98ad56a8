import {
  KeyboardCode,
  rectIntersection,
  type ClientRect,
  type CollisionDetection,
  type DroppableContainer,
  type KeyboardCoordinateGetter,
} from '@dnd-kit/core';

const DIRECTIONS: readonly string[] = [KeyboardCode.Down, KeyboardCode.Up, KeyboardCode.Left, KeyboardCode.Right];

interface Point {
  readonly x: number;
  readonly y: number;
}

const contains = (rect: ClientRect, point: Point) =>
  point.x >= rect.left && point.x <= rect.left + rect.width && point.y >= rect.top && point.y <= rect.top + rect.height;

/**
 * The point a keyboard move aims at: the centre of a lemma or an item; for a pool (which holds
 * items that are targets themselves) its heading, so aiming at the pool never lands on one of them.
 */
function aimOf(id: string | number, rect: ClientRect): Point {
  return String(id).startsWith('pool:')
    ? { x: rect.left + rect.width / 2, y: rect.top + Math.min(12, rect.height / 2) }
    : { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
}

/**
 * Keyboard dragging on the board: each arrow key jumps to the nearest drop target in that
 * direction (a lemma, another item, a quadrant's pool), never to one the item is inside of.
 * Hand-written because dnd-kit's sortableKeyboardCoordinates only works when draggables and
 * droppables share ids (sortable lists), while here an item is a draggable and, separately, a
 * drop target for making a lemma.
 */
export const boardKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  if (!DIRECTIONS.includes(event.code)) return undefined;
  event.preventDefault();
  const { collisionRect, droppableRects, droppableContainers, over } = context;
  if (!collisionRect) return undefined;
  const from = { x: collisionRect.left + collisionRect.width / 2, y: collisionRect.top + collisionRect.height / 2 };
  let best: { container: DroppableContainer; to: Point; distance: number } | null = null;
  for (const container of droppableContainers.getEnabled()) {
    if (container.id === over?.id) continue;
    const rect = droppableRects.get(container.id);
    // A pool around the item's place is no step: the step goes to what is beside it.
    if (!rect || contains(rect, from)) continue;
    const to = aimOf(container.id, rect);
    const inDirection =
      event.code === KeyboardCode.Down
        ? to.y > from.y + 1
        : event.code === KeyboardCode.Up
          ? to.y < from.y - 1
          : event.code === KeyboardCode.Left
            ? to.x < from.x - 1
            : to.x > from.x + 1;
    if (!inDirection) continue;
    const distance = Math.hypot(to.x - from.x, to.y - from.y);
    if (!best || distance < best.distance) best = { container, to, distance };
  }
  if (!best) return undefined;
  // Centre the dragged item on the aim, where boardCollisions finds that target.
  return { x: best.to.x - collisionRect.width / 2, y: best.to.y - collisionRect.height / 2 };
};

/**
 * The target under the pointer; for keyboard dragging (no pointer) the smallest target under the
 * dragged item's centre (an item rather than the pool around it), else the most overlapped one.
 */
export const boardCollisions: CollisionDetection = (args) => {
  const { pointerCoordinates, collisionRect, droppableContainers, droppableRects } = args;
  const at: Point = pointerCoordinates ?? {
    x: collisionRect.left + collisionRect.width / 2,
    y: collisionRect.top + collisionRect.height / 2,
  };
  const under = droppableContainers
    .map((container) => ({ container, rect: droppableRects.get(container.id) }))
    .filter((entry): entry is { container: DroppableContainer; rect: ClientRect } =>
      entry.rect ? contains(entry.rect, at) : false,
    )
    .sort((a, b) => a.rect.width * a.rect.height - b.rect.width * b.rect.height);
  const first = under[0];
  return first ? [{ id: first.container.id, data: { droppableContainer: first.container } }] : rectIntersection(args);
};
