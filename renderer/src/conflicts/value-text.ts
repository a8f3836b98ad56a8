import type { TFunction } from 'i18next';
import type { ConflictValueView } from '../../../shared/contract/conflicts';
import { isQuadrant } from '../../../shared/swot/quadrants';
import { formatDate, formatDateTime } from '../format/dates';

/** A value as the user reads it: dates in the UI language, states translated, references by name. */
export function valueText(t: TFunction, language: string, value: ConflictValueView): string {
  switch (value.type) {
    case 'empty':
      return t('conflicts.value.empty');
    case 'flag':
      return value.text === 'true' ? t('conflicts.value.yes') : t('conflicts.value.no');
    case 'date':
      return formatDate(language, value.text, 'long');
    case 'dateTime':
      return formatDateTime(language, value.text);
    case 'visitStatus':
      return t(`planning.statuses.${value.text as 'planned'}`, { defaultValue: value.text });
    case 'reportStatus':
      return t(`reports.status.${value.text as 'draft'}`, { defaultValue: value.text });
    case 'reportKind':
      return t(`reports.kind.${value.text as 'region'}`, { defaultValue: value.text });
    case 'regionKind':
      return value.text === 'city' ? t('setup.regions.city') : t('setup.regions.province');
    case 'quadrant':
      return isQuadrant(value.text) ? t(`swot.quadrants.${value.text}`) : value.text;
    case 'text':
      return value.text;
  }
}
