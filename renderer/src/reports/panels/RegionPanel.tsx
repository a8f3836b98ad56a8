import type { Editor } from '@tiptap/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionSources } from '../../../../shared/contract/reports';
import { REPORT_NODES, type QuoteSource } from '../../../../shared/report/model';
import { useContractQuery } from '../../data/queries';
import { describeError } from '../../errors';
import { formatDate } from '../../format/dates';
import { insertAtCursor, newBlockId } from '../block-catalog';
import { cx } from '../../components/cx';
import alerts from '../../components/alert.module.css';
import buttons from '../../components/button.module.css';
import layout from '../../components/layout.module.css';
import shared from '../reports.module.css';
import styles from './RegionPanel.module.css';

type Visit = RegionSources['visits'][number];

/** Inserts a quote of a source at the cursor: its text as paragraphs, with the link and fingerprint of the source. */
export function insertQuote(
  editor: Editor,
  source: { table: QuoteSource; id: string; visitId: string; text: string; fingerprint: string },
): boolean {
  const paragraphs = source.text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  return insertAtCursor(editor, {
    type: REPORT_NODES.sourceQuote,
    attrs: {
      blockId: newBlockId(),
      sourceTable: source.table,
      sourceId: source.id,
      visitId: source.visitId,
      fingerprint: source.fingerprint,
      quotedAt: new Date().toISOString(),
    },
    content: (paragraphs.length > 0 ? paragraphs : [source.text]).map((line) => ({
      type: 'paragraph',
      content: [{ type: 'text', text: line }],
    })),
  });
}

/**
 * The region coordinator's merge panel: the region's visits with their review state, and per
 * visit its good practices, notes per guiding question and SWOT items, each pulled into the
 * report as a quote that keeps a link to its source.
 */
export function RegionPanel({ reportId, editor }: { readonly reportId: string; readonly editor: Editor | null }) {
  const { t, i18n } = useTranslation();
  const sources = useContractQuery('reports.regionSources', { reportId });
  const [open, setOpen] = useState<string | null>(null);
  const canInsert = editor !== null && editor.isEditable;

  return (
    <div className={shared.sidePanel} data-testid="region-panel">
      <h3>
        {sources.data ? t('reports.region.title', { region: sources.data.regionName }) : t('reports.region.titlePlain')}
      </h3>
      {sources.error ? (
        <p className={cx(alerts.alert, alerts.alertError)}>{describeError(t, sources.error.error)}</p>
      ) : null}
      {sources.isPending ? <p className={layout.muted}>{t('reports.common.loading')}</p> : null}
      {sources.data && sources.data.visits.length === 0 ? (
        <p className={layout.muted}>{t('reports.region.noVisits')}</p>
      ) : null}
      {!canInsert ? <p className={cx(layout.muted, layout.small)}>{t('reports.blocks.noEditor')}</p> : null}
      <ul className={styles.regionVisits}>
        {sources.data?.visits.map((visit) => (
          <li key={visit.id} className={styles.regionVisit}>
            <button
              type="button"
              className={styles.regionVisitHead}
              aria-expanded={open === visit.id}
              onClick={() => setOpen(open === visit.id ? null : visit.id)}
            >
              <span className={styles.regionVisitName}>{visit.organisation}</span>
              <span className={cx(layout.muted, layout.small)}>
                {visit.date ? formatDate(i18n.language, visit.date) : t('reports.evidence.noDate')} ·{' '}
                {visit.duo.length > 0 ? visit.duo.join(' & ') : t('planning.noDuo')}
              </span>
              <span className={cx(styles.reviewState, styles[`state-${visit.status}`])}>
                {t(`planning.statuses.${visit.status as 'planned'}`, { defaultValue: visit.status })}
              </span>
            </button>
            {open === visit.id ? <VisitSources visit={visit} editor={canInsert ? editor : null} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function VisitSources({ visit, editor }: { readonly visit: Visit; readonly editor: Editor | null }) {
  const { t } = useTranslation();
  const quote = (table: QuoteSource, source: { id: string; text: string; fingerprint: string }) => {
    if (editor)
      insertQuote(editor, {
        table,
        id: source.id,
        visitId: visit.id,
        text: source.text,
        fingerprint: source.fingerprint,
      });
  };
  const button = (table: QuoteSource, source: { id: string; text: string; fingerprint: string }) => (
    <button
      type="button"
      className={cx(buttons.button, buttons.buttonSmall)}
      disabled={!editor}
      onClick={() => quote(table, source)}
      aria-label={t('reports.region.quoteLabel', { text: source.text.slice(0, 60) })}
    >
      {t('reports.region.quote')}
    </button>
  );
  return (
    <div className={styles.visitSources}>
      <h4>{t('reports.region.goodPractices', { count: visit.goodPractices.length })}</h4>
      <ul>
        {visit.goodPractices.map((practice) => (
          <li key={practice.id} className={styles.sourceRow}>
            <span>{practice.text}</span>
            {button('good_practices', practice)}
          </li>
        ))}
      </ul>
      <h4>{t('reports.region.notes', { count: visit.notes.length })}</h4>
      <ul>
        {visit.notes.map((note) => (
          <li key={note.id} className={styles.sourceRow}>
            <span>
              {note.question ? <strong>{note.question} </strong> : null}
              {note.text} <span className={cx(layout.muted, layout.small)}>· {note.author}</span>
            </span>
            {button('notes', note)}
          </li>
        ))}
      </ul>
      <h4>{t('reports.region.items', { count: visit.items.length })}</h4>
      <ul>
        {visit.items.map((item) => (
          <li key={item.id} className={styles.sourceRow}>
            <span>
              <span className={cx(layout.muted, layout.small)}>{t(`swot.quadrants.${item.quadrant}`)}: </span>
              {item.text}
            </span>
            {button('swot_items', item)}
          </li>
        ))}
      </ul>
    </div>
  );
}
