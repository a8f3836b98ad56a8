import { QUADRANTS, type Quadrant } from '../../shared/swot/quadrants';
import { scoreSwot, type SwotScopeItem } from '../../shared/swot/score';
import { tokenizeDutch } from '../../shared/swot/dutch-text';
import {
  Vocabulary,
  countTerms,
  documentFrequencies,
  inverseDocumentFrequencies,
  tfidfVector,
} from '../../shared/swot/tfidf';
import {
  averageLinkage,
  createLemmaIndex,
  suggestGroups,
  suggestLemma,
  type LemmaCandidate,
  type SuggestItem,
} from '../../shared/swot/suggest';
import { combinedVector, featureCorpus } from '../../shared/swot/features';
import { referenceAverageLinkage } from '../../shared/swot/linkage-reference';
import { DEFAULT_TUNING } from '../../shared/swot/tuning';
import { median, medianMs, round } from '../support/stats';
import { seededRandom } from '../../shared/random';

/*
 * SWOT suggestions on 1,000 realistic Dutch items (issue 6 asks for < 200 ms): grouping the
 * unclustered items (spread over the four quadrants, and the worst case of all in one quadrant),
 * proposing a lemma for one new item from scratch, and for many items from one prepared index.
 * The items are generated deterministically from a seeded generator, so runs compare.
 */

const THEMES: readonly { readonly lemma: string; readonly nouns: readonly string[] }[] = [
  {
    lemma: 'Samenwerking met partners',
    nouns: [
      'samenwerking met scholen',
      'samenwerking met het OCMW',
      'samenwerking met lokale besturen',
      'contact met het CLB',
      'overleg met de VDAB',
    ],
  },
  {
    lemma: 'Wachtlijsten',
    nouns: [
      'wachtlijsten voor NT2-cursussen',
      'wachtlijst voor de inburgeringscursus',
      'wachttijden voor taallessen',
      'wachtlijsten bij het Huis van het Nederlands',
    ],
  },
  {
    lemma: 'Personeel',
    nouns: [
      'personeelsverloop',
      'tekort aan personeel',
      'werkdruk bij het personeel',
      'gemotiveerd personeel',
      'deskundige medewerkers',
    ],
  },
  {
    lemma: 'Huisvesting',
    nouns: [
      'huisvesting van de lokalen',
      'bereikbaarheid van het gebouw',
      'lokalen voor cursisten',
      'verhuis naar een nieuw gebouw',
    ],
  },
  {
    lemma: 'Financiering',
    nouns: [
      'subsidies van de Vlaamse overheid',
      'besparingen op de werking',
      'projectmiddelen',
      'financiële middelen voor tolken',
    ],
  },
  {
    lemma: 'Vrijwilligers',
    nouns: ['inzet van vrijwilligers', 'vrijwilligers als taalcoach', 'begeleiding van vrijwilligers'],
  },
  {
    lemma: 'Tolken',
    nouns: [
      'beschikbaarheid van sociaal tolken',
      'kwaliteit van de tolken',
      'tolken via telefoon',
      'opleiding van tolken',
    ],
  },
  {
    lemma: 'Digitalisering',
    nouns: [
      'digitale aanmelding',
      'registratie in het digitale systeem',
      'online taallessen',
      'digitale vaardigheden van cursisten',
    ],
  },
  {
    lemma: 'Regelgeving',
    nouns: [
      'nieuw decreet inburgering',
      'complexe regelgeving',
      'wijzigingen in de regelgeving',
      'administratieve last door het decreet',
    ],
  },
  {
    lemma: 'Communicatie',
    nouns: [
      'communicatie met cursisten',
      'bekendheid bij de doelgroep',
      'communicatie naar partners',
      'website en folders',
    ],
  },
];
const OPENERS = [
  '',
  'Goede',
  'Te weinig',
  'Sterke',
  'Gebrek aan',
  'Meer',
  'Moeizame',
  'Nieuwe kansen voor',
  'Onzekerheid over',
  'Veel',
];
const TAILS = [
  '',
  'in de regio',
  'voor anderstaligen',
  'sinds vorig jaar',
  'in Gent',
  'in Antwerpen',
  'bij kwetsbare groepen',
  'op lange termijn',
];

/** The plain TF-IDF baseline's grouping (word stems only, average linkage at 0.25, per quadrant): the time reference. */
function plainTfidfGroups(items: readonly SuggestItem[]): number[][] {
  const vocabulary = new Vocabulary();
  const docs = items.map((item) => countTerms(tokenizeDutch(item.text).map((token) => vocabulary.idOf(token.stem))));
  const idf = inverseDocumentFrequencies(documentFrequencies(docs, vocabulary.size), docs.length);
  const vectors = docs.map((doc) => tfidfVector(doc, idf));
  const byQuadrant = new Map<string, number[]>();
  items.forEach((item, index) => {
    const list = byQuadrant.get(item.quadrant ?? '');
    if (list) list.push(index);
    else byQuadrant.set(item.quadrant ?? '', [index]);
  });
  return [...byQuadrant.values()].flatMap((indices) =>
    averageLinkage(
      indices.map((index) => vectors[index] as (typeof vectors)[number]),
      0.25,
    ).map((cluster) => cluster.map((local) => indices[local] as number)),
  );
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

interface SyntheticItem {
  readonly id: string;
  readonly conversation: string;
  readonly quadrant: Quadrant;
  readonly text: string;
  readonly theme: number;
}

function syntheticItems(count: number, seed: number): SyntheticItem[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => {
    const theme = Math.floor(random() * THEMES.length);
    const words = [
      pick(random, OPENERS),
      pick(random, (THEMES[theme] as (typeof THEMES)[number]).nouns),
      pick(random, TAILS),
    ]
      .filter((part) => part !== '')
      .join(' ');
    const text = random() < 0.2 ? words.toLowerCase() : words.charAt(0).toUpperCase() + words.slice(1);
    return {
      id: `i${index}`,
      conversation: `c${Math.floor(random() * 40) + 1}`,
      quadrant: QUADRANTS[Math.floor(random() * 4)] as Quadrant,
      text,
      theme,
    };
  });
}

export async function run(options: { full: boolean }): Promise<Record<string, unknown>> {
  const runs = options.full ? 15 : 5;
  const items = syntheticItems(1000, 2015);
  const spread: SuggestItem[] = items.map(({ id, text, quadrant }) => ({ id, text, quadrant }));
  const oneQuadrant: SuggestItem[] = items.map(({ id, text }) => ({ id, text }));

  // Lemmas made of the 1,000 items: one lemma per theme and quadrant.
  const lemmas: LemmaCandidate[] = QUADRANTS.flatMap((quadrant) =>
    THEMES.map((theme, index) => ({
      id: `${quadrant}-${index}`,
      name: theme.lemma,
      quadrant,
      itemTexts: items.filter((item) => item.quadrant === quadrant && item.theme === index).map((item) => item.text),
    })),
  );
  const newItems = syntheticItems(200, 2016);
  const scope = {
    group: 'beleid en personeel',
    conversations: Array.from({ length: 40 }, (_, index) => `c${index + 1}`),
    items: items.map((item): SwotScopeItem => ({ ...item, lemma: null })),
  };

  // Warm up once so the medians measure steady work, not first-call compilation.
  suggestGroups(spread);
  const groupsSpread = suggestGroups(spread);
  const groupsOne = suggestGroups(oneQuadrant);
  const probe = newItems[0] as SyntheticItem;
  const probeAnswer = suggestLemma(probe, lemmas);

  plainTfidfGroups(spread);
  const suggestGroupsMs = await medianMs(runs, () => suggestGroups(spread));
  const plainTfidfGroupsMs = await medianMs(runs, () => plainTfidfGroups(spread));
  const suggestGroupsOneQuadrantMs = await medianMs(runs, () => suggestGroups(oneQuadrant));
  const suggestLemmaMs = await medianMs(runs, () => suggestLemma(probe, lemmas));
  const indexBuildMs = await medianMs(runs, () => createLemmaIndex(lemmas));
  const index = createLemmaIndex(lemmas);
  const suggestLemma200Ms = await medianMs(runs, () => {
    for (const item of newItems) index.suggest(item);
  });
  const scoreMs = await medianMs(runs, () => scoreSwot(scope));

  // The clustering step alone, on the 1,000 items as one quadrant, against the previous
  // implementation (linkage-reference.ts) in the same run: the two are timed in turn, so load
  // from other processes falls on both alike, and their clusters are compared.
  const corpus = featureCorpus(oneQuadrant.map((item) => item.text));
  const vectors = corpus.counts.map((counts) => combinedVector(counts, corpus.idf, DEFAULT_TUNING.weights));
  const cut = { quantile: DEFAULT_TUNING.groupQuantile, floor: DEFAULT_TUNING.minGroupThreshold };
  const linkageRuns = options.full ? 21 : 9;
  const newTimes: number[] = [];
  const referenceTimes: number[] = [];
  let sameClusters =
    JSON.stringify(averageLinkage(vectors, cut)) === JSON.stringify(referenceAverageLinkage(vectors, cut));
  for (let run = 0; run < linkageRuns; run += 1) {
    let start = performance.now();
    const fresh = averageLinkage(vectors, cut);
    newTimes.push(performance.now() - start);
    start = performance.now();
    const previous = referenceAverageLinkage(vectors, cut);
    referenceTimes.push(performance.now() - start);
    sameClusters &&= fresh.length === previous.length;
  }

  // Quality beside speed: how often the best lemma is the new item's own theme, and how pure
  // the proposed groups are (share of grouped items that belong to their group's main theme).
  const hits = newItems.filter((item) => index.suggest(item)[0]?.lemmaId === `${item.quadrant}-${item.theme}`).length;
  const themeOf = new Map(items.map((item) => [item.id, item.theme]));
  let pure = 0;
  let grouped = 0;
  for (const group of groupsSpread) {
    const counts = new Map<number, number>();
    for (const id of group.itemIds)
      counts.set(themeOf.get(id) as number, (counts.get(themeOf.get(id) as number) ?? 0) + 1);
    pure += Math.max(...counts.values());
    grouped += group.itemIds.length;
  }

  return {
    items: items.length,
    runs,
    suggestGroupsMedianMs: round(suggestGroupsMs),
    plainTfidfGroupsMedianMs: round(plainTfidfGroupsMs),
    suggestGroupsTimeRatioToPlainTfidf: round(suggestGroupsMs / plainTfidfGroupsMs, 2),
    suggestGroupsGroups: groupsSpread.length,
    suggestGroupsItemsGrouped: groupsSpread.reduce((sum, group) => sum + group.itemIds.length, 0),
    suggestGroupsOneQuadrantMedianMs: round(suggestGroupsOneQuadrantMs),
    suggestGroupsOneQuadrantGroups: groupsOne.length,
    suggestLemmaFromScratchMedianMs: round(suggestLemmaMs),
    suggestLemmaProbe: {
      text: probe.text,
      expected: (THEMES[probe.theme] as (typeof THEMES)[number]).lemma,
      best: probeAnswer[0]?.name ?? null,
    },
    suggestLemmaTopHitRate: round(hits / newItems.length),
    suggestGroupsPurity: grouped === 0 ? null : round(pure / grouped),
    lemmaIndexBuildMedianMs: round(indexBuildMs),
    lemmaIndexSuggest200ItemsMedianMs: round(suggestLemma200Ms),
    scoreSwotMedianMs: round(scoreMs),
    linkageOneQuadrant: {
      runs: linkageRuns,
      medianMs: round(median(newTimes)),
      previousVersionMedianMs: round(median(referenceTimes)),
      speedUp: round(median(referenceTimes) / median(newTimes), 2),
      sameClusters,
    },
  };
}
