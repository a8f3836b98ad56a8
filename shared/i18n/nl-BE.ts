/**
 * Dutch (Flemish) UI messages: the default language of Veldwerk.
 * Every UI string lives here first; en.ts must have the same keys (the type-check enforces it).
 */
import { fieldNlBE } from './field.nl-BE';
import { boardNlBE } from './board.nl-BE';
import { conflictsNlBE } from './conflicts.nl-BE';
import { setAsideNlBE } from './set-aside.nl-BE';
import { exportNlBE } from './export.nl-BE';
import { swotNlBE } from './swot.nl-BE';
import { syncNlBE } from './sync.nl-BE';
import { reasonsNlBE } from './reasons.nl-BE';
import { workflowNlBE } from './workflow.nl-BE';
import { reportsNlBE } from './reports.nl-BE';
import { vaultNlBE } from './vault.nl-BE';
import { lanNlBE } from './lan.nl-BE';
import { reportTextNlBE } from './report-text.nl-BE';
import { workspaceNlBE } from './workspace.nl-BE';
import { setupNlBE } from './setup.nl-BE';
import { csvImportNlBE } from './csv-import.nl-BE';
import { planningNlBE } from './planning.nl-BE';
import { visitNlBE } from './visit.nl-BE';
import { searchNlBE } from './search.nl-BE';
import { homeNlBE } from './home.nl-BE';
import { campaignFormNlBE } from './campaign-form.nl-BE';

export const nlBE = {
  app: {
    name: 'Veldwerk',
    tagline: 'Inspectiewerk op het terrein, ook zonder netwerk',
    language: 'Taal',
    languages: { 'nl-BE': 'Nederlands', en: 'English' },
    profile: 'Profiel: {{dir}}',
    version: 'Versie {{version}}',
    skipToContent: 'Naar de inhoud',
  },
  nav: {
    home: 'Campagnes',
  },
  home: homeNlBE,
  campaignForm: campaignFormNlBE,
  errors: {
    INVALID_INPUT: 'Niet alle velden zijn correct ingevuld.',
    UNKNOWN_CHANNEL: 'De toepassing vroeg iets wat de diensten niet kennen. Herstart Veldwerk.',
    FORBIDDEN: 'Je hebt geen toestemming voor deze actie.',
    UNAUTHORIZED:
      'De verbinding met de lokale diensten is niet (meer) geldig. Open Veldwerk opnieuw via de link in de terminal.',
    NOT_FOUND: 'Dit item bestaat niet (meer).',
    CONFLICT: 'Dit item bestaat al.',
    INTERNAL: 'Er ging iets mis in Veldwerk. Probeer het opnieuw; blijft het misgaan, herstart dan de toepassing.',
    TRANSPORT: 'De lokale diensten van Veldwerk antwoorden niet. Draait Veldwerk nog?',
    fields: {
      id: 'Deze verwijzing is ongeldig. Herlaad het scherm en probeer opnieuw.',
      nameRequired: 'Geef de campagne een naam.',
      nameTooLong: 'De naam is te lang (maximaal 120 tekens).',
      workingYearFormat: 'Schrijf het werkjaar als twee opeenvolgende jaren, bv. 2025-2026.',
      refused: 'Veldwerk kan deze waarde niet bewaren. Pas ze aan en probeer opnieuw.',
    },
    loadFailed: 'De campagnes konden niet geladen worden.',
    retry: 'Opnieuw proberen',
  },
  field: fieldNlBE,
  swotBoard: boardNlBE,
  conflicts: conflictsNlBE,
  setAside: setAsideNlBE,
  swot: swotNlBE,
  reportText: reportTextNlBE,
  export: exportNlBE,
  sync: syncNlBE,
  syncReasons: reasonsNlBE,
  workflow: workflowNlBE,
  reports: reportsNlBE,
  vault: vaultNlBE,
  lan: lanNlBE,
  workspace: workspaceNlBE,
  setup: setupNlBE,
  import: csvImportNlBE,
  planning: planningNlBE,
  visit: visitNlBE,
  search: searchNlBE,
} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The shape every catalog must have: the keys of the Dutch catalog, any string values. */
export type Messages = Widen<typeof nlBE>;
