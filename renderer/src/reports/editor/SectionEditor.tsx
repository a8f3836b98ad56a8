import Collaboration from '@tiptap/extension-collaboration';
import { Placeholder } from '@tiptap/extensions';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import type { AnyExtension } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { wordCount } from '../../../../shared/report/document';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SectionSync } from './section-sync';
import { Toolbar } from './Toolbar';
import layout from '../../components/layout.module.css';
import prose from './prose.module.css';
import styles from './SectionEditor.module.css';

export interface SectionEditorProps {
  /** The section's Y.Doc bridge, already loaded from the store. */
  readonly sync: SectionSync;
  /** The name of the XmlFragment in the section's Y.Doc. */
  readonly field: string;
  readonly title: string;
  readonly editable: boolean;
  /** The document schema (nodes and marks) shared with the services, the CLI and the export. */
  readonly schema: readonly AnyExtension[];
  /** UI-only extensions (slash menu, node views, comment marks). */
  readonly extensions?: readonly AnyExtension[];
  readonly onEditor?: (editor: Editor | null) => void;
  readonly toolbarExtra?: (editor: Editor) => ReactNode;
  /** Shown under the text beside the word count (save state). */
  readonly status?: ReactNode;
  /** The text lost the focus: the section saves at once, like every autosaved field. */
  readonly onBlur?: () => void;
}

/** The section's words by the same rule as the section list and the CLI (shared wordCount). */
function countWords(doc: PmNode): number {
  return wordCount(doc.textBetween(0, doc.content.size, '\n', ' '));
}

/** The footnotes' texts in the order they stand in the section (numbered as the footnote marks are). */
function footnoteTexts(doc: PmNode): string[] {
  const texts: string[] = [];
  doc.descendants((node) => {
    if (node.type.name === 'footnote') texts.push(String(node.attrs.text ?? ''));
  });
  return texts;
}

/** Words are counted when typing pauses: counting a 50-page section on every keystroke would cost a frame. */
const WORD_COUNT_DELAY_MS = 250;

/**
 * One section's rich-text editor: TipTap on the section's Yjs XmlFragment. Undo and redo are
 * Collaboration's Yjs undo manager, which tracks only this person's edits (remote updates carry
 * another origin). The component never re-renders per keystroke: the toolbar subscribes to the
 * flags it shows, the word count runs after a pause.
 */
export function SectionEditor({
  sync,
  field,
  title,
  editable,
  schema,
  extensions = [],
  onEditor,
  toolbarExtra,
  status,
  onBlur,
}: SectionEditorProps) {
  const { t } = useTranslation();
  const [words, setWords] = useState(0);
  const [footnotes, setFootnotes] = useState<readonly string[]>([]);
  // Ctrl+K (⌘K) asks the toolbar to open its link dialog; a counter, so every press opens it.
  const [linkRequest, setLinkRequest] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The editor is created once per document: it reaches the latest handler through a ref.
  const blurred = useRef(onBlur);
  useEffect(() => {
    blurred.current = onBlur;
  });
  const measure = (doc: PmNode) => {
    setWords(countWords(doc));
    const next = footnoteTexts(doc);
    setFootnotes((current) =>
      current.length === next.length && current.every((text, index) => text === next[index]) ? current : next,
    );
  };

  const editor = useEditor(
    {
      extensions: [
        ...schema,
        Collaboration.configure({ document: sync.doc, field }),
        Placeholder.configure({ placeholder: t('reports.editor.placeholder') }),
        ...extensions,
      ],
      editable,
      // The CSP refuses injected styles: the editor's base styles are in prose.module.css.
      injectCSS: false,
      // Content from the Yjs document only: never an initial content that each laptop would add again.
      enableContentCheck: true,
      shouldRerenderOnTransaction: false,
      editorProps: {
        attributes: {
          'aria-label': t('reports.editor.label', { title }),
          'aria-multiline': 'true',
          role: 'textbox',
          class: prose.prose ?? '',
        },
        handleKeyDown: (view, event) => {
          if (!view.editable || event.altKey || event.shiftKey || !(event.ctrlKey || event.metaKey)) return false;
          if (event.key.toLowerCase() !== 'k') return false;
          event.preventDefault();
          setLinkRequest((count) => count + 1);
          return true;
        },
      },
      onCreate: ({ editor: created }) => measure(created.state.doc),
      onBlur: () => blurred.current?.(),
      onUpdate: ({ editor: updated }) => {
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(() => measure(updated.state.doc), WORD_COUNT_DELAY_MS);
      },
    },
    [sync, field],
  );

  useEffect(() => {
    editor.setEditable(editable);
  }, [editor, editable]);

  useEffect(() => {
    onEditor?.(editor);
    return () => onEditor?.(null);
  }, [editor, onEditor]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return (
    <div className={styles.sectionEditor}>
      <Toolbar editor={editor} extra={toolbarExtra?.(editor)} linkRequest={linkRequest} />
      <EditorContent editor={editor} className={prose.content} />
      {footnotes.length > 0 ? (
        <section className={styles.footnoteList} aria-label={t('reports.editor.footnotes')}>
          <h3>{t('reports.editor.footnotes')}</h3>
          <ol>
            {footnotes.map((text, index) => (
              <li key={index}>
                {text.trim() ? text : <span className={layout.muted}>{t('reports.editor.footnoteEmpty')}</span>}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <div className={styles.editorFooter}>
        <span data-testid="word-count">{t('reports.editor.words', { count: words })}</span>
        {editable ? null : <span className={layout.muted}>{t('reports.editor.readOnly')}</span>}
        {status}
      </div>
    </div>
  );
}
