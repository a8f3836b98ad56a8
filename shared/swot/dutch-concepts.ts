/*
 * A small thesaurus of the themes that recur in SWOT sessions of Flemish public services
 * (welfare, integration, education, language courses, care): each line is one concept, written
 * as Dutch words (or word beginnings ending in '*') that people use for it in interviews. Words
 * are matched on their accent-folded, stemmed form, and '*' entries on the folded word's start,
 * so compounds ("personeelstekort", "samenwerkingsverband") meet their theme. Interviewees
 * paraphrase ("goede band met de partners", "vlotte samenwerking", "we kennen elkaar goed"):
 * word overlap alone misses that; a shared concept adds it to the similarity. Hand-written
 * because no offline Dutch thesaurus is available as a package; keep the lines general (themes
 * of the field, not of one report) so they help on any campaign.
 */
export const DUTCH_CONCEPTS: readonly string[] = [
  'samenwerking samenwerk* relatie verstandhouding band partner* partnerschap netwerk* overleg contact* afstemming samen bruggenbouwer bemiddel* verbinding verankering',
  'expertise deskundig* professionel* professionaliteit kennis ervaring vakkennis competentie* kundig bekwaam* specialist* know-how vakmanschap',
  'personeel* medewerker* staf team* collega* werknemer* mensen bezetting aanwerving* rekrutering* vacature* verloop uitstroom',
  'werkdruk drukte druk overbelast* piek* tijdsdruk belasting stress burn-out zwaar tijdgebrek overuren ziekteverzuim',
  'vorming opleiding* coaching coach* training bijscholing navorming begeleiding leertraject* intervisie professionalisering',
  'cultuur organisatiecultuur waarden sfeer teamgeest klimaat mentaliteit houding identiteit visie missie',
  'herkenbaar* zichtbaar* merk imago bekendheid bekend naam uitstraling beeldvorming reputatie profiel',
  'aanbod behoeftedekkend capaciteit plaatsen wachtlijst* wachttijd* tekort* vraag aanbodsplanning beschikbaarheid cursusaanbod',
  'registratie* systeem systemen databank* software ict digitaal digitalisering* applicatie* tool* platform* performantie informatica computer*',
  'complex* regelgeving decreet* wetgeving regels procedure* administratie* planlast bureaucratie* formulier* papierwerk',
  'schaal* schaalgrootte fusie* groter geheel integratie* samenvoeging* hervorming* agentschap* centraal* centralisering* herstructurering*',
  'effectmeting effect* meten meting* evaluatie* indicator* resultaat* impact opvolging monitoring kwaliteitscriteria doelstelling* output',
  'kwaliteit* kwalitatief kwaliteitszorg* standaard* eenvormig* uniform* consistent*',
  'dienstverlening loket* eerstelijn* onthaal* klant* cursist* gebruiker* doelgroep* inburgeraar* cliënt* burger* bezoeker*',
  'toegankelijk* bereikbaar* laagdrempelig* drempel* openingsuren nabijheid dichtbij',
  'financiering* middelen budget* subsidie* geld* kost* besparing* investering* werkingsmiddelen financieel* personeelsmiddelen',
  'randvoorwaarde* omstandigheden infrastructuur huisvesting gebouw* ruimte* accommodatie',
  'doorverwijzing* doorverwijz* verwijzing* toeleiding* oriëntering traject* doorstroming* overdracht* schakel*',
  'innovatie* innovatief vernieuw* creatief* experiment* pilootproject* pionier* initiatief* zelfsturend zelfevaluatie* lerend* veranderingsbereid*',
  'verandering* veranderen weerstand* onzekerheid* vrees angst* bezorgdheid* twijfel* onrust',
  'regio* regionaal* provincie* gemeente* stad* lokale besturen bestuur* streek*',
  'beleid* strategie* strategisch* visie* prioriteit* keuze* planning* koers',
  'taal* nederlands nt2 taalpromotie taalbeleid taalniveau taalverwerving taalcursus* taalles* taalcoach*',
  'maatschappij* maatschappelijk* publieke debat politiek* ideolog* media* opinie* polarisatie*',
  'kwetsbaar* probleemgroep* laaggeschoold* analfabet* anderstalig* nieuwkomer* vluchteling* migrant*',
  'communicatie* informatie* informeren* website* brochure* folder* sensibilisering* campagne*',
  'vrijwilliger* vrijwilligerswerk engagement* inzet betrokken* betrokkenheid motivatie gemotiveerd* enthousias*',
  'tolk* tolken vertaal* vertaling* sociaal tolken',
  'ouder* gezin* kinder* kind jongere* leerling* school* scholen onderwijs* leraar* leerkracht*',
  'werk werkgever* arbeidsmarkt* tewerkstelling* vdab job* werkzoekend* activering*',
];
