import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SwotBoard } from '../../../shared/contract/swot';
import { lemmaMatrixCsv, scoredSwotCsv, type SwotCsvHeaders } from '../../../shared/export/csv';
import { QUADRANTS } from '../../../shared/swot/quadrants';
import { quadrantLabel } from '../swot/quadrant-labels';
import { downloadCsv, fileNamePart } from './download';
import buttons from '../components/button.module.css';
import styles from './SwotCsvExport.module.css';

function headers(t: TFunction): SwotCsvHeaders {
  return {
    quadrant: t('export.csv.headers.quadrant'),
    rank: t('export.csv.headers.rank'),
    lemma: t('export.csv.headers.lemma'),
    conversations: t('export.csv.headers.conversations'),
    score: t('export.csv.headers.score'),
    items: t('export.csv.headers.items'),
    quadrantNames: Object.fromEntries(
      QUADRANTS.map((quadrant) => [quadrant, quadrantLabel(t, quadrant)]),
    ) as SwotCsvHeaders['quadrantNames'],
  };
}

/** The raw material of a scope for use outside the app: scored tables and the lemma × conversation matrix as CSV. */
export function SwotCsvExport({ board }: { board: SwotBoard }) {
  const { t } = useTranslation();
  const scope = fileNamePart(`${board.scope.sectorName}-${board.scope.groupName}`);
  return (
    <div className={styles.swotCsvExport}>
      <button
        type="button"
        className={buttons.button}
        onClick={() => downloadCsv(scoredSwotCsv(board, headers(t)), t('export.csv.fileScored', { scope }))}
      >
        {t('export.csv.scored')}
      </button>
      <button
        type="button"
        className={buttons.button}
        onClick={() => downloadCsv(lemmaMatrixCsv(board, headers(t)), t('export.csv.fileMatrix', { scope }))}
      >
        {t('export.csv.matrix')}
      </button>
    </div>
  );
}
