import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { VisitDetail } from '../../../shared/domain/visit';
import { NoteField } from './NoteField';
import { OtherNotes } from './OtherNotes';
import { cx } from '../components/cx';
import alerts from '../components/alert.module.css';
import layout from '../components/layout.module.css';
import visits from './visits.module.css';

export function PreparationSection({ detail }: { readonly detail: VisitDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const mine = detail.preparation.find((note) => note.author_id === detail.me);
  const others = detail.preparation.filter((note) => note.author_id !== detail.me);
  return (
    <section className={cx(layout.card, visits.visitSection)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('visit.preparation.title')}</h2>
      <p className={layout.muted}>{t('visit.preparation.intro')}</p>
      {detail.me ? (
        <NoteField
          label={t('visit.preparation.mine', {
            name: detail.members.find((member) => member.id === detail.me)?.name ?? '',
          })}
          initial={mine?.text ?? ''}
          rows={6}
          testId="preparation-notes"
          saveKey={`preparation:${detail.visit.id}:${detail.me}`}
          toCall={(text) => ({ channel: 'visit.savePreparation', payload: { visitId: detail.visit.id, text } })}
        />
      ) : (
        <p className={cx(alerts.alert, alerts.alertInfo)}>{t('visit.chooseIdentity')}</p>
      )}
      <OtherNotes notes={others} members={detail.members} />
    </section>
  );
}
