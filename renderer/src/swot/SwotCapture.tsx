import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isQuadrant, type Quadrant } from '../../../shared/swot/quadrants';
import type { SwotItemView } from '../../../shared/contract/swot';
import { api } from '../api';
import { useCampaignId } from '../data/identity';
import { useContractQuery } from '../data/queries';
import { describeError } from '../errors';
import type { Entry, EntryQueue, SubmitResult } from '../input/entry-queue';
import { IdentityNotice } from '../input/IdentityNotice';
import { PendingEntry } from '../input/PendingEntry';
import { useKeptText } from '../input/useAutosave';
import { useEntryQueue } from '../input/useEntryQueue';
import { onUndone, recordUndo } from '../input/undo';
import { CaptureItem } from './CaptureItem';
import { GRID, neighbourQuadrant, quadrantLabel } from './quadrant-labels';
import { cx } from '../components/cx';
import alerts from '../components/alert.module.css';
import layout from '../components/layout.module.css';
import swot from './swot.module.css';
import styles from './SwotCapture.module.css';

/**
 * SWOT capture on site, for one conversation: four quadrants; type an item and press Enter to
 * add the next; Alt+arrow keys move a focused item to the quadrant beside or below it.
 * Both duo members can add items at once on their own laptops: merging is the store's job.
 */
export function SwotCapture({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  // Refreshes by itself after every item written here or arriving from the partner (change events).
  const capture = useContractQuery('swot.capture', { conversationId });
  const data = capture.data ?? null;
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? (capture.error ? describeError(t, capture.error.error) : null);
  const submit = useCallback(
    async (quadrant: Quadrant, text: string): Promise<SubmitResult> => {
      const result = await api.invoke('swot.items.add', { conversationId, quadrant, text });
      if (!result.ok) return result;
      return { ok: true, id: result.value.id };
    },
    [conversationId],
  );
  const { entries, queue, add, held } = useEntryQueue(`capture.${conversationId}`, submit, isQuadrant);

  useEffect(() => {
    if (!data) return;
    queue.reconcile(data.items.map((item) => ({ target: item.quadrant, text: item.text })));
    queue.settle(new Set(data.items.map((item) => item.id)));
  }, [data, queue]);

  // The item the user acted on keeps the focus once the list shows the outcome (the item in its new
  // quadrant, or the deleted item gone). Asked for before the write: the change event that
  // refreshes the list may arrive before the write's own answer does.
  const focusAfterLoad = useRef<FocusRequest | null>(null);
  const applyFocus = useCallback((items: readonly SwotItemView[] | undefined) => {
    const request = focusAfterLoad.current;
    if (!items || !request || !request.ready(items)) return;
    const element = document.querySelector<HTMLElement>(`[data-capture-item="${request.itemId}"]`);
    if (!element) return;
    focusAfterLoad.current = null;
    // Only a focus the redraw lost is given back: a user who has moved on keeps theirs.
    const active = document.activeElement;
    if (active === null || active === document.body) element.focus();
  }, []);
  useEffect(() => applyFocus(data?.items), [data, applyFocus]);
  // An undo changed the records: its change event refreshes the list; read now all the same.
  const { refetch } = capture;
  useEffect(() => onUndone(() => void refetch()), [refetch]);

  if (!data)
    return error ? (
      <p className={cx(alerts.alert, alerts.alertError)}>{error}</p>
    ) : (
      <p className={layout.muted}>{t('swot.common.loading')}</p>
    );

  return (
    <section aria-labelledby="swot-capture-title" data-testid="swot-capture">
      <h2 id="swot-capture-title">{t('swot.capture.title')}</h2>
      <p className={cx(layout.muted, layout.small)}>{t('swot.capture.help')}</p>
      {error ? (
        <p className={cx(alerts.alert, alerts.alertError)} role="alert">
          {error}
        </p>
      ) : null}
      {held ? <IdentityNotice /> : null}
      <div className={swot.grid}>
        {GRID.flat().map((quadrant) => (
          <QuadrantColumn
            key={quadrant}
            quadrant={quadrant}
            draftKey={`capture:${conversationId}:${quadrant}`}
            items={data.items.filter((item) => item.quadrant === quadrant)}
            entries={entries.filter((entry) => entry.target === quadrant)}
            queue={queue}
            add={add}
            focusAfter={(request) => {
              // A save's late answer never takes over what the user asked for since (a move, a delete).
              if (request?.afterSave && focusAfterLoad.current) return;
              focusAfterLoad.current = request;
              applyFocus(data.items);
            }}
            onChanged={(message) => setError(message)}
          />
        ))}
      </div>
    </section>
  );
}

/** Which item takes the focus, once the list (`ready`) shows the outcome of the user's action. */
interface FocusRequest {
  readonly itemId: string;
  readonly ready: (items: readonly SwotItemView[]) => boolean;
  /** Asked by an edit's save, whose answer may arrive after the user has acted again: yields to a pending request. */
  readonly afterSave?: boolean;
}

interface QuadrantColumnProps {
  readonly quadrant: Quadrant;
  /** The input's entry in the draft journal: text typed but not yet handed over with Enter. */
  readonly draftKey: string;
  readonly items: readonly SwotItemView[];
  readonly entries: readonly Entry<Quadrant>[];
  readonly queue: EntryQueue<Quadrant>;
  readonly add: (quadrant: Quadrant, text: string) => boolean;
  /** After an edit: the error to show (or null). */
  readonly onChanged: (error: string | null) => void;
  /** Asks that an item takes the focus once the list shows the outcome; null cancels. */
  readonly focusAfter: (request: FocusRequest | null) => void;
}

function QuadrantColumn({
  quadrant,
  draftKey,
  items,
  entries,
  queue,
  add: addEntry,
  onChanged,
  focusAfter,
}: QuadrantColumnProps) {
  const { t } = useTranslation();
  const campaignId = useCampaignId();
  const id = useId();
  const [text, setText] = useKeptText(draftKey);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const shown = new Set(items.map((item) => item.id));
  const open = entries.filter((entry) => !(entry.storedId && shown.has(entry.storedId)));

  function add() {
    // The DOM value, not the state: it is what the user typed up to this Enter, whatever React has rendered.
    const value = inputRef.current?.value ?? text;
    if (addEntry(quadrant, value)) setText('');
  }

  async function onItemKey(event: KeyboardEvent<HTMLLIElement>, item: SwotItemView) {
    if (event.altKey && event.key.startsWith('Arrow')) {
      const target = neighbourQuadrant(item.quadrant, event.key);
      event.preventDefault();
      if (!target) return;
      focusAfter({ itemId: item.id, ready: (now) => now.some((one) => one.id === item.id && one.quadrant === target) });
      const result = await api.invoke('swot.items.update', { itemId: item.id, quadrant: target });
      if (result.ok && campaignId) recordUndo(campaignId, 'moveItem', item.text, result.value.undo);
      else focusAfter(null);
      onChanged(result.ok ? null : describeError(t, result.error));
    } else if (event.key === 'Delete') {
      event.preventDefault();
      // The next item (or the previous, or the input) takes the focus: it stays where the user was.
      const index = items.findIndex((one) => one.id === item.id);
      const neighbour = items[index + 1] ?? items[index - 1];
      focusAfter(neighbour ? { itemId: neighbour.id, ready: (now) => !now.some((one) => one.id === item.id) } : null);
      const result = await api.invoke('swot.items.remove', { itemId: item.id });
      if (result.ok && campaignId) recordUndo(campaignId, 'removeItem', item.text, result.value.undo);
      else focusAfter(null);
      onChanged(result.ok ? null : describeError(t, result.error));
      if (!neighbour && result.ok) inputRef.current?.focus();
    }
  }

  return (
    <div className={cx(swot.quadrant, swot[quadrant])} data-testid={`capture-${quadrant}`} data-keep-clear>
      <h3 id={`${id}-title`}>
        <span className={cx(swot.dot, swot[quadrant])} aria-hidden="true" />
        {quadrantLabel(t, quadrant)} <span className={layout.muted}>({items.length})</span>
      </h3>
      <ul ref={listRef} className={styles.items} aria-labelledby={`${id}-title`}>
        {items.map((item) => (
          <CaptureItem
            key={item.id}
            item={item}
            onKey={(event) => void onItemKey(event, item)}
            onSaved={() => {
              onChanged(null);
              focusAfter({ itemId: item.id, ready: () => true, afterSave: true });
            }}
          />
        ))}
        {open.map((entry) => (
          <PendingEntry key={entry.key} entry={entry} queue={queue} />
        ))}
      </ul>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          add();
        }}
      >
        <label className="visually-hidden" htmlFor={`${id}-input`}>
          {t('swot.capture.addTo', { quadrant: quadrantLabel(t, quadrant) })}
        </label>
        <input
          ref={inputRef}
          id={`${id}-input`}
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder={t('swot.capture.placeholder')}
          autoComplete="off"
        />
      </form>
    </div>
  );
}
