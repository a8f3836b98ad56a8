import { Extension, type Editor, type Range } from '@tiptap/core';
import { PluginKey } from '@tiptap/pm/state';
import { ReactRenderer } from '@tiptap/react';
import Suggestion, { type SuggestionKeyDownProps, type SuggestionProps } from '@tiptap/suggestion';
import { forwardRef, useEffect, useImperativeHandle, useState } from 'react';
import { cx } from '../../components/cx';
import styles from './slash-menu.module.css';

/** One entry of the slash menu: what it is called, and what choosing it does at the typed range. */
export interface SlashItem {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly run: (editor: Editor, range: Range) => void;
}

export interface SlashMenuOptions {
  /** Answers the current entries; read on every query, so the list follows the data. */
  readonly items: () => readonly SlashItem[];
  readonly emptyLabel: string;
  readonly menuLabel: string;
}

/** Folds case and accents, so "swot" finds "SWOT" and "team" finds "Team’s". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('nl-BE');
}

export function filterSlashItems(items: readonly SlashItem[], query: string): SlashItem[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  return items.filter((item) => {
    const haystack = fold(`${item.label} ${item.hint ?? ''}`);
    return words.every((word) => haystack.includes(word));
  });
}

interface MenuProps extends SuggestionProps<SlashItem, SlashItem> {
  readonly emptyLabel: string;
  readonly menuLabel: string;
}

interface MenuHandle {
  onKeyDown: (props: SuggestionKeyDownProps) => boolean;
}

const SlashMenuList = forwardRef<MenuHandle, MenuProps>(function SlashMenuList(
  { items, command, emptyLabel, menuLabel },
  ref,
) {
  const [selected, setSelected] = useState(0);
  useEffect(() => setSelected(0), [items]);
  useImperativeHandle(ref, () => ({
    onKeyDown: ({ event }) => {
      if (items.length === 0) return false;
      if (event.key === 'ArrowDown') {
        setSelected((index) => (index + 1) % items.length);
        return true;
      }
      if (event.key === 'ArrowUp') {
        setSelected((index) => (index + items.length - 1) % items.length);
        return true;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        const item = items[selected];
        if (item) command(item);
        return true;
      }
      return false;
    },
  }));
  return (
    <div className={styles.slashMenu} role="listbox" aria-label={menuLabel}>
      {items.length === 0 ? <div className={styles.slashEmpty}>{emptyLabel}</div> : null}
      {items.map((item, index) => (
        <button
          key={item.id}
          type="button"
          role="option"
          aria-selected={index === selected}
          className={cx(styles.slashItem, index === selected && styles.selected)}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => command(item)}
        >
          <span>{item.label}</span>
          {item.hint ? <span className={styles.slashHint}>{item.hint}</span> : null}
        </button>
      ))}
    </div>
  );
});

const slashKey = new PluginKey('veldwerkSlash');

/**
 * "/" opens a menu of blocks to insert (@tiptap/suggestion); typing filters it, arrows and Enter
 * choose, Escape closes it. The chosen entry replaces the typed "/query".
 */
export const SlashMenu = Extension.create<SlashMenuOptions>({
  name: 'slashMenu',
  addOptions() {
    return { items: () => [], emptyLabel: '', menuLabel: '' };
  },
  addProseMirrorPlugins() {
    const options = this.options;
    return [
      Suggestion<SlashItem, SlashItem>({
        editor: this.editor,
        pluginKey: slashKey,
        char: '/',
        allowSpaces: true,
        items: ({ query }) => filterSlashItems(options.items(), query).slice(0, 30),
        command: ({ editor, range, props }) => props.run(editor, range),
        render: () => {
          let renderer: ReactRenderer<MenuHandle, MenuProps> | null = null;
          let unmount: (() => void) | null = null;
          return {
            onStart: (props) => {
              renderer = new ReactRenderer(SlashMenuList, {
                props: { ...props, emptyLabel: options.emptyLabel, menuLabel: options.menuLabel },
                editor: props.editor,
              });
              unmount = props.mount(renderer.element as HTMLElement);
            },
            onUpdate: (props) =>
              renderer?.updateProps({ ...props, emptyLabel: options.emptyLabel, menuLabel: options.menuLabel }),
            onKeyDown: (props) => {
              if (props.event.key === 'Escape') {
                unmount?.();
                unmount = null;
                return true;
              }
              return renderer?.ref?.onKeyDown(props) ?? false;
            },
            onExit: () => {
              unmount?.();
              unmount = null;
              renderer?.destroy();
              renderer = null;
            },
          };
        },
      }),
    ];
  },
});
