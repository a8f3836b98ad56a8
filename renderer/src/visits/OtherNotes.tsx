import { useTranslation } from 'react-i18next';
import type { Member, Note } from '../../../shared/domain/model';
import { cx } from '../components/cx';
import layout from '../components/layout.module.css';
import styles from './OtherNotes.module.css';

/** Notes of the other authors (the duo partner): shown beside one's own, read-only. */
export function OtherNotes({
  notes,
  members,
  compact,
}: {
  readonly notes: readonly Note[];
  readonly members: readonly Member[];
  readonly compact?: boolean;
}) {
  const { t } = useTranslation();
  const written = notes.filter((note) => note.text.trim() !== '');
  if (written.length === 0)
    return compact ? <p className={cx(styles.otherNotesEmpty, layout.muted)}>{t('visit.notes.partnerEmpty')}</p> : null;
  return (
    <div className={styles.otherNotes}>
      {written.map((note) => (
        <figure key={note.id} className={styles.otherNote}>
          <figcaption>
            {t('visit.notes.by', { name: members.find((member) => member.id === note.author_id)?.name ?? '?' })}
          </figcaption>
          <p>{note.text}</p>
        </figure>
      ))}
    </div>
  );
}
