/** Dutch messages of the profile's lock (issue 12): first run, unlock, idle lock, passphrase, duo files. */
export const vaultNlBE = {
  firstRun: {
    title: 'Je gegevens op deze laptop beschermen',
    intro:
      'Veldwerk bewaart gespreksnotities, documenten en SWOT-werk met de meningen van personeel en betrokkenen op deze laptop. Raakt de laptop verloren, dan mag niemand ze kunnen lezen.',
    whatTitle: 'Wat wordt beschermd',
    what: {
      database:
        'De hele profieldatabank (notities, deelnemers, planning, verslagen) is versleuteld op schijf, ook de tijdelijke bestanden ernaast.',
      files: 'De bestanden van documenten die je bij een bezoek ontvangt, zijn versleuteld.',
      duo: 'Uitwisselbestanden voor je duopartner (USB-stick) zijn versleuteld: voor een laptop waarmee je gekoppeld bent met jullie gedeelde sleutel, anders met een wachtzin die jullie samen afspreken.',
    },
    howTitle: 'Hoe',
    how: 'Alles is versleuteld met een willekeurige sleutel van dit profiel. Die sleutel zelf is vergrendeld: door het besturingssysteem (je aanmelding op deze computer) of door een wachtzin die alleen jij kent.',
    notTitle: 'Wat dit niet doet',
    not: 'Wie als jou is aangemeld terwijl Veldwerk ontgrendeld is, kan meelezen. Vergrendel daarom als je de laptop achterlaat; Veldwerk doet het zelf na een tijd zonder gebruik.',
    plaintext:
      'Dit profiel werd gemaakt door een oudere versie en is nog niet versleuteld. Kies hoe je het wil beschermen; Veldwerk versleutelt het dan meteen. Er gaat niets verloren.',
    choose: 'Kies hoe je de sleutel vergrendelt',
    keyring: 'Met mijn aanmelding op deze computer (sleutelbos van het besturingssysteem)',
    keyringHint:
      'Je hoeft niets te onthouden. Iemand die je laptop vindt, moet eerst als jou kunnen aanmelden. Na een vergrendeling vraagt een Mac met Touch ID je vingerafdruk; Windows en Linux vragen niets opnieuw: vergrendel dan ook je computer als je hem achterlaat, of kies een wachtzin.',
    noKeyring:
      'Deze computer heeft geen sleutelbos van het besturingssysteem dat Veldwerk kan gebruiken (of je werkt in de browser): kies een wachtzin.',
    passphrase: 'Met een wachtzin',
    passphraseHint:
      'Minstens 8 tekens; een zin van een paar woorden is sterk en goed te onthouden. Zonder wachtzin is het profiel niet te openen: schrijf hem ergens veilig op.',
    passphraseLabel: 'Wachtzin',
    repeatLabel: 'Wachtzin nog eens',
    mismatch: 'De twee wachtzinnen zijn niet gelijk.',
    submit: 'Beschermen en starten',
    working: 'Bezig met versleutelen…',
  },
  unlock: {
    title: 'Veldwerk is vergrendeld',
    explainPassphrase: 'Typ je wachtzin om je profiel te openen.',
    explainKeyring: 'Je profiel is vergrendeld. Ontgrendel het met je aanmelding op deze computer.',
    passphraseLabel: 'Wachtzin',
    submit: 'Ontgrendelen',
    keyringSubmit: 'Ontgrendelen met mijn aanmelding',
    working: 'Bezig met ontgrendelen…',
    forgot: 'Ik ben mijn wachtzin vergeten',
    wait_one: 'Je kan opnieuw proberen over {{count}} minuut.',
    wait_other: 'Je kan opnieuw proberen over {{count}} minuten.',
  },
  forgot: {
    title: 'Wachtzin vergeten',
    explain:
      'Eerlijk antwoord: zonder de wachtzin kan niemand dit profiel nog openen, ook Veldwerk niet. Zo werkt de bescherming net.',
    answer:
      'Wat wel kan: begin een nieuw, leeg profiel en verbind het met de server. Alles wat je al gesynchroniseerd had, komt dan terug. Wat nooit de server of je duopartner bereikte, is niet terug te halen.',
    kept: 'Het oude profiel wordt niet gewist maar opzij gezet ({{dir}}.forgotten-…): herinner je je de wachtzin later toch, dan is het nog te openen.',
    confirm: 'Nieuw profiel beginnen',
    cancel: 'Terug',
  },
  keyMissing: {
    title: 'De sleutel van dit profiel ontbreekt',
    explain:
      'Het profiel in {{dir}} is versleuteld, maar het sleutelbestand (veldwerk.key) ernaast is weg. Zonder dat bestand is het niet meer te openen.',
  },
  security: {
    open: 'Beveiliging',
    title: 'Beveiliging van dit profiel',
    protectedBy: 'Dit profiel is versleuteld; de sleutel is vergrendeld met {{method}}.',
    methods: {
      passphrase: 'een wachtzin',
      'os-keyring': 'het sleutelbos van het besturingssysteem',
    },
    lockNow: 'Nu vergrendelen',
    idleLabel: 'Automatisch vergrendelen na',
    idleNever: 'nooit',
    idleMinutes_one: '{{count}} minuut zonder gebruik',
    idleMinutes_other: '{{count}} minuten zonder gebruik',
    idleSaved: 'Opgeslagen.',
    changeTitle: 'Wachtzin wijzigen',
    setTitle: 'Een wachtzin instellen (in plaats van het sleutelbos)',
    setExplain:
      'Met een wachtzin kan je het profiel ook openen in de browser of met de opdrachtregel (--passphrase-stdin). Het sleutelbos wordt dan niet meer gebruikt.',
    currentLabel: 'Huidige wachtzin',
    newLabel: 'Nieuwe wachtzin',
    repeatLabel: 'Nieuwe wachtzin nog eens',
    change: 'Wachtzin wijzigen',
    changed: 'De wachtzin is gewijzigd. Gebruik vanaf nu de nieuwe.',
    close: 'Sluiten',
  },
  errors: {
    tooManyAttempts: 'Te veel foute wachtzinnen na elkaar. Wacht even (telkens langer) en probeer dan opnieuw.',
    wrongPassphrase: 'Dat is niet de wachtzin van dit profiel.',
    tooShort: 'Een wachtzin heeft minstens 8 tekens.',
    passphraseNeeded: 'Typ de wachtzin.',
    noKeyring: 'Deze computer heeft geen sleutelbos dat Veldwerk kan gebruiken; kies een wachtzin.',
    locked: 'Het profiel is vergrendeld.',
  },
  duo: {
    passphraseLabel: 'Wachtzin voor het uitwisselbestand',
    passphraseHint:
      'Het bestand wordt hiermee versleuteld. Spreek de wachtzin af met je duopartner (niet via hetzelfde kanaal als het bestand); die typt hem bij het importeren.',
    pairedLaptop: 'laptop {{node}}',
    pairedHint:
      'Voor {{name}}: zonder wachtzin wordt het bestand versleuteld met de sleutel die jullie laptops delen sinds het koppelen. Alleen die laptop kan het openen.',
    errors: {
      tooShort: 'Een wachtzin voor het uitwisselbestand heeft minstens 8 tekens.',
      needed: 'Dit uitwisselbestand is versleuteld: typ de wachtzin die je duopartner gebruikte.',
      wrong: 'Met deze wachtzin opent het uitwisselbestand niet. Vraag je duopartner de juiste.',
      neededForExport:
        'Typ een wachtzin: het bestand wordt ermee versleuteld. Voor een duopartner met wie deze laptop gekoppeld is, is er geen nodig.',
      otherLaptop:
        'Dit uitwisselbestand is versleuteld voor een andere laptop die met de maker gekoppeld is. Alleen die laptop kan het openen.',
    },
  },
} as const;
