import type { Messages } from './nl-BE';

/** English messages of the form that creates a campaign. Same keys as campaign-form.nl-BE.ts. */
export const campaignFormEn: Messages['campaignForm'] = {
  title: 'New campaign',
  name: 'Name',
  namePlaceholder: 'e.g. Integration and civic integration',
  workingYear: 'Working year',
  workingYearHint: 'Two consecutive years, e.g. 2025-2026',
  submit: 'Create campaign',
  submitting: 'Creating…',
  created: 'Campaign “{{name}}” created.',
};
