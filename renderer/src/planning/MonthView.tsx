import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { monthGrid } from '../../../shared/domain/planning';
import { usePlanning } from './store';
import { duoLabel, statusLabel, type PlanRow } from './plan';
import { cx } from '../components/cx';
import { visitStatusClass } from '../components/visit-status';
import buttons from '../components/button.module.css';
import layout from '../components/layout.module.css';
import styles from './MonthView.module.css';

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
    <section className={cx(layout.card, styles.month)} aria-labelledby={`${id}-title`} data-testid="month-view">
      <div className={styles.monthHeader}>
        <button
          type="button"
          className={buttons.iconButton}
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
          className={buttons.iconButton}
          aria-label={t('planning.month.next')}
          onClick={() => setMonth(shift(month, 1))}
        >
          ›
        </button>
        <button
          type="button"
          className={cx(buttons.button, buttons.buttonSmall)}
          onClick={() => setMonth(new Date().toISOString().slice(0, 7))}
        >
          {t('planning.month.today')}
        </button>
      </div>
      <div className={styles.monthGrid} role="table" aria-label={title}>
        <div className={styles.monthRow} role="row">
          {weekdays.map((weekday) => (
            <div key={weekday} className={styles.monthWeekday} role="columnheader">
              {weekday}
            </div>
          ))}
        </div>
        {Array.from({ length: days.length / 7 }, (_, week) => (
          <div key={week} className={styles.monthRow} role="row">
            {days.slice(week * 7, week * 7 + 7).map((day) => {
              const visits = rows.filter((row) => row.visit.date === day.date);
              return (
                <div
                  key={day.date}
                  role="cell"
                  className={cx(styles.monthDay, !day.inMonth && styles.otherMonth)}
                  aria-label={dayLabel.format(new Date(`${day.date}T00:00:00Z`))}
                >
                  <div className={styles.monthDayNumber} aria-hidden="true">
                    {Number(day.date.slice(8))}
                  </div>
                  {visits.map((row) => (
                    <button
                      key={row.visit.id}
                      type="button"
                      className={cx(
                        styles.monthVisit,
                        visitStatusClass(row.visit.status),
                        warned.has(row.visit.id) && styles.warned,
                      )}
                      onClick={() => onEdit(row.visit.id)}
                      title={`${row.organisation?.name ?? ''} · ${duoLabel(t, row)} · ${statusLabel(t, row.visit.status)}`}
                    >
                      <span className={styles.monthVisitName} data-testid="month-visit-name">
                        {warned.has(row.visit.id) ? '⚠ ' : ''}
                        {row.organisation?.name ?? '—'}
                      </span>
                      <span className={styles.monthVisitDuo}>{duoLabel(t, row)}</span>
                    </button>
                  ))}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      {rows.length === 0 ? <p className={layout.emptyInline}>{t('planning.month.empty')}</p> : null}
    </section>
  );
}
