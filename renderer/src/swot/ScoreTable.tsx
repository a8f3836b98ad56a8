import { useTranslation } from 'react-i18next';
import { QUADRANTS } from '../../../shared/swot/quadrants';
import type { SwotBoard } from '../../../shared/contract/swot';
import { quadrantLabel } from './quadrant-labels';
import { cx } from '../components/cx';
import layout from '../components/layout.module.css';
import swot from './swot.module.css';
import styles from './ScoreTable.module.css';

/** The scored table per quadrant: rank, lemma, score, conversations k of N (computed by the services). */
export function ScoreTables({ board }: { board: SwotBoard }) {
  const { t } = useTranslation();
  const n = board.conversations.length;
  return (
    <section className={swot.panel} aria-labelledby="swot-scores-title">
      <h3 id="swot-scores-title">{t('swot.scores.title')}</h3>
      <p className={layout.muted}>{t('swot.scores.explain', { count: n })}</p>
      {QUADRANTS.map((quadrant) => {
        const rows = board.scored[quadrant];
        return (
          <table key={quadrant} className={styles.table} data-testid={`score-table-${quadrant}`}>
            <caption>{quadrantLabel(t, quadrant)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('swot.scores.rank')}</th>
                <th scope="col">{t('swot.scores.lemma')}</th>
                <th scope="col" className={styles.num}>
                  {t('swot.scores.score')}
                </th>
                <th scope="col" className={styles.num}>
                  {t('swot.scores.conversations')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={4} className={layout.muted}>
                    {t('swot.scores.none')}
                  </td>
                </tr>
              ) : (
                rows.map((row) => (
                  <tr key={`${row.lemmaId ?? 'text'}:${row.name}`}>
                    <td>{row.rank}</td>
                    <td>
                      {row.name}
                      {row.lemmaId === null ? <span className={styles.tag}>{t('swot.scores.fromText')}</span> : null}
                    </td>
                    <td className={cx(styles.num, styles.score)}>{row.display}</td>
                    <td className={styles.num}>{t('swot.scores.kOfN', { k: row.conversations, n })}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        );
      })}
    </section>
  );
}
