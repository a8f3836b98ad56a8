/*
 * A small thesaurus of general Dutch: each line is one concept, written as near-synonyms (or word
 * beginnings ending in '*') that people use for it in interviews about any public service or
 * organisation (staff, workload, training, money, buildings, cooperation, rules, ICT, clients,
 * quality, policy, change). Words are matched on their accent-folded, stemmed form, and '*'
 * entries on the folded word's start, so compounds ("personeelstekort", "samenwerkingsverband")
 * meet their theme. Interviewees paraphrase ("vlotte samenwerking", "goed overleg met de
 * partners"): word overlap alone misses that; a shared concept adds it to the similarity.
 * Hand-written because no offline Dutch thesaurus is available as a package.
 *
 * Honesty about its data: an earlier version was written having read the development set's
 * lemmas (../shared/domain/swot-dev-set.json) and held words of those lemmas only; they were
 * removed (issue 15). Keep every line general Dutch that holds for any inspection report: never
 * add a word because one campaign's lemma uses it. `npm run bench -- --only suggest-quality`
 * measures the suggestions with and without this list.
 */
export const DUTCH_CONCEPTS: readonly string[] = [
  'samenwerking samenwerk* partner* partnerschap overleg afstemming contact* relatie* verstandhouding netwerk*',
  'expertise deskundig* kennis ervaring vakkennis competent* competentie* bekwaam* know-how vakmanschap professioneel professionaliteit',
  'personeel* medewerker* staf collega* werknemer* bezetting aanwerving* rekrutering* vacature* personeelsverloop',
  'werkdruk drukte overbelast* tijdsdruk stress burn-out overuren tijdgebrek ziekteverzuim',
  'vorming opleiding* training* bijscholing navorming coaching begeleiding',
  'cultuur organisatiecultuur waarden sfeer teamgeest klimaat mentaliteit',
  'imago reputatie bekendheid naambekendheid uitstraling beeldvorming zichtbaarheid',
  'aanbod capaciteit wachtlijst* wachttijd* tekort*',
  'ict digitaal digitalisering* software applicatie* systeem systemen databank* computer* informatica',
  'regelgeving wetgeving decreet* regels procedure* administratie* bureaucratie* papierwerk formulier*',
  'fusie* samenvoeging* hervorming* herstructurering* reorganisatie* schaalvergroting',
  'evaluatie* meting* meten indicator* resultaat* impact monitoring opvolging effect*',
  'kwaliteit* kwalitatief standaard* norm normen',
  'dienstverlening loket* onthaal* klant* gebruiker* doelgroep* cliënt* burger* bezoeker*',
  'toegankelijk* bereikbaar* laagdrempelig* drempel* openingsuren nabijheid',
  'financiering* middelen budget* subsidie* geld* kost* besparing* investering* financieel*',
  'infrastructuur huisvesting gebouw* ruimte* accommodatie',
  'doorverwijz* verwijz* toeleiding* traject* doorstroming*',
  'innovatie* innovatief vernieuw* creatief* experiment* pilootproject*',
  'verandering* veranderen weerstand* onzekerheid* vrees angst* bezorgdheid* twijfel* onrust',
  'regio* regionaal* provincie* gemeente* stad lokale bestuur* streek*',
  'beleid* strategie* strategisch* visie prioriteit* keuze* planning* koers',
  'taal* nederlands nt2 taalniveau',
  'maatschappij* maatschappelijk* samenleving politiek* media* opinie* polarisatie*',
  'kwetsbaar* laaggeschoold* analfabet* anderstalig* nieuwkomer* vluchteling* migrant*',
  'communicatie* informatie* informeren* website* brochure* folder* campagne* sensibilisering*',
  'vrijwilliger* vrijwilligerswerk vrijwillig* onbezoldigd*',
  'engagement* inzet betrokken* betrokkenheid motivatie gemotiveerd* enthousias*',
  'tolk* tolken vertaal* vertaling*',
  'ouder* gezin* kind kinderen jongere* leerling* school* scholen onderwijs* leraar* leerkracht*',
  'werkgever* arbeidsmarkt* tewerkstelling* vdab job* werkzoekend* activering*',
];
