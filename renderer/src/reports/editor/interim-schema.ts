import StarterKit from '@tiptap/starter-kit';
import { TableKit } from '@tiptap/extension-table';
import type { AnyExtension } from '@tiptap/core';

/** Until the shared report schema lands: the nodes and marks the editor needs. */
export const interimSchema: readonly AnyExtension[] = [StarterKit.configure({ undoRedo: false, code: false, codeBlock: false, strike: false, underline: false, horizontalRule: false }), TableKit];
export const INTERIM_FIELD = 'body';
