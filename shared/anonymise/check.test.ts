import { describe, expect, it } from 'vitest';
import {
  applyReplacements,
  checkAnonymity,
  exportGate,
  GazetteerMatcher,
  hitKey,
  type AnonymityLabels,
  type CheckUnit,
} from './check';
import { buildGazetteer, contactPersons, shortForms, type GazetteerSource } from './gazetteer';
import { findPatterns, isIban, isKboNumber, isNationalNumber } from './patterns';

const labels: AnonymityLabels = {
  person: '[naam]',
  organisation: 'een organisatie',
  organisationOfSector: 'een van de {{sector}}',
  region: 'een regio',
  email: '[e-mailadres]',
  phone: '[telefoonnummer]',
  number: '[nummer]',
  smallCell: '[minder dan drie organisaties]',
  hiddenScore: '< {{k}} org.',
};

const source: GazetteerSource = {
  sectors: [
    { id: 'sec-ic', code: 'IC', name: 'Integratiecentra' },
    { id: 'sec-hvn', code: 'HvN', name: 'Huizen van het Nederlands' },
  ],
  regions: [
    { id: 'reg-gent', name: 'Gent' },
    { id: 'reg-limburg', name: 'Limburg' },
    { id: 'reg-antwerpen', name: 'Antwerpen' },
  ],
  organisations: [
    {
      id: 'org-foyer',
      name: 'Integratiecentrum De Foyer',
      sectorId: 'sec-ic',
      regionId: 'reg-antwerpen',
      contact: 'info@defoyer.be',
    },
    {
      id: 'org-atlas',
      name: 'Integratiecentrum Atlas',
      sectorId: 'sec-ic',
      regionId: 'reg-antwerpen',
      contact: 'Coördinator Sofie Wuyts, 03 234 56 78, sofie@atlas.be; onthaal: Karim El Amrani',
    },
    {
      id: 'org-limburg',
      name: 'Agentschap Integratie en Inburgering (AgII)',
      sectorId: 'sec-ic',
      regionId: 'reg-limburg',
    },
    { id: 'org-hvn-gent', name: 'Huis van het Nederlands Gent', sectorId: 'sec-hvn', regionId: 'reg-gent' },
    { id: 'org-hvn-gent2', name: 'Huis van het Nederlands Gent-Zuid', sectorId: 'sec-hvn', regionId: 'reg-gent' },
    { id: 'org-hvn-limburg', name: 'Huis van het Nederlands Limburg', sectorId: 'sec-hvn', regionId: 'reg-limburg' },
  ],
  members: [
    { id: 'm-an', name: 'An Van den Broeck', email: 'an.vandenbroeck@inspectie.be' },
    { id: 'm-jan', name: 'Jan Peeters' },
  ],
  texts: ['Gesprek met mevrouw Lieve Claes en dhr. Mertens van de stad. Contact: k.janssens@ocmw.be'],
};

const gazetteer = buildGazetteer(source);
const options = { labels, sectorNames: { 'sec-ic': 'Integratiecentra', 'sec-hvn': 'Huizen van het Nederlands' } };

function check(text: string, extra: Partial<CheckUnit> = {}) {
  return checkAnonymity([{ id: 'u1', text, where: 'Hoofdstuk 1', ...extra }], [], gazetteer, options);
}

function found(text: string, extra: Partial<CheckUnit> = {}) {
  return check(text, extra).hits.map((hit) => [hit.kind, hit.text]);
}

describe('gazetteer', () => {
  it('derives short forms from what an organisation name does not share with others', () => {
    const common = new Set(['integratiecentrum', 'integratiecentra', 'van', 'het', 'de']);
    expect(shortForms('Integratiecentrum De Foyer', common).map((form) => form.term)).toEqual(['De Foyer', 'Foyer']);
    expect(
      shortForms('Agentschap Integratie en Inburgering (AgII)', new Set(['en'])).map((form) => form.term),
    ).toContain('AgII');
    expect(shortForms('Agentschap Integratie en Inburgering', new Set(['en'])).map((form) => form.term)).toContain(
      'AII',
    );
  });

  it('keeps generic words such as "Huis" and region names out of the short forms', () => {
    const terms = gazetteer.entries.filter((entry) => entry.kind === 'organisation').map((entry) => entry.term);
    expect(terms).toContain('Huis van het Nederlands Gent');
    expect(terms).not.toContain('Huis');
    expect(terms).not.toContain('Gent');
    expect(terms).not.toContain('Nederlands Gent');
  });

  it('mines names and e-mail addresses from notes and titles', () => {
    const people = gazetteer.entries
      .filter((entry) => entry.kind === 'person' || entry.kind === 'email')
      .map((entry) => entry.term);
    expect(people).toEqual(expect.arrayContaining(['Lieve Claes', 'Claes', 'Mertens', 'k.janssens@ocmw.be']));
  });

  it("takes the contact persons from the organisations' contact fields, not their numbers or places", () => {
    const notNames = new Set(['huis', 'stad', 'gent', 'onthaal']);
    expect(
      contactPersons('Coördinator Sofie Wuyts, 03 234 56 78, sofie@atlas.be; onthaal: Karim El Amrani', notNames),
    ).toEqual(['Sofie Wuyts', 'Karim El Amrani']);
    expect(contactPersons('mevrouw A. Van der Linden (directie)', notNames)).toEqual(['A. Van der Linden']);
    expect(contactPersons('Stad Gent, Huis van het Nederlands, 09 210 10 10', notNames)).toEqual([]);
    expect(contactPersons('info@defoyer.be', notNames)).toEqual([]);
    expect(found('Sofie Wuyts en Wuyts alleen, en ook Karim El Amrani.')).toEqual([
      ['person', 'Sofie Wuyts'],
      ['person', 'Wuyts'],
      ['person', 'Karim El Amrani'],
    ]);
  });
});

describe('checkAnonymity: true hits', () => {
  it('finds organisation names and their short forms, case- and accent-folded', () => {
    expect(found('Bij INTEGRATIECENTRUM DE FOYER werken twintig mensen.')).toEqual([
      ['organisation', 'INTEGRATIECENTRUM DE FOYER'],
    ]);
    expect(found('De Foyer heeft een sterke werking.')).toEqual([['organisation', 'De Foyer']]);
    expect(found('Het team van Atlas is jong.')).toEqual([['organisation', 'Atlas']]);
    expect(found('Het AgII begeleidt nieuwkomers.')).toEqual([['organisation', 'AgII']]);
  });

  it("offers a label of the organisation's sector", () => {
    const [hit] = check('De Foyer werkt goed samen.').hits;
    expect(hit?.suggestions).toEqual(['een van de integratiecentra', 'een organisatie']);
    expect(hit?.context).toEqual({ before: '', after: ' werkt goed samen.' });
  });

  it('finds member names and surnames, and names mined from notes', () => {
    expect(found('Het gesprek werd geleid door An Van den Broeck.')).toEqual([['member', 'An Van den Broeck']]);
    expect(found('Volgens Peeters is dat zo.')).toEqual([['member', 'Peeters']]);
    expect(found('Lieve Claes vond het een goede dag.')).toEqual([['person', 'Lieve Claes']]);
    expect(found('Zoals Mertens al zei.')).toEqual([['person', 'Mertens']]);
  });

  it('finds Dutch forms of address, initials and interfixes', () => {
    expect(found('We spraken met mevrouw De Smet over de wachtlijst.')).toEqual([['person', 'mevrouw De Smet']]);
    expect(found('Volgens dhr. J. Vermeulen loopt het goed.')).toEqual([['person', 'dhr. J. Vermeulen']]);
    expect(found('Collega Wouters deelde de cijfers.')).toEqual([['person', 'Collega Wouters']]);
    expect(found('A.M. van der Linden leidt de dienst.')).toEqual([['person', 'A.M. van der Linden']]);
    expect(found('Ook Els van Damme was aanwezig.')).toEqual([['person', 'Els van Damme']]);
  });

  it('finds Belgian phone numbers, e-mail, national register, KBO and IBAN numbers', () => {
    expect(found('Bel 09 223 45 67 of 0475/12.34.56.')).toEqual([
      ['phone', '09 223 45 67'],
      ['phone', '0475/12.34.56'],
    ]);
    expect(found('Of +32 475 12 34 56.')).toEqual([['phone', '+32 475 12 34 56']]);
    expect(found('Mail naar info@defoyer.be of x.y@gmail.com.')).toEqual([
      ['email', 'info@defoyer.be'],
      ['email', 'x.y@gmail.com'],
    ]);
    expect(found('Rijksregisternummer 85.07.30-033.28 staat erbij.')).toEqual([['nationalNumber', '85.07.30-033.28']]);
    expect(found('Ondernemingsnummer 0403.170.701.')).toEqual([['kbo', '0403.170.701']]);
    expect(found('Rekening BE68 5390 0754 7034.')).toEqual([['iban', 'BE68 5390 0754 7034']]);
  });

  it('flags a region that has only one organisation of the sector spoken of', () => {
    expect(found('In Limburg is het integratiecentrum klein.', { sectorId: 'sec-ic' })).toEqual([
      ['region', 'Limburg'],
    ]);
    expect(found('De Integratiecentra in Limburg werken samen.')).toEqual([['region', 'Limburg']]);
  });

  it('flags counts in prose for fewer than k organisations', () => {
    expect(found('Twee van de acht centra hebben een wachtlijst.')).toEqual([['smallCell', 'Twee van de acht']]);
    expect(found('Slechts 1 op 9 organisaties doet dat.')).toEqual([['smallCell', '1 op 9']]);
    expect(found('Vier van de acht centra hebben een wachtlijst.')).toEqual([]);
  });

  it('flags figures shown for fewer than k organisations, with a configurable k', () => {
    const figures = [
      { id: 'f1', where: 'SWOT IC', label: 'Goede samenwerking: 3,3', organisations: 2 },
      { id: 'f2', where: 'SWOT IC', label: 'Wachtlijsten: 6,7', organisations: 4 },
    ];
    expect(checkAnonymity([], figures, gazetteer, options).hits.map((hit) => hit.text)).toEqual([
      'Goede samenwerking: 3,3',
    ]);
    expect(checkAnonymity([], figures, gazetteer, { ...options, k: 5 }).hits.map((hit) => hit.text)).toEqual([
      'Goede samenwerking: 3,3',
      'Wachtlijsten: 6,7',
    ]);
  });
});

describe('checkAnonymity: words that look like names but are not', () => {
  it('does not flag "Huis", sector names or a region with several organisations', () => {
    expect(found('Het Huis van het Nederlands organiseert taalcursussen.')).toEqual([]);
    expect(found('De Huizen van het Nederlands in Gent werken samen.')).toEqual([]);
    expect(found('In Gent is de vraag groot.', { sectorId: 'sec-hvn' })).toEqual([]);
    expect(found('Integratiecentra en Huizen van het Nederlands werken in Antwerpen.')).toEqual([]);
    expect(found('In Limburg werken de diensten samen.')).toEqual([]);
  });

  it('does not flag ordinary sentences, dates, scores or plain numbers', () => {
    expect(found('De Vlaamse overheid vraagt een jaarverslag. Op 12 maart 2025 scoorde het lemma 6,3.')).toEqual([]);
    expect(found('Het centrum telt 1234567890 euro aan subsidies en 12.345 cursisten.')).toEqual([]);
    expect(found('Van de stakeholders zei de helft dat het goed gaat.')).toEqual([]);
    expect(found('Een van de integratiecentra werkt samen met de Stad Gent.')).toEqual([]);
  });

  it('lets a region name be allowed with a reason', () => {
    const result = checkAnonymity(
      [{ id: 'u', text: 'Het Huis in Limburg groeit.', where: 'x', sectorId: 'sec-hvn' }],
      [],
      gazetteer,
      {
        ...options,
        allowances: [{ key: hitKey('region', 'Limburg'), reason: 'Provincie, geen organisatie' }],
      },
    );
    expect(result.hits.map((hit) => [hit.text, hit.allowedReason])).toEqual([
      ['Limburg', 'Provincie, geen organisatie'],
    ]);
    expect(result.unresolved).toEqual([]);
    expect(exportGate(result)).toEqual({ ok: true });
  });

  it('rejects identifiers with a wrong check digit', () => {
    expect(isNationalNumber('85.07.30-033.28')).toBe(true);
    expect(isNationalNumber('85.07.30-033.29')).toBe(false);
    expect(isKboNumber('0403.170.701')).toBe(true);
    expect(isKboNumber('0403.170.702')).toBe(false);
    expect(isIban('BE68 5390 0754 7034')).toBe(true);
    expect(isIban('BE68 5390 0754 7035')).toBe(false);
    expect(findPatterns('tel. 12 34', new Set())).toEqual([]);
  });
});

describe('resolution and the export gate', () => {
  it('refuses export while a hit is unresolved and names it', () => {
    const result = check('Mevrouw De Smet van De Foyer belde 09 223 45 67.');
    const gate = exportGate(result);
    expect(gate.ok).toBe(false);
    if (!gate.ok)
      expect(gate.unresolved.map((hit) => hit.text)).toEqual(['Mevrouw De Smet', 'De Foyer', '09 223 45 67']);
  });

  it('replaces every occurrence of a term by its label and the check then passes', () => {
    const unit = {
      id: 'u1',
      text: 'De Foyer en DE FOYER (niet de foyer): Jan Peeters belde 09 223 45 67.',
      where: 'x',
    };
    const matcher = new GazetteerMatcher(gazetteer);
    const first = checkAnonymity([unit], [], matcher, options);
    const replacements = new Map(first.hits.map((hit) => [hit.key, hit.suggestions[0] ?? '']));
    const text = applyReplacements(unit, first.hits, replacements);
    expect(text).toBe(
      'een van de integratiecentra en een van de integratiecentra (niet de foyer): [naam] belde [telefoonnummer].',
    );
    expect(checkAnonymity([{ ...unit, text }], [], matcher, options).unresolved).toEqual([]);
  });
});
