import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../shared/contract/result';
import type {
  GroupSuggestion,
  LemmaSuggestion,
  SwotAgreement,
  SwotBoard,
  SwotItemView,
} from '../../../shared/contract/swot';
import { api } from '../api';
import { RecordLine } from '../conflicts/RecordLine';
import { describeError } from '../errors';
import { isQuadrant } from '../../../shared/swot/quadrants';
import { quadrantLabel } from './quadrant-labels';
import { rankSuggestions, type RankedSuggestion } from './board-view';
import { useSwotBoard, type BoardState } from './store';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import forms from '../components/form.module.css';
import layout from '../components/layout.module.css';
import lists from '../components/list.module.css';
import swot from './swot.module.css';
import styles from './SidePanels.module.css';

/** Items mentioned in one conversation and under no lemma: dropped from the table, kept in the data. */
export function NotRetainedList({ board }: { board: SwotBoard }) {
  const { t } = useTranslation();
  const byId = new Map(board.items.map((item) => [item.id, item]));
  return (
    <section className={swot.panel} aria-labelledby="swot-not-retained">
      <h3 id="swot-not-retained">{t('swot.notRetained.title', { count: board.notRetainedItemIds.length })}</h3>
      <p className={cx(layout.muted, layout.small)}>{t('swot.notRetained.explain')}</p>
      <ul className={lists.plainList} data-testid="not-retained">
        {board.notRetainedItemIds.map((id) => {
          const item = byId.get(id);
          return item ? (
            <li key={id}>
              <span
                className={cx(swot.dot, swot[item.quadrant])}
                title={quadrantLabel(t, item.quadrant)}
                aria-hidden="true"
              />{' '}
              {item.text}
            </li>
          ) : null;
        })}
      </ul>
    </section>
  );
}

export function SuggestionsPanel({
  board,
  onError,
}: {
  board: SwotBoard;
  onError: (error: ContractError | null) => void;
}) {
  const { t } = useTranslation();
  const { suggestions, suggesting, suggest, reject, edit, scope } = useSwotBoard();
  const byId = new Map(board.items.map((item) => [item.id, item]));
  const groups = suggestions?.groups ?? [];
  const lemmas = suggestions?.lemmas ?? [];
  const ranked = rankSuggestions(groups, lemmas);
  return (
    <section className={swot.panel} aria-labelledby="swot-suggestions">
      <h3 id="swot-suggestions">{t('swot.suggestions.title')}</h3>
      <p className={cx(layout.muted, layout.small)}>{t('swot.suggestions.explain')}</p>
      <button type="button" className={buttons.button} onClick={() => void suggest()} disabled={suggesting}>
        {suggesting
          ? t('swot.suggestions.working')
          : suggestions
            ? t('swot.suggestions.refresh')
            : t('swot.suggestions.run')}
      </button>
      {suggestions && groups.length === 0 && lemmas.length === 0 ? (
        <p className={layout.muted}>{t('swot.suggestions.none')}</p>
      ) : null}
      <SuggestionRows ranked={ranked} byId={byId} onError={onError} actions={{ edit, reject, scope }} />
    </section>
  );
}

/** Above this many suggestions the list is virtualised, in a scroll area of its own. */
const VIRTUALISE_SUGGESTIONS_ABOVE = 30;

function SuggestionRows({ ranked, ...props }: RowProps & { readonly ranked: readonly RankedSuggestion[] }) {
  const row = (one: RankedSuggestion, place?: RowPlace) =>
    one.kind === 'group' ? (
      <GroupRow key={one.key} group={one.group} place={place} {...props} />
    ) : (
      <HintRow key={one.key} hint={one.hint} place={place} {...props} />
    );
  if (ranked.length <= VIRTUALISE_SUGGESTIONS_ABOVE)
    return (
      <ul className={styles.suggestionList} data-testid="suggestions">
        {ranked.map((one) => row(one))}
      </ul>
    );
  return <VirtualSuggestions ranked={ranked} row={row} />;
}

function VirtualSuggestions({
  ranked,
  row,
}: {
  readonly ranked: readonly RankedSuggestion[];
  readonly row: (one: RankedSuggestion, place: RowPlace) => ReactNode;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualiser's functions change with its state; nothing here memoises them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: ranked.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 96,
    gap: 6,
    getItemKey: (index) => ranked[index]?.key ?? index,
    overscan: 4,
  });
  return (
    <div ref={scrollRef} className={styles.suggestionScroll} data-testid="suggestion-scroll">
      <ul
        className={cx(styles.suggestionList, styles.virtual)}
        data-testid="suggestions"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const one = ranked[item.index];
          return one
            ? row(one, {
                index: item.index,
                measure: virtualizer.measureElement,
                style: {
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  width: '100%',
                  transform: `translateY(${item.start}px)`,
                },
              })
            : null;
        })}
      </ul>
    </div>
  );
}

interface RowProps {
  readonly byId: ReadonlyMap<string, SwotItemView>;
  readonly onError: (error: ContractError | null) => void;
  /** The board's actions, passed down: a row does not subscribe to the board itself. */
  readonly actions: Pick<BoardState, 'edit' | 'reject' | 'scope'>;
}

/** Where a row sits in a virtualised list and how the list measures it. */
interface RowPlace {
  readonly index: number;
  readonly style: CSSProperties;
  readonly measure: (node: Element | null) => void;
}

function GroupRow({
  group,
  byId,
  onError,
  actions: { reject, edit, scope },
  place,
}: RowProps & { readonly group: GroupSuggestion; readonly place?: RowPlace | undefined }) {
  const { t } = useTranslation();
  return (
    <li
      className={styles.suggestion}
      data-suggestion="group"
      data-confidence={group.confidence}
      ref={place?.measure}
      data-index={place?.index}
      style={place?.style}
    >
      <div>
        <strong>{group.name}</strong>{' '}
        <span className={layout.muted}>
          ({quadrantLabel(t, group.quadrant)},{' '}
          {t('swot.suggestions.confidence', { value: Math.round(group.confidence * 100) })})
        </span>
        {group.terms.length > 0 ? (
          <div className={cx(layout.muted, layout.small)}>
            {t('swot.suggestions.because', { terms: group.terms.join(', ') })}
          </div>
        ) : null}
        <ul className={cx(lists.plainList, layout.small)}>
          {group.itemIds.map((id) => (
            <li key={id}>{byId.get(id)?.text}</li>
          ))}
        </ul>
      </div>
      <div className={styles.actions}>
        <button
          type="button"
          className={cx(buttons.button, buttons.buttonSmall, buttons.buttonPrimary)}
          onClick={() =>
            scope
              ? void edit('swot.lemmas.create', {
                  ...scope,
                  quadrant: group.quadrant,
                  name: group.name,
                  itemIds: [...group.itemIds],
                }).then((error) => onError(error))
              : undefined
          }
        >
          {t('swot.suggestions.accept')}
        </button>
        <button
          type="button"
          className={cx(buttons.button, buttons.buttonSmall)}
          onClick={() => void reject({ itemIds: group.itemIds, lemmaId: null }).then((error) => onError(error))}
        >
          {t('swot.suggestions.reject')}
        </button>
      </div>
    </li>
  );
}

function HintRow({
  hint,
  byId,
  onError,
  actions: { reject, edit },
  place,
}: RowProps & { readonly hint: LemmaSuggestion; readonly place?: RowPlace | undefined }) {
  const { t } = useTranslation();
  return (
    <li
      className={styles.suggestion}
      data-suggestion="lemma"
      data-confidence={hint.confidence}
      ref={place?.measure}
      data-index={place?.index}
      style={place?.style}
    >
      <div>
        {t('swot.suggestions.itemToLemma', { item: byId.get(hint.itemId)?.text ?? '', lemma: hint.lemmaName })}{' '}
        <span className={layout.muted}>
          ({t('swot.suggestions.confidence', { value: Math.round(hint.confidence * 100) })})
        </span>
        {hint.terms.length > 0 ? (
          <div className={cx(layout.muted, layout.small)}>
            {t('swot.suggestions.because', { terms: hint.terms.join(', ') })}
          </div>
        ) : null}
      </div>
      <div className={styles.actions}>
        <button
          type="button"
          className={cx(buttons.button, buttons.buttonSmall, buttons.buttonPrimary)}
          onClick={() =>
            void edit('swot.items.assign', { itemIds: [hint.itemId], lemmaId: hint.lemmaId }).then((error) =>
              onError(error),
            )
          }
        >
          {t('swot.suggestions.accept')}
        </button>
        <button
          type="button"
          className={cx(buttons.button, buttons.buttonSmall)}
          onClick={() => void reject({ itemIds: [hint.itemId], lemmaId: hint.lemmaId }).then((error) => onError(error))}
        >
          {t('swot.suggestions.reject')}
        </button>
      </div>
    </li>
  );
}

export function ConflictsPanel({
  board,
  onError,
}: {
  board: SwotBoard;
  onError: (error: ContractError | null) => void;
}) {
  const { t } = useTranslation();
  const edit = useSwotBoard((state) => state.edit);
  if (board.conflicts.length === 0) return null;
  return (
    <section className={cx(swot.panel, styles.conflicts)} aria-labelledby="swot-conflicts">
      <h3 id="swot-conflicts">{t('swot.conflicts.title', { count: board.conflicts.length })}</h3>
      <p className={layout.small}>{t('swot.conflicts.explain')}</p>
      <ul className={lists.plainList} data-testid="conflicts">
        {board.conflicts.map((conflict) => (
          <li key={conflict.id} className={styles.conflict}>
            <RecordLine table={conflict.record.table} record={conflict.record} />
            <div>{t(`swot.conflicts.column.${conflict.column}`)}</div>
            <div>
              {t('swot.conflicts.mine')}:{' '}
              <strong>
                {conflict.column === 'quadrant' && isQuadrant(conflict.mine)
                  ? quadrantLabel(t, conflict.mine)
                  : conflict.mine}
              </strong>
            </div>
            <div>
              {t('swot.conflicts.theirs', { author: conflict.theirsAuthor })}:{' '}
              <strong>
                {conflict.column === 'quadrant' && isQuadrant(conflict.theirs)
                  ? quadrantLabel(t, conflict.theirs)
                  : conflict.theirs}
              </strong>
            </div>
            <div className={styles.actions}>
              <button
                type="button"
                className={cx(buttons.button, buttons.buttonSmall)}
                onClick={() =>
                  void edit('swot.conflicts.resolve', { conflictId: conflict.id, choice: 'mine' }).then((error) =>
                    onError(error),
                  )
                }
              >
                {t('swot.conflicts.keepMine')}
              </button>
              <button
                type="button"
                className={cx(buttons.button, buttons.buttonSmall)}
                onClick={() =>
                  void edit('swot.conflicts.resolve', { conflictId: conflict.id, choice: 'theirs' }).then((error) =>
                    onError(error),
                  )
                }
              >
                {t('swot.conflicts.keepTheirs')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Cohen's kappa between two members' item → lemma choices, for teams that cluster blind and compare. */
export function AgreementPanel({ board }: { board: SwotBoard }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [memberA, setMemberA] = useState(board.members[0]?.id ?? '');
  const [memberB, setMemberB] = useState(board.members[1]?.id ?? '');
  const [result, setResult] = useState<SwotAgreement | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (board.members.length < 2) return null;
  const format = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
  return (
    <section className={swot.panel} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('swot.agreement.title')}</h3>
      <p className={cx(layout.muted, layout.small)}>{t('swot.agreement.explain')}</p>
      <form
        className={swot.inlineForm}
        onSubmit={(event) => {
          event.preventDefault();
          void api
            .invoke('swot.agreement', {
              campaignId: board.scope.campaignId,
              sectorId: board.scope.sectorId,
              groupId: board.scope.groupId,
              memberA,
              memberB,
            })
            .then((answer) => {
              if (answer.ok) {
                setResult(answer.value);
                setError(null);
              } else setError(describeError(t, answer.error));
            });
        }}
      >
        <label htmlFor={`${id}-a`}>{t('swot.agreement.memberA')}</label>
        <select id={`${id}-a`} value={memberA} onChange={(event) => setMemberA(event.target.value)}>
          {board.members.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-b`}>{t('swot.agreement.memberB')}</label>
        <select id={`${id}-b`} value={memberB} onChange={(event) => setMemberB(event.target.value)}>
          {board.members.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name}
            </option>
          ))}
        </select>
        <button type="submit" className={cx(buttons.button, buttons.buttonSmall)}>
          {t('swot.agreement.compute')}
        </button>
      </form>
      {error ? <p className={forms.fieldError}>{error}</p> : null}
      {result ? (
        <p data-testid="agreement">
          {result.kappa === null
            ? t('swot.agreement.undefined', { items: t('field.counts.items', { count: result.items }) })
            : t('swot.agreement.result', {
                kappa: format.format(result.kappa),
                observed: Math.round(result.observed * 100),
                items: t('field.counts.items', { count: result.items }),
              })}
        </p>
      ) : null}
    </section>
  );
}
