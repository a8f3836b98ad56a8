import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { monthGrid } from '../../../shared/domain/planning';
import { usePlanning } from './store';
import { duoLabel, statusLabel, type PlanRow } from './plan';

function currentMonth(rows: readonly PlanRow[]): string {
  const today = new Date().toISOString().slice(0, 7);
  const upcoming = rows
    .map((row) => row.visit.date)
    .filter((date): date is string => Boolean(date) && (date as string).slice(0, 7) >= today);
  return (upcoming[0] ?? rows.find((row) => row.visit.date)?.visit.date ?? today).slice(0, 7);
}

function shift(month: string, delta: number): string {
  const [year = 2000, index = 1] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year, index - 1 + delta, 1));
  return date.toISOString().slice(0, 7);
}

/** A month calendar of the (filtered) visits: weeks from Monday, each visit a button that opens it in the form. */
export function MonthView({
  rows,
  warned,
  onEdit,
}: {
  readonly rows: readonly PlanRow[];
  readonly warned: ReadonlySet<string>;
  readonly onEdit: (visitId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const stored = usePlanning((state) => state.month);
  const setMonth = usePlanning((state) => state.setMonth);
  const month = stored ?? currentMonth(rows);
  const [year = 2000, index = 1] = month.split('-').map(Number);
  const days = monthGrid(year, index - 1);
  const title = new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, index - 1, 1)),
  );
  const weekdays = Array.from({ length: 7 }, (_, day) =>
    new Intl.DateTimeFormat(i18n.language, { weekday: 'short', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2024, 0, 1 + day)),
    ),
  );
  const dayLabel = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full', timeZone: 'UTC' });

  return (
    <section className="card month" aria-labelledby={`${id}-title`} data-testid="month-view">
      <div className="month-header">
        <button
          type="button"
          className="icon-button"
          aria-label={t('planning.month.previous')}
          onClick={() => setMonth(shift(month, -1))}
        >
          ‹
        </button>
        <h2 id={`${id}-title`} aria-live="polite">
          {title}
        </h2>
        <button
          type="button"
          className="icon-button"
          aria-label={t('planning.month.next')}
          onClick={() => setMonth(shift(month, 1))}
        >
          ›
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => setMonth(new Date().toISOString().slice(0, 7))}
        >
          {t('planning.month.today')}
        </button>
      </div>
      <div className="month-grid" role="table" aria-label={title}>
        <div className="month-row" role="row">
          {weekdays.map((weekday) => (
            <div key={weekday} className="month-weekday" role="columnheader">
              {weekday}
            </div>
          ))}
        </div>
        {Array.from({ length: days.length / 7 }, (_, week) => (
          <div key={week} className="month-row" role="row">
            {days.slice(week * 7, week * 7 + 7).map((day) => {
              const visits = rows.filter((row) => row.visit.date === day.date);
              return (
                <div
                  key={day.date}
                  role="cell"
                  className={`month-day${day.inMonth ? '' : ' other-month'}`}
                  aria-label={dayLabel.format(new Date(`${day.date}T00:00:00Z`))}
                >
                  <div className="month-day-number" aria-hidden="true">
                    {Number(day.date.slice(8))}
                  </div>
                  {visits.map((row) => (
                    <button
                      key={row.visit.id}
                      type="button"
                      className={`month-visit visit-${row.visit.status ?? 'planned'}${warned.has(row.visit.id) ? ' warned' : ''}`}
                      onClick={() => onEdit(row.visit.id)}
                      title={`${row.organisation?.name ?? ''} · ${duoLabel(t, row)} · ${statusLabel(t, row.visit.status)}`}
                    >
                      <span className="month-visit-name">
                        {warned.has(row.visit.id) ? '⚠ ' : ''}
                        {row.organisation?.name ?? '—'}
                      </span>
                      <span className="month-visit-duo">{duoLabel(t, row)}</span>
                    </button>
                  ))}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      {rows.length === 0 ? <p className="empty-inline">{t('planning.month.empty')}</p> : null}
    </section>
  );
}
