/** Dutch messages of the form that creates a campaign. */
export const campaignFormNlBE = {
  title: 'Nieuwe campagne',
  name: 'Naam',
  namePlaceholder: 'bv. Integratie en inburgering',
  workingYear: 'Werkjaar',
  workingYearHint: 'Twee opeenvolgende jaren, bv. 2025-2026',
  submit: 'Campagne aanmaken',
  submitting: 'Bezig met aanmaken…',
  created: 'Campagne „{{name}}” aangemaakt.',
} as const;
