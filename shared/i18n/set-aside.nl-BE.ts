/** Dutch messages about changes this laptop set aside (shown on the Conflicten page). Joined into nl-BE.ts. */
export const setAsideNlBE = {
  title: 'Opzijgezette wijzigingen',
  intro:
    'Deze wijzigingen kwamen binnen, maar deze laptop kon ze niet toepassen. Al het andere werk synchroniseert gewoon verder. Probeer een wijziging opnieuw als de oorzaak is weggenomen, of gooi ze weg.',
  count_one: '{{count}} wijziging opzijgezet',
  count_other: '{{count}} wijzigingen opzijgezet',
  loadFailed: 'De opzijgezette wijzigingen konden niet geladen worden.',
  field: 'Veld: {{field}}',
  unknownRecord: 'niet bekend op deze laptop in deze campagne',
  value: 'Zou worden: „{{value}}”',
  textChange: 'Een tekstwijziging',
  byVia: 'Van {{author}}, via {{source}}',
  byUnknownVia: 'Van een onbekende auteur, via {{source}}',
  madeAt: 'gemaakt op {{date}}',
  source: {
    server: 'de server',
    bundle: 'een uitwisselbestand',
    peer: 'het netwerk van het duo',
    push: 'deze laptop, voorgoed geweigerd door de server',
  },
  why: 'Waarom',
  whatNow: 'Wat kun je doen',
  advice: {
    AUTHOR_MISMATCH:
      'De wijziging draagt de naam van iemand die deze campagne niet kent of die niet op die laptop werkt. Vraag de teamleider het teamlid (met e-mailadres) toe te voegen en probeer het dan opnieuw; is ze vervalst, gooi ze weg.',
    AUTHOR_OTHER_ACCOUNT:
      'Ze werd op deze laptop gemaakt onder de naam van een teamlid met een eigen account: de server slaat ze nooit op. Ze blijft op deze laptop staan, maar de anderen krijgen ze niet. Met ‘Terugzetten op deze laptop’ staat hier weer wat de server heeft; kies bij ‘Ik ben’ jezelf en voer het zo nodig opnieuw in.',
    RELAYED_UNVERIFIED:
      'Ze kwam mee in het bestand of de netwerkuitwisseling van je duopartner, maar werd op een andere laptop gemaakt onder een naam die deze laptop niet kan nagaan. Ze verdwijnt hier vanzelf zodra ze via de server of van die persoon zelf binnenkomt; is ze vervalst, gooi ze weg.',
    ROW_OF_OTHER_CAMPAIGN:
      'Ze raakt een record dat op deze laptop bij een andere campagne hoort. Meestal is ze vervalst: gooi ze weg.',
    UNKNOWN_TABLE: 'Werk Veldwerk bij en probeer het dan opnieuw.',
    UNKNOWN_COLUMN: 'Werk Veldwerk bij en probeer het dan opnieuw.',
    CLOCK_SKEW: 'Ze is gemaakt op een laptop waarvan de klok voorliep. Probeer het later opnieuw.',
    other:
      'Ze is beschadigd en kan zo niet worden toegepast. Gooi ze weg en vraag wie ze maakte om het opnieuw in te voeren.',
  },
  retry: 'Opnieuw proberen',
  retryLabel: 'Wijziging van {{record}} opnieuw proberen',
  discard: 'Weggooien',
  discardLabel: 'Wijziging van {{record}} weggooien',
  confirmDiscard:
    'Deze wijziging van {{record}} voorgoed weggooien? Ze komt niet terug, ook niet als ze opnieuw binnenkomt. Deze laptop onthoudt dat jij ze weggooide.',
  undo: 'Terugzetten op deze laptop',
  undoLabel: 'Wijziging van {{record}} terugzetten op deze laptop',
  undone: {
    restored:
      'Je wijziging van {{record}} is op deze laptop teruggedraaid: er staat weer wat de server heeft. Dat gaat ook naar de server en je duopartner.',
    removed: '{{record}} bestond alleen door de geweigerde wijziging en is op deze laptop verwijderd.',
    unchanged: 'Op deze laptop stond al wat de server heeft; de geweigerde wijziging wordt niet meer getoond.',
  },
  hide: 'Verbergen',
  hideLabel: 'Wijziging van {{record}} verbergen',
  confirmHide:
    'Deze wijziging van {{record}} niet meer tonen? Ze blijft op deze laptop staan en gaat nooit naar de server. Deze laptop onthoudt dat jij ze verborg.',
  confirmHideYes: 'Ja, verbergen',
  hidden: 'De wijziging van {{record}} wordt niet meer getoond.',
  confirmYes: 'Ja, weggooien',
  confirmNo: 'Niet weggooien',
  applied: 'De wijziging van {{record}} is nu toegepast.',
  stillRefused: 'De wijziging van {{record}} kan nog altijd niet worden toegepast: {{reason}}',
  discarded: 'De wijziging van {{record}} is weggegooid.',
  syncDialog_one: '{{count}} wijziging van {{campaign}} werd opzijgezet: deze laptop kon ze niet toepassen.',
  syncDialog_other: '{{count}} wijzigingen van {{campaign}} werden opzijgezet: deze laptop kon ze niet toepassen.',
  open: 'Bekijken bij Conflicten',
};
