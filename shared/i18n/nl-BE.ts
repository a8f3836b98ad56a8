/**
 * Dutch (Flemish) UI messages: the default language of Veldwerk.
 * Every UI string lives here first; en.ts must have the same keys (the type-check enforces it).
 */
import { swotNlBE } from './swot.nl-BE';

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
  home: {
    title: 'Campagnes',
    intro: 'Een campagne is één werkjaar van het team: de organisaties, de bezoeken, de gesprekken en het rapport.',
    empty: {
      title: 'Nog geen campagnes',
      body: 'Maak je eerste campagne aan om bezoeken te plannen en gesprekken vast te leggen.',
    },
    listLabel: 'Campagnes in dit profiel',
    count_one: '{{count}} campagne',
    count_other: '{{count}} campagnes',
    createdOn: 'Aangemaakt op {{date}}',
    workingYear: 'Werkjaar {{year}}',
  },
  campaignForm: {
    title: 'Nieuwe campagne',
    name: 'Naam',
    namePlaceholder: 'bv. Integratie en inburgering',
    workingYear: 'Werkjaar',
    workingYearHint: 'Twee opeenvolgende jaren, bv. 2025-2026',
    submit: 'Campagne aanmaken',
    submitting: 'Bezig met aanmaken…',
    created: 'Campagne „{{name}}” aangemaakt.',
  },
  errors: {
    INVALID_INPUT: 'Niet alle velden zijn correct ingevuld.',
    UNKNOWN_CHANNEL: 'De toepassing vroeg iets wat de diensten niet kennen. Herstart Veldwerk.',
    FORBIDDEN: 'Je hebt geen toestemming voor deze actie.',
    UNAUTHORIZED: 'De verbinding met de lokale diensten is niet (meer) geldig. Open Veldwerk opnieuw via de link in de terminal.',
    NOT_FOUND: 'Dit item bestaat niet (meer).',
    CONFLICT: 'Dit item bestaat al.',
    INTERNAL: 'Er ging iets mis in Veldwerk. Probeer het opnieuw; blijft het misgaan, herstart dan de toepassing.',
    TRANSPORT: 'De lokale diensten van Veldwerk antwoorden niet. Draait Veldwerk nog?',
    fields: {
      id: 'Deze verwijzing is ongeldig. Herlaad het scherm en probeer opnieuw.',
      nameRequired: 'Geef de campagne een naam.',
      nameTooLong: 'De naam is te lang (maximaal 120 tekens).',
      workingYearFormat: 'Schrijf het werkjaar als twee opeenvolgende jaren, bv. 2025-2026.',
    },
    loadFailed: 'De campagnes konden niet geladen worden.',
    retry: 'Opnieuw proberen',
  },
  swot: swotNlBE,
} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The shape every catalog must have: the keys of the Dutch catalog, any string values. */
export type Messages = Widen<typeof nlBE>;
