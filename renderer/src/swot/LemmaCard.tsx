import { useDroppable } from '@dnd-kit/core';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QUADRANTS, type Quadrant } from '../../../shared/swot/quadrants';
import type { ContractError } from '../../../shared/contract/result';
import type { ScoredRow, SwotLemmaView } from '../../../shared/contract/swot';
import { SaveStatus } from '../input/SaveStatus';
import { useAutosave } from '../input/useAutosave';
import type { LemmaView } from './board-view';
import type { ChipLabels } from './ItemChip';
import { focusLemma, ItemList } from './ItemList';
import { quadrantLabel } from './quadrant-labels';
import type { BoardState } from './store';
import confirm from '../input/confirm.module.css';

interface LemmaCardProps {
  readonly view: LemmaView;
  readonly scored: ScoredRow | undefined;
  readonly conversationCount: number;
  /** The lemmas of the card's quadrant (the card itself among them): what it can merge into. */
  readonly quadrantLemmas: readonly SwotLemmaView[];
  readonly labelOf: (conversationId: string) => string;
  readonly labels: ChipLabels;
  readonly expanded: boolean;
  readonly onExpand: (lemmaId: string, expanded: boolean) => void;
  readonly filtering: boolean;
  readonly edit: BoardState['edit'];
  readonly reload: BoardState['reload'];
  readonly onError: (error: ContractError | null) => void;
}

/** Lemmas with more items than this start folded: 30 folded cards fit a laptop screen. */
export const FOLD_ABOVE = 4;

/**
 * One lemma: folded, its name, score and item count on one card that never stretches; unfolded,
 * its items, split, narrative and the structural actions (each on an explicit button).
 */
export function LemmaCard({
  view,
  scored,
  conversationCount,
  quadrantLemmas,
  labelOf,
  labels,
  expanded,
  onExpand,
  filtering,
  edit,
  reload,
  onError,
}: LemmaCardProps) {
  const { t } = useTranslation();
  const id = useId();
  const { lemma, items, total } = view;
  const otherLemmas = quadrantLemmas.filter((other) => other.id !== lemma.id);
  const { setNodeRef, isOver } = useDroppable({ id: `lemma:${lemma.id}`, data: { lemmaId: lemma.id } });
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(lemma.name);
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
  const [moveTo, setMoveTo] = useState<Quadrant>(lemma.quadrant);
  const [mergeInto, setMergeInto] = useState('');
  const [confirmRemove, setConfirmRemove] = useState(false);
  const cardRef = useRef<HTMLElement | null>(null);
  const neighbour = useRef<string | null>(null);
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

  // Stable, so the memoised chips do not render again for it.
  const toggle = useCallback((itemId: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(itemId)) next.delete(itemId);
      else next.add(itemId);
      return next;
    });
  }, []);
  const count = filtering
    ? t('swotBoard.filteredCount', { shown: items.length, count: total })
    : t('field.counts.items', { count: total });

  return (
    <article
      ref={(node) => {
        setNodeRef(node);
        cardRef.current = node;
      }}
      className={`lemma-card${isOver ? ' drop-over' : ''}${expanded ? ' expanded' : ''}`}
      data-testid={`lemma-${lemma.name}`}
      data-lemma-id={lemma.id}
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
              className="link-button lemma-name"
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
        aria-controls={expanded ? `${id}-body` : undefined}
        onClick={() => onExpand(lemma.id, !expanded)}
      >
        <span aria-hidden="true">{expanded ? '▾' : '▸'}</span> {count}
      </button>
      {expanded ? (
        <div className="lemma-body" id={`${id}-body`}>
          {items.length === 0 ? (
            <p className="muted small">{t('swot.lemma.empty')}</p>
          ) : (
            <ItemList
              items={items}
              label={t('swot.lemma.itemsOf', { name: lemma.name })}
              labels={labels}
              labelOf={labelOf}
              droppable={false}
              selected={selected}
              onToggleSelect={toggle}
            />
          )}
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
                    focusLemma(lemma.id, lemma.quadrant);
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
                    // The card is drawn anew in its new quadrant: the focus follows it there.
                    () => focusLemma(lemma.id, moveTo),
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
                      () => {
                        focusLemma(mergeInto, lemma.quadrant);
                        setMergeInto('');
                      },
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
                className={confirm.inlineConfirm}
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
                      // The card is gone: the focus goes to the card beside it, or the quadrant's heading.
                      () => focusLemma(neighbour.current, lemma.quadrant),
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
              <button
                type="button"
                className="button button-small button-danger"
                onClick={() => {
                  const card = cardRef.current;
                  const beside = (card?.nextElementSibling ?? card?.previousElementSibling) as HTMLElement | null;
                  neighbour.current = beside?.dataset.lemmaId ?? null;
                  setConfirmRemove(true);
                }}
              >
                {t('swot.lemma.remove')}
              </button>
            )}
          </div>
        </div>
      ) : null}
    </article>
  );
}
