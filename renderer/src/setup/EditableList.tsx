import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../shared/contract/result';
import type { SetupListKind } from '../../../shared/domain/setup';
import { api } from '../api';
import { Field } from '../components/Field';
import { FormStatus } from '../components/FormStatus';
import { RetiredList } from '../components/RetiredList';
import { describeError, fieldErrors } from '../errors';
import { RetireButton } from '../input/RetireButton';
import { useRetireWithUndo } from '../input/retire';
import { useKeptText } from '../input/useAutosave';
import buttons from '../components/button.module.css';
import forms from '../components/form.module.css';
import layout from '../components/layout.module.css';
import lists from '../components/list.module.css';
import styles from './EditableList.module.css';
import { cx } from '../components/cx';

export interface EditableItem {
  readonly id: string;
  readonly label: string;
  /** A short prefix shown before the label (a sector code, a question number). */
  readonly tag?: string;
  readonly detail?: string;
  readonly retired: boolean;
}

interface EditableListProps {
  readonly kind: SetupListKind;
  readonly campaignId: string;
  readonly title: string;
  readonly description: string;
  readonly items: readonly EditableItem[];
  readonly orderable: boolean;
  readonly addLabel: string;
  readonly emptyText: string;
  readonly sectorId?: string;
  /** Extra fields of the add form (a region kind, a sector code), with their values. */
  readonly extraFields?: ReactNode;
  readonly extraValues?: { readonly code?: string; readonly regionKind?: 'province' | 'city' };
  readonly multiline?: boolean;
}

/**
 * One controlled list of the campaign: add, rename (inline, Enter saves, Escape cancels),
 * reorder and retire. Retired items stay listed apart and can be restored: nothing is deleted.
 */
export function EditableList(props: EditableListProps) {
  const retireWithUndo = useRetireWithUndo();
  const { t } = useTranslation();
  const id = useId();
  // Typed but not yet added: kept in the draft journal through a reload.
  const [name, setName] = useKeptText(`setup:${props.campaignId}:${props.kind}:${props.sectorId ?? ''}`);
  const [error, setError] = useState<ContractError | null>(null);
  const [status, setStatus] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [editError, setEditError] = useState<ContractError | null>(null);
  const addRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const rowRefs = useRef(new Map<string, HTMLElement>());
  const active = props.items.filter((item) => !item.retired);
  const retired = props.items.filter((item) => item.retired);
  const fields = fieldErrors(t, error);

  async function add(event: FormEvent) {
    event.preventDefault();
    const result = await api.invoke('setup.addItem', {
      campaignId: props.campaignId,
      kind: props.kind,
      name,
      ...(props.sectorId ? { sectorId: props.sectorId } : {}),
      ...(props.extraValues?.code ? { code: props.extraValues.code } : {}),
      ...(props.extraValues?.regionKind ? { regionKind: props.extraValues.regionKind } : {}),
    });
    if (!result.ok) {
      setError(result.error);
      addRef.current?.focus();
      return;
    }
    setError(null);
    setStatus(t('setup.list.added', { name: name.trim() }));
    // What was typed while the answer came stays: only the added text is cleared.
    if ((addRef.current?.value ?? name) === name) setName('');
    addRef.current?.focus();
  }

  async function rename(itemId: string) {
    const result = await api.invoke('setup.renameItem', { kind: props.kind, id: itemId, name: draft });
    if (!result.ok) {
      setEditError(result.error);
      return;
    }
    setEditing(null);
    setEditError(null);
    setStatus(t('setup.list.renamed', { name: draft.trim() }));
    rowRefs.current.get(itemId)?.querySelector<HTMLButtonElement>('[data-action="rename"]')?.focus();
  }

  async function move(item: EditableItem, direction: 'up' | 'down') {
    const result = await api.invoke('setup.moveItem', { kind: props.kind, id: item.id, direction });
    if (!result.ok) {
      setStatus(describeError(t, result.error));
      return;
    }
    setStatus(t(direction === 'up' ? 'setup.list.movedUp' : 'setup.list.movedDown', { name: item.label }));
    rowRefs.current.get(item.id)?.querySelector<HTMLButtonElement>(`[data-action="${direction}"]`)?.focus();
  }

  async function retire(item: EditableItem, value: boolean) {
    const result = await retireWithUndo(
      'setup.retireItem',
      { kind: props.kind, id: item.id, retired: value },
      item.label,
    );
    if (!result.ok) {
      setStatus(describeError(t, result.error));
      return;
    }
    setStatus(t(value ? 'setup.list.retiredDone' : 'setup.list.restored', { name: item.label }));
    addRef.current?.focus();
  }

  const editErrors = fieldErrors(t, editError);

  return (
    <section className={cx(layout.card, styles.listCard)} aria-labelledby={`${id}-title`}>
      <div className={cx(layout.sectionHeader, styles.listCardHeader)}>
        <h3 id={`${id}-title`}>{props.title}</h3>
        <span className={layout.badge}>{active.length}</span>
      </div>
      <p className={cx(layout.muted, styles.listDescription)}>{props.description}</p>
      {active.length === 0 ? <p className={layout.emptyInline}>{props.emptyText}</p> : null}
      <ol className={lists.editableList}>
        {active.map((item, index) => (
          <li
            key={item.id}
            className={lists.editableRow}
            ref={(element) => {
              if (element) rowRefs.current.set(item.id, element);
              else rowRefs.current.delete(item.id);
            }}
          >
            {editing === item.id ? (
              <form
                className={lists.inlineEdit}
                onSubmit={(event) => {
                  event.preventDefault();
                  void rename(item.id);
                }}
              >
                <label className="visually-hidden" htmlFor={`${id}-edit-${item.id}`}>
                  {t('setup.list.newName', { name: item.label })}
                </label>
                <input
                  id={`${id}-edit-${item.id}`}
                  value={draft}
                  autoFocus
                  onChange={(event) => setDraft(event.target.value)}
                  onKeyDown={(event) => {
                    if (event.key === 'Escape') {
                      setEditing(null);
                      setEditError(null);
                    }
                  }}
                  aria-invalid={editErrors.name ? true : undefined}
                />
                <button type="submit" className={cx(buttons.button, buttons.buttonSmall, buttons.buttonPrimary)}>
                  {t('setup.list.saveName')}
                </button>
                <button
                  type="button"
                  className={cx(buttons.button, buttons.buttonSmall)}
                  onClick={() => setEditing(null)}
                >
                  {t('setup.list.cancel')}
                </button>
                {editErrors.name ? <p className={forms.fieldError}>{editErrors.name}</p> : null}
              </form>
            ) : (
              <>
                <div className={styles.text} data-testid="list-item-text">
                  <span className={styles.label}>
                    {item.tag ? <span className={cx(layout.codeTag, styles.tag)}>{item.tag}</span> : null}
                    {item.label}
                  </span>
                  {item.detail ? <span className={cx(layout.muted, lists.editableDetail)}>{item.detail}</span> : null}
                </div>
                <div className={layout.rowActions}>
                  {props.orderable ? (
                    <>
                      <button
                        type="button"
                        className={buttons.iconButton}
                        data-action="up"
                        disabled={index === 0}
                        aria-label={t('setup.list.moveUp', { name: item.label })}
                        title={t('setup.list.moveUp', { name: item.label })}
                        onClick={() => void move(item, 'up')}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        className={buttons.iconButton}
                        data-action="down"
                        disabled={index === active.length - 1}
                        aria-label={t('setup.list.moveDown', { name: item.label })}
                        title={t('setup.list.moveDown', { name: item.label })}
                        onClick={() => void move(item, 'down')}
                      >
                        ↓
                      </button>
                    </>
                  ) : null}
                  <button
                    type="button"
                    className={buttons.textButton}
                    data-action="rename"
                    aria-label={t('setup.list.renameLabel', { name: item.label })}
                    onClick={() => {
                      setEditing(item.id);
                      setDraft(item.label);
                      setEditError(null);
                    }}
                  >
                    {t('setup.list.rename')}
                  </button>
                  <RetireButton name={item.label} onConfirm={() => void retire(item, true)} />
                </div>
              </>
            )}
          </li>
        ))}
      </ol>
      <RetiredList
        items={retired}
        keyOf={(item) => item.id}
        show={(item) => (
          <div className={styles.text}>
            <span className={styles.label}>
              {item.tag ? <span className={cx(layout.codeTag, styles.tag)}>{item.tag}</span> : null}
              {item.label}
            </span>
          </div>
        )}
        restoreLabel={(item) => t('setup.list.restoreLabel', { name: item.label })}
        onRestore={(item) => void retire(item, false)}
      />
      <form className={lists.addRow} onSubmit={(event) => void add(event)} noValidate>
        <Field
          id={`${id}-add`}
          className={cx(forms.field, lists.addField)}
          label={props.addLabel}
          error={fields.name}
          after={
            error && error.code !== 'INVALID_INPUT' ? (
              <p className={forms.fieldError}>{describeError(t, error)}</p>
            ) : null
          }
        >
          {(control) =>
            props.multiline ? (
              <textarea
                ref={addRef}
                {...control}
                rows={2}
                value={name}
                onChange={(event) => setName(event.target.value)}
              />
            ) : (
              <input
                ref={addRef}
                {...control}
                value={name}
                autoComplete="off"
                onChange={(event) => setName(event.target.value)}
              />
            )
          }
        </Field>
        {props.extraFields}
        <button type="submit" className={buttons.button}>
          {t('setup.list.add')}
        </button>
      </form>
      <FormStatus>{status}</FormStatus>
    </section>
  );
}
