import { useDroppable } from '@dnd-kit/core';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QUADRANTS, type Quadrant } from '../../../shared/swot/quadrants';
import type { ContractError } from '../../../shared/contract/result';
import type { ScoredRow, SwotItemView, SwotLemmaView } from '../../../shared/contract/swot';
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

const NARRATIVE_DEBOUNCE_MS = 600;

export function LemmaCard({ lemma, items, scored, conversationCount, otherLemmas, labelOf, onError }: LemmaCardProps) {
  const { t } = useTranslation();
  const id = useId();
  const edit = useSwotBoard((state) => state.edit);
  const { setNodeRef, isOver } = useDroppable({ id: `lemma:${lemma.id}`, data: { lemmaId: lemma.id } });
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(lemma.name);
  // The text being typed, until its save is done and the board shows it back; null: not editing.
  const [draft, setDraft] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [splitName, setSplitName] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef<string | null>(null);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  async function report(result: Promise<ContractError | null>, fallback?: () => void) {
    const error = await result;
    onError(error);
    if (!error) fallback?.();
  }

  function scheduleNarrative(text: string) {
    setDraft(text);
    latest.current = text;
    setSaving(true);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      void edit('swot.lemmas.narrative', { lemmaId: lemma.id, text }).then((error) => {
        onError(error);
        // Only the last keystroke's save ends the editing state: earlier ones are superseded.
        if (latest.current === text) {
          setSaving(false);
          if (!error) setDraft(null);
        }
      });
    }, NARRATIVE_DEBOUNCE_MS);
  }

  const toggle = (itemId: string) => {
    const next = new Set(selected);
    if (next.has(itemId)) next.delete(itemId);
    else next.add(itemId);
    setSelected(next);
  };

  return (
    <article ref={setNodeRef} className={`lemma-card${isOver ? ' drop-over' : ''}`} data-testid={`lemma-${lemma.name}`} aria-labelledby={`${id}-name`}>
      <header className="lemma-header">
        {renaming ? (
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              void report(edit('swot.lemmas.rename', { lemmaId: lemma.id, name }), () => setRenaming(false));
            }}
          >
            <label className="visually-hidden" htmlFor={`${id}-rename`}>
              {t('swot.lemma.name')}
            </label>
            <input id={`${id}-rename`} value={name} onChange={(event) => setName(event.target.value)} autoFocus />
            <button type="submit" className="button button-small">
              {t('swot.lemma.saveName')}
            </button>
            <button type="button" className="button button-small" onClick={() => setRenaming(false)}>
              {t('swot.common.cancel')}
            </button>
          </form>
        ) : (
          <h4 id={`${id}-name`}>
            <button type="button" className="link-button" onClick={() => setRenaming(true)} title={t('swot.lemma.rename')}>
              {lemma.name}
            </button>
          </h4>
        )}
        <span className="lemma-score" title={t('swot.scores.kOfN', { k: scored?.conversations ?? 0, n: conversationCount })}>
          {scored ? scored.display : '–'}
        </span>
      </header>
      <ul className="item-list" aria-label={t('swot.lemma.itemsOf', { name: lemma.name })}>
        {items.length === 0 ? <li className="muted small">{t('swot.lemma.empty')}</li> : null}
        {items.map((item) => (
          <ItemChip key={item.id} item={item} conversationLabel={labelOf(item.conversationId)} droppable={false} selectable selected={selected.has(item.id)} onToggleSelect={toggle} />
        ))}
      </ul>
      {selected.size > 0 ? (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            void report(edit('swot.lemmas.split', { lemmaId: lemma.id, itemIds: [...selected], name: splitName }), () => {
              setSelected(new Set());
              setSplitName('');
            });
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
        <textarea id={`${id}-narrative`} rows={3} value={draft ?? lemma.narrative} onChange={(event) => scheduleNarrative(event.target.value)} placeholder={t('swot.lemma.narrativeHint')} />
        <span className="save-state" aria-live="polite">
          {saving ? t('swot.common.saving') : t('swot.common.saved')}
        </span>
      </div>
      <div className="lemma-actions">
        <label>
          {t('swot.lemma.moveTo')}{' '}
          <select
            value={lemma.quadrant}
            onChange={(event) => void report(edit('swot.lemmas.move', { lemmaId: lemma.id, quadrant: event.target.value as Quadrant }))}
          >
            {QUADRANTS.map((quadrant) => (
              <option key={quadrant} value={quadrant}>
                {quadrantLabel(t, quadrant)}
              </option>
            ))}
          </select>
        </label>
        {otherLemmas.length > 0 ? (
          <label>
            {t('swot.lemma.mergeInto')}{' '}
            <select
              value=""
              onChange={(event) => {
                if (event.target.value) void report(edit('swot.lemmas.merge', { sourceId: lemma.id, targetId: event.target.value }));
              }}
            >
              <option value="">{t('swot.lemma.chooseLemma')}</option>
              {otherLemmas.map((other) => (
                <option key={other.id} value={other.id}>
                  {other.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="button" className="button button-small button-danger" onClick={() => void report(edit('swot.lemmas.remove', { lemmaId: lemma.id }))}>
          {t('swot.lemma.remove')}
        </button>
      </div>
    </article>
  );
}
