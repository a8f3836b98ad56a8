import { useDroppable } from '@dnd-kit/core';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QUADRANTS, type Quadrant } from '../../../shared/swot/quadrants';
import type { ContractError } from '../../../shared/contract/result';
import type { ScoredRow, SwotItemView, SwotLemmaView } from '../../../shared/contract/swot';
import { SaveStatus } from '../input/SaveStatus';
import { useAutosave } from '../input/useAutosave';
import { ItemChip } from './ItemChip';
import { quadrantLabel } from './quadrant-labels';
import { useSwotBoard } from './store';

interface LemmaCardProps {
  readonly lemma: SwotLemmaView;
  readonly items: readonly SwotItemView[];
  readonly scored: ScoredRow | undefined;
  readonly conversationCount: number;
  readonly otherLemmas: readonly SwotLemmaView[];
  readonly labelOf: (conversationId: string) => string;
  readonly onError: (error: ContractError | null) => void;
}

/** Lemmas with more items than this start collapsed. */
const COLLAPSE_ABOVE = 4;

export function LemmaCard({ lemma, items, scored, conversationCount, otherLemmas, labelOf, onError }: LemmaCardProps) {
  const { t } = useTranslation();
  const id = useId();
  const edit = useSwotBoard((state) => state.edit);
  const { setNodeRef, isOver } = useDroppable({ id: `lemma:${lemma.id}`, data: { lemmaId: lemma.id } });
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(lemma.name);
  const reload = useSwotBoard((state) => state.reload);
  // The text being typed, until its save is done and the board shows it back; null: not editing.
  const [draft, setDraft] = useState<string | null>(null);
  const narrative = useAutosave(
    `lemma-narrative:${lemma.id}`,
    (text) => ({ channel: 'swot.lemmas.narrative', payload: { lemmaId: lemma.id, text } }),
    {
      onSaved: (text) => void reload().then(() => setDraft((current) => (current === text ? null : current))),
    },
  );
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // Large lemmas start folded (their count shows), so 30 lemmas fit a laptop screen.
  const [expanded, setExpanded] = useState(items.length <= COLLAPSE_ABOVE);
  const [moveTo, setMoveTo] = useState<Quadrant>(lemma.quadrant);
  const [mergeInto, setMergeInto] = useState('');
  const [confirmRemove, setConfirmRemove] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const nameRef = useRef<HTMLButtonElement>(null);
  const focusName = useRef(false);

  useEffect(() => {
    if (confirmRemove) confirmRef.current?.focus();
  }, [confirmRemove]);
  // After a rename (or its cancel), the focus goes back to the lemma's name, not to the top of the page.
  useEffect(() => {
    if (focusName.current && !renaming) {
      nameRef.current?.focus();
      focusName.current = false;
    }
  }, [renaming]);
  const [splitName, setSplitName] = useState('');

  async function report(result: Promise<ContractError | null>, fallback?: () => void) {
    const error = await result;
    onError(error);
    if (!error) fallback?.();
  }

  const toggle = (itemId: string) => {
    const next = new Set(selected);
    if (next.has(itemId)) next.delete(itemId);
    else next.add(itemId);
    setSelected(next);
  };

  return (
    <article
      ref={setNodeRef}
      className={`lemma-card${isOver ? ' drop-over' : ''}`}
      data-testid={`lemma-${lemma.name}`}
      aria-labelledby={`${id}-name`}
    >
      <header className="lemma-header">
        {renaming ? (
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              void report(
                edit('swot.lemmas.rename', { lemmaId: lemma.id, name }, { action: 'rename', subject: name }),
                () => {
                  setRenaming(false);
                  focusName.current = true;
                },
              );
            }}
          >
            <label className="visually-hidden" htmlFor={`${id}-rename`}>
              {t('swot.lemma.name')}
            </label>
            <input id={`${id}-rename`} value={name} onChange={(event) => setName(event.target.value)} autoFocus />
            <button type="submit" className="button button-small">
              {t('swot.lemma.saveName')}
            </button>
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                setRenaming(false);
                focusName.current = true;
              }}
            >
              {t('swot.common.cancel')}
            </button>
          </form>
        ) : (
          <h4 id={`${id}-name`}>
            <button
              ref={nameRef}
              type="button"
              className="link-button"
              onClick={() => setRenaming(true)}
              title={t('swot.lemma.rename')}
            >
              {lemma.name}
            </button>
          </h4>
        )}
        <span
          className="lemma-score"
          title={t('swot.scores.kOfN', { k: scored?.conversations ?? 0, n: conversationCount })}
        >
          {scored ? scored.display : '–'}
        </span>
      </header>
      <button
        type="button"
        className="link-button lemma-toggle"
        aria-expanded={expanded}
        aria-controls={`${id}-items`}
        onClick={() => setExpanded((value) => !value)}
      >
        {expanded ? '▾' : '▸'} {t('field.counts.items', { count: items.length })}
      </button>
      <ul
        id={`${id}-items`}
        className="item-list"
        aria-label={t('swot.lemma.itemsOf', { name: lemma.name })}
        hidden={!expanded}
      >
        {items.length === 0 ? <li className="muted small">{t('swot.lemma.empty')}</li> : null}
        {items.map((item) => (
          <ItemChip
            key={item.id}
            item={item}
            conversationLabel={labelOf(item.conversationId)}
            droppable={false}
            selectable
            selected={selected.has(item.id)}
            onToggleSelect={toggle}
          />
        ))}
      </ul>
      {selected.size > 0 ? (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            void report(
              edit(
                'swot.lemmas.split',
                { lemmaId: lemma.id, itemIds: [...selected], name: splitName },
                { action: 'split', subject: splitName },
              ),
              () => {
                setSelected(new Set());
                setSplitName('');
              },
            );
          }}
        >
          <label htmlFor={`${id}-split`}>{t('swot.lemma.splitName', { count: selected.size })}</label>
          <input id={`${id}-split`} value={splitName} onChange={(event) => setSplitName(event.target.value)} />
          <button type="submit" className="button button-small">
            {t('swot.lemma.split')}
          </button>
        </form>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-narrative`}>{t('swot.lemma.narrative')}</label>
        <textarea
          id={`${id}-narrative`}
          rows={3}
          value={draft ?? lemma.narrative}
          onChange={(event) => {
            setDraft(event.target.value);
            narrative.change(event.target.value);
          }}
          onBlur={() => void narrative.flush()}
          placeholder={t('swot.lemma.narrativeHint')}
        />
        <SaveStatus state={narrative.state} />
      </div>
      <div className="lemma-actions">
        {/* Structural actions take a choice and an explicit button: nothing acts on a change of a list. */}
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (moveTo !== lemma.quadrant)
              void report(
                edit(
                  'swot.lemmas.move',
                  { lemmaId: lemma.id, quadrant: moveTo },
                  { action: 'move', subject: lemma.name },
                ),
              );
          }}
        >
          <label htmlFor={`${id}-move`}>{t('swot.lemma.moveTo')}</label>
          <select id={`${id}-move`} value={moveTo} onChange={(event) => setMoveTo(event.target.value as Quadrant)}>
            {QUADRANTS.map((quadrant) => (
              <option key={quadrant} value={quadrant}>
                {quadrantLabel(t, quadrant)}
              </option>
            ))}
          </select>
          <button type="submit" className="button button-small" disabled={moveTo === lemma.quadrant}>
            {t('field.confirm.move')}
          </button>
        </form>
        {otherLemmas.length > 0 ? (
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (mergeInto)
                void report(
                  edit(
                    'swot.lemmas.merge',
                    { sourceId: lemma.id, targetId: mergeInto },
                    { action: 'merge', subject: lemma.name },
                  ),
                  () => setMergeInto(''),
                );
            }}
          >
            <label htmlFor={`${id}-merge`}>{t('swot.lemma.mergeInto')}</label>
            <select id={`${id}-merge`} value={mergeInto} onChange={(event) => setMergeInto(event.target.value)}>
              <option value="">{t('swot.lemma.chooseLemma')}</option>
              {otherLemmas.map((other) => (
                <option key={other.id} value={other.id}>
                  {other.name}
                </option>
              ))}
            </select>
            <button type="submit" className="button button-small" disabled={!mergeInto}>
              {t('field.confirm.merge')}
            </button>
          </form>
        ) : null}
        {confirmRemove ? (
          <span
            className="inline-confirm"
            role="group"
            aria-label={t('field.confirm.removeLemma', { name: lemma.name })}
          >
            <span>{t('field.confirm.removeLemma', { name: lemma.name })}</span>
            <button
              ref={confirmRef}
              type="button"
              className="button button-small button-danger"
              onClick={() =>
                void report(
                  edit('swot.lemmas.remove', { lemmaId: lemma.id }, { action: 'removeLemma', subject: lemma.name }),
                )
              }
            >
              {t('field.confirm.yesRemove')}
            </button>
            <button type="button" className="button button-small" onClick={() => setConfirmRemove(false)}>
              {t('swot.common.cancel')}
            </button>
          </span>
        ) : (
          <button type="button" className="button button-small button-danger" onClick={() => setConfirmRemove(true)}>
            {t('swot.lemma.remove')}
          </button>
        )}
      </div>
    </article>
  );
}
