import type { AnonymityLabels } from '../anonymise/check';
import { catalogs, lookupMessage, type Language } from '../i18n';
import { QUADRANTS } from '../swot/quadrants';
import type { ExportLabels } from './model';

/** Looks a message up by its full dotted key ("export.docx.rank"). */
export type Translate = (key: string) => string;

/** The messages of one language as a Translate function (services and CLI, which have no i18next). */
export function translator(language: Language): Translate {
  return (key) => lookupMessage(catalogs[language], key) ?? key;
}

export function exportLabels(t: Translate): ExportLabels {
  return {
    quadrants: Object.fromEntries(
      QUADRANTS.map((quadrant) => [quadrant, t(`swot.quadrants.${quadrant}`)]),
    ) as ExportLabels['quadrants'],
    rank: t('export.docx.rank'),
    lemma: t('export.docx.lemma'),
    score: t('export.docx.score'),
    kOfN: t('export.docx.kOfN'),
    conversationsColumn: t('export.docx.conversationsColumn'),
    conversations: (count) =>
      t(count === 1 ? 'export.docx.conversations_one' : 'export.docx.conversations_other').replace(
        '{{count}}',
        String(count),
      ),
    category: t('export.docx.category'),
    participants: t('export.docx.participants'),
    total: t('export.docx.total'),
    concept: t('export.docx.concept'),
    contents: t('export.docx.contents'),
    page: t('export.docx.page'),
    campaign: t('export.docx.campaign'),
    date: t('export.docx.date'),
    team: t('export.docx.team'),
    missingBlock: t('export.docx.missingBlock'),
    noLemmas: t('export.docx.noLemmas'),
  };
}

export function anonymityLabels(t: Translate): AnonymityLabels {
  return {
    person: t('export.labels.person'),
    organisation: t('export.labels.organisation'),
    organisationOfSector: t('export.labels.organisationOfSector'),
    region: t('export.labels.region'),
    email: t('export.labels.email'),
    phone: t('export.labels.phone'),
    number: t('export.labels.number'),
    smallCell: t('export.labels.smallCell'),
    hiddenScore: t('export.labels.hiddenScore'),
  };
}
