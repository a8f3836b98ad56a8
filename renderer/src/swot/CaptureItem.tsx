import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SwotItemView } from '../../../shared/contract/swot';
import { SaveStatus } from '../input/SaveStatus';
import { useAutosave } from '../input/useAutosave';
import swot from './swot.module.css';

/**
 * A captured SWOT item: focusable, moved with Alt+arrows and deleted with Delete (onKey), and
 * edited in place with Enter, F2 or a double click; the text autosaves like every field, and
 * Enter or Escape ends editing with the focus back on the item.
 */
export function CaptureItem({
  item,
  onKey,
  onSaved,
}: {
  readonly item: SwotItemView;
  readonly onKey: (event: KeyboardEvent<HTMLLIElement>) => void;
  readonly onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(item.text);
  const itemRef = useRef<HTMLLIElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const refocus = useRef(false);
  const autosave = useAutosave(
    `swot-item:${item.id}`,
    (value) => ({ channel: 'swot.items.update', payload: { itemId: item.id, text: value } }),
    { onSaved },
  );

  useEffect(() => {
    if (editing) inputRef.current?.select();
    else if (refocus.current) {
      refocus.current = false;
      itemRef.current?.focus();
    }
  }, [editing]);

  const start = () => {
    setText(item.text);
    setEditing(true);
  };
  const stop = () => {
    refocus.current = true;
    void autosave.flush();
    setEditing(false);
  };

  if (editing) {
    return (
      <li data-capture-item={item.id}>
        <label className="visually-hidden" htmlFor={`edit-${item.id}`}>
          {t('field.item.editLabel')}
        </label>
        <input
          ref={inputRef}
          id={`edit-${item.id}`}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            if (event.target.value.trim() !== '') autosave.change(event.target.value);
          }}
          onBlur={() => {
            void autosave.flush();
            setEditing(false);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === 'Escape') {
              event.preventDefault();
              stop();
            }
          }}
        />
        <SaveStatus state={autosave.state} />
      </li>
    );
  }
  return (
    <li
      ref={itemRef}
      tabIndex={0}
      data-capture-item={item.id}
      onKeyDown={(event) => {
        if ((event.key === 'Enter' || event.key === 'F2') && !event.altKey) {
          event.preventDefault();
          start();
          return;
        }
        onKey(event);
      }}
      onDoubleClick={start}
      aria-label={t('swot.capture.itemLabel', { text: item.text, author: item.authorName })}
      aria-keyshortcuts="Enter F2 Alt+ArrowLeft Alt+ArrowRight Alt+ArrowUp Alt+ArrowDown Delete"
    >
      <span>{autosave.state.kind === 'dirty' || autosave.state.kind === 'saving' ? text : item.text}</span>
      <span className={swot.meta}>{item.authorName}</span>
    </li>
  );
}
