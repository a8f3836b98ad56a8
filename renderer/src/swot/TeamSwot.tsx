import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isQuadrant, QUADRANTS, type Quadrant } from '../../../shared/swot/quadrants';
import type { TeamSwotView } from '../../../shared/contract/swot';
import { api } from '../api';
import { useContractQuery } from '../data/queries';
import { describeError } from '../errors';
import type { Entry, EntryQueue, SubmitResult } from '../input/entry-queue';
import { IdentityNotice } from '../input/IdentityNotice';
import { PendingEntry } from '../input/PendingEntry';
import { RetireButton } from '../input/RetireButton';
import { recordUndo } from '../input/undo';
import { useKeptText } from '../input/useAutosave';
import { useEntryQueue } from '../input/useEntryQueue';
import { quadrantLabel } from './quadrant-labels';
import { cx } from '../components/cx';
import alerts from '../components/alert.module.css';
import buttons from '../components/button.module.css';
import layout from '../components/layout.module.css';
import lists from '../components/list.module.css';
import swot from './swot.module.css';
import styles from './TeamSwot.module.css';

/**
 * The team's own SWOT of a sector: unscored, exactly five lemmas per quadrant, listed
 * alphabetically so that no order implies weight.
 */
export function TeamSwot({ campaignId, sectorId }: { campaignId: string; sectorId: string }) {
  const { t } = useTranslation();
  // Refreshes by itself after every lemma written here or arriving (change events).
  const team = useContractQuery('swot.team', { campaignId, sectorId });
  const view = team.data ?? null;
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? (team.error ? describeError(t, team.error.error) : null);
  const groupId = view?.groupId ?? null;
  const submit = useCallback(
    async (quadrant: Quadrant, name: string): Promise<SubmitResult> => {
      if (!groupId)
        return { ok: false, error: { code: 'INTERNAL', message: 'TRANSPORT: the team SWOT is not loaded' } };
      const result = await api.invoke('swot.lemmas.create', {
        campaignId,
        sectorId,
        groupId,
        quadrant,
        name,
        itemIds: [],
      });
      if (!result.ok) return result;
      return { ok: true, id: result.value.id };
    },
    [campaignId, sectorId, groupId],
  );
  const { entries, queue, add, held } = useEntryQueue(`team.${campaignId}.${sectorId}`, submit, isQuadrant);

  useEffect(() => {
    if (!view) return;
    queue.reconcile(
      QUADRANTS.flatMap((quadrant) => view.lemmas[quadrant].map((lemma) => ({ target: quadrant, text: lemma.name }))),
    );
    queue.settle(new Set(QUADRANTS.flatMap((quadrant) => view.lemmas[quadrant].map((lemma) => lemma.id))));
  }, [view, queue]);

  if (!view)
    return error ? (
      <p className={cx(alerts.alert, alerts.alertError)}>{error}</p>
    ) : (
      <p className={layout.muted}>{t('swot.common.loading')}</p>
    );
  return (
    <section aria-labelledby="team-swot-title" data-testid="team-swot">
      <h2 id="team-swot-title">{t('swot.team.title', { sector: view.sectorName })}</h2>
      <p className={layout.muted}>{t('swot.team.rule')}</p>
      {error ? <p className={cx(alerts.alert, alerts.alertError)}>{error}</p> : null}
      {held ? <IdentityNotice /> : null}
      <div className={swot.grid}>
        {QUADRANTS.map((quadrant) => (
          <TeamQuadrant
            key={quadrant}
            view={view}
            quadrant={quadrant}
            entries={entries.filter((entry) => entry.target === quadrant)}
            queue={queue}
            add={add}
            onChanged={(message) => {
              setError(message);
            }}
          />
        ))}
      </div>
    </section>
  );
}

interface TeamQuadrantProps {
  readonly view: TeamSwotView;
  readonly quadrant: Quadrant;
  readonly entries: readonly Entry<Quadrant>[];
  readonly queue: EntryQueue<Quadrant>;
  readonly add: (quadrant: Quadrant, text: string) => boolean;
  readonly onChanged: (error: string | null) => void;
}

function TeamQuadrant({ view, quadrant, entries, queue, add, onChanged }: TeamQuadrantProps) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useKeptText(`team:${view.campaignId}:${view.sectorId}:${quadrant}`);
  const inputRef = useRef<HTMLInputElement>(null);
  const lemmas = view.lemmas[quadrant];
  const shown = new Set(lemmas.map((lemma) => lemma.id));
  const open = entries.filter((entry) => !(entry.storedId && shown.has(entry.storedId)));
  const missing = view.missing[quadrant];
  // Entries still on their way count: a sixth one is not typed while the fifth is being saved.
  const full = lemmas.length + open.filter((entry) => entry.state !== 'failed').length >= 5;

  useEffect(() => {
    // The input is disabled once the quadrant is full: focus stays in the quadrant, on its list.
    if (full && (document.activeElement === document.body || document.activeElement === inputRef.current))
      document.getElementById(`${id}-list`)?.focus();
  }, [full, id]);

  return (
    <div className={cx(swot.quadrant, swot[quadrant])} data-testid={`team-${quadrant}`}>
      <h3>
        <span className={cx(swot.dot, swot[quadrant])} aria-hidden="true" />
        {quadrantLabel(t, quadrant)}{' '}
        <span className={layout.badge}>{t('swot.team.count', { count: lemmas.length })}</span>
      </h3>
      <p className={cx(layout.small, layout.muted)} aria-live="polite">
        {missing > 0
          ? t('swot.team.missing', { count: missing })
          : missing < 0
            ? t('swot.team.tooMany', { count: -missing })
            : t('swot.team.complete')}
      </p>
      <ol className={cx(lists.plainList, styles.lemmas)} id={`${id}-list`} tabIndex={-1}>
        {lemmas.map((lemma) => (
          <li key={lemma.id}>
            <span>{lemma.name}</span>
            {/* Acts only on an explicit confirm, and goes on the undo stack (toast, Ctrl+Z). */}
            <RetireButton
              name={lemma.name}
              className={cx(buttons.button, buttons.buttonSmall)}
              label={t('swot.team.removeLemma', { name: lemma.name })}
              words={{
                button: t('swot.lemma.remove'),
                question: t('swot.team.removeLemma', { name: lemma.name }),
                yes: t('field.confirm.yesRemove'),
              }}
              onConfirm={() =>
                void api.invoke('swot.lemmas.remove', { lemmaId: lemma.id }).then((result) => {
                  if (result.ok) recordUndo(view.campaignId, 'removeLemma', lemma.name, result.value.undo);
                  onChanged(result.ok ? null : describeError(t, result.error));
                  // The lemma is gone: the focus stays in its quadrant, on the list.
                  document.getElementById(`${id}-list`)?.focus();
                })
              }
            />
          </li>
        ))}
        {open.map((entry) => (
          <PendingEntry key={entry.key} entry={entry} queue={queue} />
        ))}
      </ol>
      <form
        className={swot.inlineForm}
        onSubmit={(event) => {
          event.preventDefault();
          if (add(quadrant, inputRef.current?.value ?? name)) setName('');
        }}
      >
        <label className="visually-hidden" htmlFor={`${id}-name`}>
          {t('swot.team.addTo', { quadrant: quadrantLabel(t, quadrant) })}
        </label>
        <input
          ref={inputRef}
          id={`${id}-name`}
          value={name}
          onChange={(event) => setName(event.target.value)}
          disabled={full}
          placeholder={full ? t('swot.team.fullHint') : t('swot.team.placeholder')}
        />
        <button type="submit" className={cx(buttons.button, buttons.buttonSmall)} disabled={full}>
          {t('swot.team.add')}
        </button>
      </form>
    </div>
  );
}
