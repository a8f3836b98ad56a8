import type { Editor } from '@tiptap/react';
import { useEditorState } from '@tiptap/react';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from '../../components/cx';
import buttons from '../../components/button.module.css';
import styles from './Toolbar.module.css';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl';

/** The keys as the user's platform spells them ("Ctrl+B", "⌘+B"). */
function keys(spec: string): string {
  return spec.replace('Mod', MOD);
}

interface ButtonProps {
  readonly label: string;
  readonly shortcut?: string;
  readonly active?: boolean;
  readonly disabled?: boolean;
  readonly onClick: () => void;
  readonly children: ReactNode;
}

function ToolButton({ label, shortcut, active, disabled, onClick, children }: ButtonProps) {
  const { t } = useTranslation();
  const title = shortcut ? t('reports.editor.shortcut', { label, keys: keys(shortcut) }) : label;
  return (
    <button
      type="button"
      className={cx(styles.toolButton, active && styles.active)}
      aria-label={label}
      aria-pressed={active === undefined ? undefined : active}
      title={title}
      disabled={disabled}
      // Keep the editor's selection: a click on the toolbar must not blur the text.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

/**
 * The section editor's toolbar: every label from the catalogs, every button names its shortcut.
 * It re-renders only when one of the selected flags changes (useEditorState), not per keystroke.
 */
export function Toolbar({
  editor,
  extra,
  linkRequest = 0,
}: {
  readonly editor: Editor;
  readonly extra?: ReactNode;
  /** Bumped by the editor's Ctrl+K: opens the link dialog. */
  readonly linkRequest?: number;
}) {
  const { t } = useTranslation();
  const [linkOpen, setLinkOpen] = useState(false);
  const [href, setHref] = useState('');
  const [hadLink, setHadLink] = useState(false);
  const handled = useRef(linkRequest);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      editable: e.isEditable,
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      quote: e.isActive('blockquote'),
      link: e.isActive('link'),
      table: e.isActive('table'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const off = !state.editable;
  const chain = () => editor.chain().focus();

  const openLink = () => {
    const current = String(editor.getAttributes('link').href ?? '');
    setHref(current);
    setHadLink(current !== '');
    setLinkOpen(true);
  };
  useEffect(() => {
    if (linkRequest === handled.current) return;
    handled.current = linkRequest;
    openLink();
    // openLink reads the editor when asked; only a new request opens the dialog.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [linkRequest]);
  const closeLink = () => {
    setLinkOpen(false);
    editor.commands.focus();
  };
  const applyLink = (event: FormEvent) => {
    event.preventDefault();
    const value = href.trim();
    if (value === '') chain().extendMarkRange('link').unsetLink().run();
    else chain().extendMarkRange('link').setLink({ href: value }).run();
    setLinkOpen(false);
  };

  return (
    <div className={styles.editorToolbar} role="toolbar" aria-label={t('reports.editor.toolbar')}>
      <ToolButton
        label={t('reports.editor.undo')}
        shortcut="Mod+Z"
        disabled={off || !state.canUndo}
        onClick={() => chain().undo().run()}
      >
        ↶
      </ToolButton>
      <ToolButton
        label={t('reports.editor.redo')}
        shortcut="Mod+Shift+Z"
        disabled={off || !state.canRedo}
        onClick={() => chain().redo().run()}
      >
        ↷
      </ToolButton>
      <span className={styles.toolSep} aria-hidden="true" />
      <ToolButton
        label={t('reports.editor.paragraph')}
        shortcut="Mod+Alt+0"
        disabled={off}
        onClick={() => chain().setParagraph().run()}
      >
        ¶
      </ToolButton>
      <ToolButton
        label={t('reports.editor.heading', { level: 2 })}
        shortcut="Mod+Alt+2"
        active={state.h2}
        disabled={off}
        onClick={() => chain().toggleHeading({ level: 2 }).run()}
      >
        H2
      </ToolButton>
      <ToolButton
        label={t('reports.editor.heading', { level: 3 })}
        shortcut="Mod+Alt+3"
        active={state.h3}
        disabled={off}
        onClick={() => chain().toggleHeading({ level: 3 }).run()}
      >
        H3
      </ToolButton>
      <span className={styles.toolSep} aria-hidden="true" />
      <ToolButton
        label={t('reports.editor.bold')}
        shortcut="Mod+B"
        active={state.bold}
        disabled={off}
        onClick={() => chain().toggleBold().run()}
      >
        <b>B</b>
      </ToolButton>
      <ToolButton
        label={t('reports.editor.italic')}
        shortcut="Mod+I"
        active={state.italic}
        disabled={off}
        onClick={() => chain().toggleItalic().run()}
      >
        <i>I</i>
      </ToolButton>
      <ToolButton
        label={t('reports.editor.link')}
        shortcut="Mod+K"
        active={state.link}
        disabled={off}
        onClick={openLink}
      >
        <u>a</u>
      </ToolButton>
      <span className={styles.toolSep} aria-hidden="true" />
      <ToolButton
        label={t('reports.editor.bulletList')}
        shortcut="Mod+Shift+8"
        active={state.bullet}
        disabled={off}
        onClick={() => chain().toggleBulletList().run()}
      >
        •
      </ToolButton>
      <ToolButton
        label={t('reports.editor.orderedList')}
        shortcut="Mod+Shift+7"
        active={state.ordered}
        disabled={off}
        onClick={() => chain().toggleOrderedList().run()}
      >
        1.
      </ToolButton>
      <ToolButton
        label={t('reports.editor.blockquote')}
        shortcut="Mod+Shift+B"
        active={state.quote}
        disabled={off}
        onClick={() => chain().toggleBlockquote().run()}
      >
        ❝
      </ToolButton>
      <ToolButton
        label={t('reports.editor.table')}
        disabled={off}
        onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
      >
        ▦
      </ToolButton>
      {state.table ? (
        <>
          <ToolButton label={t('reports.editor.addRow')} disabled={off} onClick={() => chain().addRowAfter().run()}>
            +⎯
          </ToolButton>
          <ToolButton
            label={t('reports.editor.addColumn')}
            disabled={off}
            onClick={() => chain().addColumnAfter().run()}
          >
            +|
          </ToolButton>
          <ToolButton label={t('reports.editor.deleteRow')} disabled={off} onClick={() => chain().deleteRow().run()}>
            −⎯
          </ToolButton>
          <ToolButton
            label={t('reports.editor.deleteColumn')}
            disabled={off}
            onClick={() => chain().deleteColumn().run()}
          >
            −|
          </ToolButton>
          <ToolButton
            label={t('reports.editor.deleteTable')}
            disabled={off}
            onClick={() => chain().deleteTable().run()}
          >
            ▦×
          </ToolButton>
        </>
      ) : null}
      {extra}
      {linkOpen ? (
        <form
          className={styles.linkForm}
          role="dialog"
          aria-label={t('reports.editor.linkDialog')}
          onSubmit={applyLink}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              closeLink();
            }
          }}
        >
          <label htmlFor="link-href">{t('reports.editor.linkPrompt')}</label>
          <input
            id="link-href"
            type="url"
            autoFocus
            placeholder="https://"
            value={href}
            onChange={(event) => setHref(event.target.value)}
          />
          <button type="submit" className={cx(buttons.button, buttons.buttonSmall, buttons.buttonPrimary)}>
            {t('reports.editor.linkApply')}
          </button>
          {hadLink ? (
            <button
              type="button"
              className={cx(buttons.button, buttons.buttonSmall)}
              onClick={() => {
                chain().extendMarkRange('link').unsetLink().run();
                setLinkOpen(false);
              }}
            >
              {t('reports.editor.linkRemove')}
            </button>
          ) : null}
          <button type="button" className={cx(buttons.button, buttons.buttonSmall)} onClick={closeLink}>
            {t('reports.common.cancel')}
          </button>
        </form>
      ) : null}
    </div>
  );
}

export { keys as shortcutKeys };
