import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignSetup } from '../../../shared/domain/setup';
import { maxChars } from '../../../shared/sync/limits';
import { EditableList } from './EditableList';
import forms from '../components/form.module.css';
import layout from '../components/layout.module.css';
import styles from './ListsTab.module.css';
import { cx } from '../components/cx';

/** The controlled lists: sectors, regions, per sector the guiding questions and respondent groups, and stakeholder categories. */
export function ListsTab({ setup }: { readonly setup: CampaignSetup }) {
  const { t } = useTranslation();
  const id = useId();
  const campaignId = setup.campaign.id;
  const activeSectors = setup.sectors.filter((sector) => !sector.deleted);
  const [chosenSector, setChosenSector] = useState<string | null>(null);
  const sectorId = activeSectors.find((sector) => sector.id === chosenSector)?.id ?? activeSectors[0]?.id ?? null;
  const sector = activeSectors.find((entry) => entry.id === sectorId);
  const [sectorCode, setSectorCode] = useState('');
  const [regionKind, setRegionKind] = useState<'province' | 'city'>('province');

  return (
    <div className={styles.grid} data-testid="setup-lists">
      <EditableList
        kind="sectors"
        campaignId={campaignId}
        title={t('setup.sectors.title')}
        description={t('setup.sectors.description')}
        items={setup.sectors.map((entry) => ({
          id: entry.id,
          label: entry.name ?? '',
          tag: entry.code ?? undefined,
          retired: entry.deleted,
        }))}
        orderable
        addLabel={t('setup.sectors.add')}
        emptyText={t('setup.sectors.empty')}
        extraValues={{ code: sectorCode }}
        extraFields={
          <div className={cx(forms.field, styles.codeField)}>
            <label htmlFor={`${id}-code`}>{t('setup.sectors.code')}</label>
            <input
              id={`${id}-code`}
              value={sectorCode}
              maxLength={maxChars('sectors', 'code')}
              onChange={(event) => setSectorCode(event.target.value)}
              autoComplete="off"
            />
          </div>
        }
      />
      <EditableList
        kind="regions"
        campaignId={campaignId}
        title={t('setup.regions.title')}
        description={t('setup.regions.description')}
        items={setup.regions.map((entry) => ({
          id: entry.id,
          label: entry.name ?? '',
          detail: t(entry.kind === 'city' ? 'setup.regions.city' : 'setup.regions.province'),
          retired: entry.deleted,
        }))}
        orderable={false}
        addLabel={t('setup.regions.add')}
        emptyText={t('setup.regions.empty')}
        extraValues={{ regionKind }}
        extraFields={
          <div className={cx(forms.field, styles.codeField)}>
            <label htmlFor={`${id}-kind`}>{t('setup.regions.kind')}</label>
            <select
              id={`${id}-kind`}
              value={regionKind}
              onChange={(event) => setRegionKind(event.target.value === 'city' ? 'city' : 'province')}
            >
              <option value="province">{t('setup.regions.province')}</option>
              <option value="city">{t('setup.regions.city')}</option>
            </select>
          </div>
        }
      />
      <section className={cx(styles.sectorLists, styles.wide)} aria-labelledby={`${id}-sector-title`}>
        <div className={layout.sectionHeader}>
          <h2 id={`${id}-sector-title`}>{t('setup.perSector.title')}</h2>
          {activeSectors.length > 0 ? (
            <div className={forms.inlineField}>
              <label htmlFor={`${id}-sector`}>{t('setup.perSector.sector')}</label>
              <select
                id={`${id}-sector`}
                value={sectorId ?? ''}
                onChange={(event) => setChosenSector(event.target.value)}
              >
                {activeSectors.map((entry) => (
                  <option key={entry.id} value={entry.id}>
                    {entry.code} · {entry.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
        </div>
        {sector && sectorId ? (
          <div className={styles.grid}>
            <EditableList
              key={`gq-${sectorId}`}
              kind="guiding_questions"
              campaignId={campaignId}
              sectorId={sectorId}
              title={t('setup.questions.title', { sector: sector.code ?? sector.name })}
              description={t('setup.questions.description')}
              items={setup.guidingQuestions
                .filter((question) => question.sector_id === sectorId)
                .map((question) => ({
                  id: question.id,
                  label: question.text ?? '',
                  detail:
                    question.sub_questions && question.sub_questions.length > 0
                      ? t('setup.questions.subCount', { count: question.sub_questions.length })
                      : undefined,
                  retired: question.deleted,
                }))}
              orderable
              multiline
              addLabel={t('setup.questions.add')}
              emptyText={t('setup.questions.empty')}
            />
            <EditableList
              key={`rg-${sectorId}`}
              kind="respondent_groups"
              campaignId={campaignId}
              sectorId={sectorId}
              title={t('setup.groups.title', { sector: sector.code ?? sector.name })}
              description={t('setup.groups.description')}
              items={setup.respondentGroups
                .filter((group) => group.sector_id === sectorId)
                .map((group) => ({ id: group.id, label: group.name ?? '', retired: group.deleted }))}
              orderable
              addLabel={t('setup.groups.add')}
              emptyText={t('setup.groups.empty')}
            />
          </div>
        ) : (
          <p className={layout.emptyInline}>{t('setup.perSector.noSectors')}</p>
        )}
      </section>
      <EditableList
        kind="stakeholder_categories"
        campaignId={campaignId}
        title={t('setup.stakeholders.title')}
        description={t('setup.stakeholders.description')}
        items={setup.stakeholderCategories.map((entry) => ({
          id: entry.id,
          label: entry.name ?? '',
          retired: entry.deleted,
        }))}
        orderable
        addLabel={t('setup.stakeholders.add')}
        emptyText={t('setup.stakeholders.empty')}
      />
    </div>
  );
}
