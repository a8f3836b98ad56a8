/** Dutch messages of the duo's sync over the local network (the duo dialog's network part). */
export const lanNlBE = {
  title: 'Synchroniseren over het lokale netwerk',
  explain:
    'Zitten jullie in dezelfde ruimte op hetzelfde (wifi-)netwerk, dan synchroniseren jullie laptops rechtstreeks, zonder server en zonder internet. De verbinding is versleuteld en alleen een laptop waarmee je gekoppeld bent, kan synchroniseren.',
  thisLaptop: 'Deze laptop: {{fingerprint}}',
  start: 'Zichtbaar worden en zoeken',
  stop: 'Stoppen',
  listening: 'Zichtbaar op het netwerk op {{address}} tot {{time}}. Je partner kan ook dit adres typen.',
  nearbyTitle: 'Laptops in de buurt',
  nearbyEmpty:
    'Nog geen andere laptop gevonden. Open op de laptop van je partner ook dit venster en kies “Zichtbaar worden en zoeken”. Verschijnt er niets, typ dan het adres dat op dat scherm staat.',
  laptop: 'Laptop {{fingerprint}}',
  paired: 'gekoppeld',
  pairedWith: 'gekoppeld ({{name}})',
  notPaired: 'niet gekoppeld',
  pair: 'Koppelen',
  sync: 'Synchroniseren',
  pairWith: 'Koppelen met laptop {{fingerprint}}',
  syncWith: 'Synchroniseren met laptop {{fingerprint}}',
  server: {
    known: 'De server kent deze laptop van {{email}}.',
    unknown: 'Let op: de server kent deze laptop niet bij je collega’s.',
    notChecked: 'Nog niet bij de server nagevraagd (niet verbonden).',
  },
  addressTitle: 'Adres typen',
  addressLabel: 'Adres van de andere laptop',
  addressHint: 'Zoals het op het scherm van je partner staat, bv. 192.168.1.20:45123.',
  code: {
    title: 'Vergelijk de code',
    question:
      'Staat op het scherm van de andere laptop dezelfde code? Koppel alleen als de codes gelijk zijn: anders luistert iemand mee.',
    peer: 'Andere laptop: {{fingerprint}}',
    yes: 'Ja, dezelfde code',
    no: 'Nee, een andere code',
  },
  phase: {
    connecting: 'Verbinden…',
    pairing: 'Wachten op het antwoord van je partner…',
    sending: 'Versturen…',
    receiving: 'Ontvangen…',
    importing: 'Samenvoegen…',
    done: 'Klaar',
  },
  outcome: {
    paired: 'Gekoppeld met laptop {{fingerprint}}. Voortaan synchroniseren jullie zonder code.',
    synced: 'Gesynchroniseerd met laptop {{fingerprint}}.',
    received_one: '{{count}} wijziging ontvangen ({{applied}} nieuw hier).',
    received_other: '{{count}} wijzigingen ontvangen ({{applied}} nieuw hier).',
    sent_one: '{{count}} wijziging verstuurd ({{applied}} nieuw daar).',
    sent_other: '{{count}} wijzigingen verstuurd ({{applied}} nieuw daar).',
    resumed: 'De overdracht ging verder waar ze onderbroken was.',
    failed: 'Niet gelukt:',
  },
  reasons: {
    'unknown-peer': 'Die laptop is niet met de jouwe gekoppeld. Koppel eerst, met de code op beide schermen.',
    'not-confirmed': 'De code werd niet op beide laptops bevestigd. Er is niets gekoppeld.',
    'pairing-closed':
      'De andere laptop koppelt nu niet: open daar ook dit venster en kies “Zichtbaar worden en zoeken”.',
    busy: 'De andere laptop is al met een andere laptop bezig. Probeer zo meteen opnieuw.',
    'too-large': 'De andere laptop bood meer gegevens aan dan Veldwerk aanneemt.',
    'bad-message': 'De andere laptop stuurde iets onverwachts. Er is niets veranderd.',
    protocol:
      'De laptops verstonden elkaar niet (verschillende versies van Veldwerk?). Er is niets veranderd; werk beide bij naar dezelfde versie.',
    'import-failed': 'De gegevens van je partner konden hier niet samengevoegd worden. Er is niets veranderd.',
    'fingerprint-changed':
      'De laptop op dat adres is niet de partner waarmee je gekoppeld bent: het is een andere laptop of zijn sleutel is veranderd. Koppel alleen opnieuw als je partner de code bevestigt.',
    closed:
      'De verbinding viel weg. Er gaat niets verloren: probeer opnieuw, de overdracht gaat verder waar ze stopte.',
    timeout: 'De andere laptop antwoordde niet op tijd. Er gaat niets verloren: probeer opnieuw.',
    unreachable:
      'Geen laptop gevonden op dat adres. Staat het venster op de andere laptop open, en zitten jullie op hetzelfde netwerk?',
  },
  partnersTitle: 'Gekoppelde laptops',
  partnerLine: 'Laptop {{fingerprint}}, gekoppeld op {{date}}',
  partnerLineNamed: '{{name}}: laptop {{fingerprint}}, gekoppeld op {{date}}',
  forget: 'Ontkoppelen',
  forgetLabel: 'Laptop {{fingerprint}} ontkoppelen',
  errors: {
    address: 'Typ het adres als ADRES:POORT, bv. 192.168.1.20:45123.',
  },
};
