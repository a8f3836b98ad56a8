import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QUADRANTS, type Quadrant } from '../../../shared/swot/quadrants';
import type { TeamSwotView } from '../../../shared/contract/swot';
import { api } from '../api';
import { describeError, fieldErrors } from '../errors';
import { quadrantLabel } from './quadrant-labels';

/**
 * The team's own SWOT of a sector: unscored, exactly five lemmas per quadrant, listed
 * alphabetically so that no order implies weight.
 */
export function TeamSwot({ campaignId, sectorId }: { campaignId: string; sectorId: string }) {
  const { t } = useTranslation();
  const [view, setView] = useState<TeamSwotView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    void api.invoke('swot.team', { campaignId, sectorId }).then((result) => {
      if (!current) return;
      if (result.ok) setView(result.value);
      else setError(describeError(t, result.error));
    });
    return () => {
      current = false;
    };
  }, [campaignId, sectorId, t, version]);

  if (!view) return error ? <p className="alert alert-error">{error}</p> : <p className="muted">{t('swot.common.loading')}</p>;
  return (
    <section aria-labelledby="team-swot-title" data-testid="team-swot">
      <h2 id="team-swot-title">{t('swot.team.title', { sector: view.sectorName })}</h2>
      <p className="muted">{t('swot.team.rule')}</p>
      {error ? <p className="alert alert-error">{error}</p> : null}
      <div className="swot-grid">
        {QUADRANTS.map((quadrant) => (
          <TeamQuadrant
            key={quadrant}
            view={view}
            quadrant={quadrant}
            onChanged={(message) => {
              setError(message);
              setVersion((value) => value + 1);
            }}
          />
        ))}
      </div>
    </section>
  );
}

function TeamQuadrant({ view, quadrant, onChanged }: { view: TeamSwotView; quadrant: Quadrant; onChanged: (error: string | null) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const lemmas = view.lemmas[quadrant];
  const missing = view.missing[quadrant];
  const full = lemmas.length >= 5;
  return (
    <div className={`capture-quadrant q-${quadrant}`} data-testid={`team-${quadrant}`}>
      <h3>
        <span className={`quadrant-dot q-${quadrant}`} aria-hidden="true" />
        {quadrantLabel(t, quadrant)}{' '}
        <span className={missing === 0 ? 'badge badge-ok' : 'badge badge-warn'}>{t('swot.team.count', { count: lemmas.length })}</span>
      </h3>
      <p className="small muted" aria-live="polite">
        {missing > 0 ? t('swot.team.missing', { count: missing }) : missing < 0 ? t('swot.team.tooMany', { count: -missing }) : t('swot.team.complete')}
      </p>
      <ol className="plain-list team-lemmas">
        {lemmas.map((lemma) => (
          <li key={lemma.id}>
            <span>{lemma.name}</span>
            <button
              type="button"
              className="button button-small"
              aria-label={t('swot.team.removeLemma', { name: lemma.name })}
              onClick={() => void api.invoke('swot.lemmas.remove', { lemmaId: lemma.id }).then((result) => onChanged(result.ok ? null : describeError(t, result.error)))}
            >
              {t('swot.lemma.remove')}
            </button>
          </li>
        ))}
      </ol>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void api
            .invoke('swot.lemmas.create', { campaignId: view.campaignId, sectorId: view.sectorId, groupId: view.groupId, quadrant, name, itemIds: [] })
            .then(async (result) => {
              if (result.ok) {
                setName('');
                setFieldError(null);
                onChanged(null);
              } else setFieldError(fieldErrors(t, result.error).name ?? describeError(t, result.error));
            });
        }}
      >
        <label className="visually-hidden" htmlFor={`${id}-name`}>
          {t('swot.team.addTo', { quadrant: quadrantLabel(t, quadrant) })}
        </label>
        <input id={`${id}-name`} value={name} onChange={(event) => setName(event.target.value)} disabled={full} placeholder={full ? t('swot.team.fullHint') : t('swot.team.placeholder')} />
        <button type="submit" className="button button-small" disabled={full}>
          {t('swot.team.add')}
        </button>
        {fieldError ? <p className="field-error">{fieldError}</p> : null}
      </form>
    </div>
  );
}
