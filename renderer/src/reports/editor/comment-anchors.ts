import { Extension } from '@tiptap/core';
import type { EditorState } from '@tiptap/pm/state';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import type { CommentAnchor } from '../../../../shared/contract/reports';
import { decodeAnchor, encodeAnchor } from '../../../../shared/report/anchors';
import { cx } from '../../components/cx';
import prose from './prose.module.css';

/**
 * Comments are anchored with Yjs relative positions (Y.RelativePosition of the selection's
 * start and end in the section's XmlFragment): they name the Yjs items around the selection,
 * not offsets, so they still point at the same words after anyone's concurrent edits. The
 * anchor's encoding is shared/report/anchors.ts's; this module converts ProseMirror positions.
 */

interface SyncState {
  readonly doc: Y.Doc;
  readonly type: Y.XmlFragment;
  readonly binding: { readonly mapping: Map<unknown, unknown> } | null;
}

function syncState(state: EditorState): SyncState | null {
  const value = ySyncPluginKey.getState(state) as SyncState | undefined;
  return value?.binding ? value : null;
}

/** The anchor of the editor's selection from..to, or null when the editor is not bound to Yjs yet. */
export function anchorOf(state: EditorState, from: number, to: number): CommentAnchor | null {
  const sync = syncState(state);
  if (!sync?.binding) return null;
  const start = absolutePositionToRelativePosition(
    from,
    sync.type,
    sync.binding.mapping as never,
  ) as Y.RelativePosition;
  const end = absolutePositionToRelativePosition(to, sync.type, sync.binding.mapping as never) as Y.RelativePosition;
  return encodeAnchor(start, end);
}

/** Where an anchor points now (from < to), or null when its text was deleted or it does not decode. */
export function rangeOf(state: EditorState, anchor: CommentAnchor): { from: number; to: number } | null {
  const sync = syncState(state);
  if (!sync?.binding) return null;
  const positions = decodeAnchor(anchor);
  if (!positions) return null;
  try {
    const start = relativePositionToAbsolutePosition(
      sync.doc,
      sync.type,
      positions.start,
      sync.binding.mapping as never,
    );
    const end = relativePositionToAbsolutePosition(sync.doc, sync.type, positions.end, sync.binding.mapping as never);
    if (start === null || end === null || end <= start) return null;
    return { from: start, to: Math.min(end, state.doc.content.size) };
  } catch {
    return null;
  }
}

export interface HighlightedComment {
  readonly id: string;
  readonly anchor: CommentAnchor;
}

export interface CommentHighlightOptions {
  /** The open comments of this section, read whenever the highlights are rebuilt. */
  readonly comments: () => readonly HighlightedComment[];
  /** The comment shown in the side panel, drawn stronger. */
  readonly activeId: () => string | null;
}

export const commentHighlightKey = new PluginKey<DecorationSet>('veldwerkCommentHighlights');

function build(state: EditorState, options: CommentHighlightOptions): DecorationSet {
  const active = options.activeId();
  const decorations: Decoration[] = [];
  for (const comment of options.comments()) {
    const range = rangeOf(state, comment.anchor);
    if (!range) continue;
    decorations.push(
      Decoration.inline(range.from, range.to, {
        class: cx(prose.commentMark, comment.id === active && prose.active),
        'data-comment-id': comment.id,
      }),
    );
  }
  return DecorationSet.create(state.doc, decorations);
}

/**
 * Highlights the open comments' ranges. Local edits map the highlights along; remote edits (whose
 * effect on positions only Yjs knows) and a changed comment list rebuild them from the anchors.
 * Dispatch a transaction with `setMeta(commentHighlightKey, true)` to rebuild.
 */
export const CommentHighlights = Extension.create<CommentHighlightOptions>({
  name: 'commentHighlights',
  addOptions() {
    return { comments: () => [], activeId: () => null };
  },
  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<DecorationSet>({
        key: commentHighlightKey,
        state: {
          init: () => DecorationSet.empty,
          apply: (tr, set, _old, next) => {
            if (tr.getMeta(commentHighlightKey) || tr.getMeta(ySyncPluginKey)) return build(next, options);
            return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
          },
        },
        props: {
          decorations: (state) => commentHighlightKey.getState(state) ?? DecorationSet.empty,
        },
      }),
    ];
  },
});
