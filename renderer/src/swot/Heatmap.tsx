import { useTranslation } from 'react-i18next';
import type { SwotBoard } from '../../../shared/contract/swot';
import { quadrantLabel } from './quadrant-labels';
import { cx } from '../components/cx';
import layout from '../components/layout.module.css';
import swot from './swot.module.css';
import styles from './Heatmap.module.css';

/** The lemma × conversation matrix as a heat map: which conversation mentioned which lemma, how often. */
export function Heatmap({ board }: { board: SwotBoard }) {
  const { t } = useTranslation();
  const { rows, maxCell } = board.matrix;
  if (rows.length === 0) {
    return (
      <section className={swot.panel} aria-labelledby="swot-heatmap-title">
        <h3 id="swot-heatmap-title">{t('swot.heatmap.title')}</h3>
        <p className={layout.muted}>{t('swot.heatmap.empty')}</p>
      </section>
    );
  }
  return (
    <section className={swot.panel} aria-labelledby="swot-heatmap-title">
      <h3 id="swot-heatmap-title">{t('swot.heatmap.title')}</h3>
      <div className={styles.scroll} data-testid="heatmap-scroll">
        <table className={styles.heatmap} data-testid="heatmap">
          <thead>
            <tr>
              <th scope="col">{t('swot.scores.lemma')}</th>
              {board.conversations.map((conversation, index) => (
                <th key={conversation.id} scope="col" title={conversation.label}>
                  {t('swot.heatmap.column', { index: index + 1 })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.quadrant}:${row.lemmaId ?? row.name}`}>
                <th scope="row" title={`${row.name} · ${quadrantLabel(t, row.quadrant)}`}>
                  <span className={cx(swot.dot, swot[row.quadrant])} aria-hidden="true" />
                  {row.name} <span className={layout.muted}>({row.display})</span>
                </th>
                {row.cells.map((count, index) => {
                  const strength = maxCell === 0 ? 0 : count / maxCell;
                  return (
                    <td
                      key={board.conversations[index]?.id ?? index}
                      className={count > 0 ? styles.hit : undefined}
                      style={{
                        backgroundColor: count > 0 ? `rgba(31, 95, 139, ${0.15 + 0.75 * strength})` : undefined,
                      }}
                      aria-label={t('swot.heatmap.cell', {
                        count,
                        lemma: row.name,
                        conversation: board.conversations[index]?.label ?? '',
                      })}
                    >
                      {count > 0 ? count : ''}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ol className={styles.legend}>
        {board.conversations.map((conversation, index) => (
          <li key={conversation.id}>
            <strong>{t('swot.heatmap.column', { index: index + 1 })}</strong> {conversation.label}
          </li>
        ))}
      </ol>
    </section>
  );
}
