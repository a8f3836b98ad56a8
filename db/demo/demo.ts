import { DEFAULT_REGIONS } from '../../shared/domain/model';
import { createCampaign } from '../store/campaigns';
import { conversationId, deterministicId, noteId } from '../store/ids';
import type { LocalStore } from '../store/store';
import type { Quadrant } from '../../shared/swot/quadrants';
import {
  AUDIENCE_OF_GROUP,
  DEMO_GOOD_PRACTICES,
  DEMO_SINGLETONS,
  DEMO_THEMES,
  ITEM_TAILS,
  NOTE_ASIDES,
  NOTE_OPENERS,
  ORGANISATION_NAMES,
  TOWNS,
  type DemoTheme,
} from './phrases';
import { seededRandom } from '../../shared/random';

/**
 * A realistic synthetic campaign for trying the app and for benchmarks, written through the
 * store like any user's edits. The content is a pure function of the seed (the timestamps are
 * not: they are the clock's).
 *
 * season: 25 organisations in the three sectors and eight regions, one visit each, about 80
 * conversations, about 3,000 SWOT items and notes of about 5,000 pages (1,800 characters a page).
 */
export type DemoSize = 'small' | 'season';

export interface DemoOptions {
  readonly size?: DemoSize;
  readonly seed?: number;
  readonly onProgress?: (done: number, total: number) => void;
  /** Multiplies the organisations (and so visits, conversations, items, notes) of the size; default 1. */
  readonly scale?: number;
  /** Also answer each SWOT item's theme: a labelled set for measuring suggestions, never shown in the app. */
  readonly labels?: boolean;
  /**
   * Sign the notes as this laptop instead of as the members who wrote them: the data one laptop
   * may send as its own over the duo exchange, whose maker signs only for its "Ik ben"
   * (services/duo/signed-file.ts). Default false: the notes are signed by their authors, as if
   * synced from the members' laptops.
   */
  readonly laptopSigned?: boolean;
}

/** A demo SWOT item with the theme it paraphrases (its "true" lemma; a singleton is its own). */
export interface DemoLabelledItem {
  readonly itemId: string;
  /** Sector, respondent groups and quadrant: the scope-and-quadrant the item is clustered in. */
  readonly group: string;
  readonly text: string;
  readonly lemma: string;
}

export interface DemoSummary {
  readonly campaignId: string;
  readonly organisations: number;
  readonly visits: number;
  readonly conversations: number;
  readonly swotItems: number;
  readonly notes: number;
  readonly noteCharacters: number;
  readonly lemmas: number;
  readonly labelledItems?: readonly DemoLabelledItem[];
}

const PAGE_CHARACTERS = 1800;

interface Plan {
  readonly organisationsPerSector: Readonly<Record<string, number>>;
  readonly itemsPerConversation: readonly [number, number];
  readonly notePages: number;
}

const PLANS: Readonly<Record<DemoSize, Plan>> = {
  small: { organisationsPerSector: { IC: 1, STVD: 1, HvN: 1 }, itemsPerConversation: [6, 12], notePages: 40 },
  season: { organisationsPerSector: { IC: 8, STVD: 7, HvN: 10 }, itemsPerConversation: [30, 45], notePages: 5000 },
};

/** A typo as fast typists make them: two neighbouring letters swapped, or one doubled or dropped. */
function typo(random: () => number, text: string): string {
  const positions = [...text.matchAll(/\p{L}{4,}/gu)];
  const word = positions[Math.floor(random() * positions.length)];
  if (!word || word.index === undefined) return text;
  const at = word.index + 1 + Math.floor(random() * (word[0].length - 2));
  const kind = Math.floor(random() * 3);
  if (kind === 0) return text.slice(0, at) + text.charAt(at + 1) + text.charAt(at) + text.slice(at + 2);
  if (kind === 1) return text.slice(0, at) + text.charAt(at) + text.slice(at);
  return text.slice(0, at) + text.slice(at + 1);
}

/** One SWOT card as typed during a conversation: a paraphrase of the theme, now and then with a tail, a typo or no capital. */
function itemText(random: () => number, phrases: readonly string[]): string {
  let text = pick(random, phrases);
  if (random() < 0.3) text = `${text.replace(/[.?]$/, '')} ${pick(random, ITEM_TAILS)}`;
  if (random() < 0.05) text = typo(random, text);
  if (random() < 0.15) text = text.charAt(0).toLowerCase() + text.slice(1);
  return text;
}

/** A note paragraph of about `characters`: what was said about the conversation's themes, with the inspector's asides. */
function noteParagraph(random: () => number, themes: readonly DemoTheme[], characters: number): string {
  const sentences: string[] = [];
  let length = 0;
  while (length < characters) {
    let next: string;
    if (random() < 0.15) next = pick(random, NOTE_ASIDES);
    else {
      const sentence = pick(random, pick(random, themes).notes);
      next =
        random() < 0.3
          ? `${pick(random, NOTE_OPENERS)} ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`
          : sentence;
    }
    sentences.push(next);
    length += next.length + 1;
  }
  return sentences.join(' ');
}

function organisationName(sectorCode: string, index: number, regionName: string): string {
  const names = ORGANISATION_NAMES[sectorCode] ?? ['Organisatie'];
  const towns = TOWNS[regionName] ?? [regionName];
  const name = names[index % names.length] as string;
  const round = Math.floor(index / names.length);
  const town = towns[round % towns.length] as string;
  // Past the towns of a region, a branch number keeps two organisations apart.
  const branch = Math.floor(round / towns.length);
  return `${name} ${town}${branch > 0 ? ` ${branch + 1}` : ''}`;
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

const FIRST_NAMES = ['An', 'Bart', 'Carine', 'Dirk', 'Els', 'Filip', 'Greet', 'Hilde', 'Ilse', 'Jan', 'Karel', 'Leen'];
const LAST_NAMES = [
  'Peeters',
  'Janssens',
  'Maes',
  'Jacobs',
  'Mertens',
  'Willems',
  'Claes',
  'Goossens',
  'Wouters',
  'De Smet',
];

export function generateDemo(store: LocalStore, options: DemoOptions = {}): DemoSummary {
  const size = options.size ?? 'small';
  const seed = options.seed ?? 2015;
  const scale = options.scale ?? 1;
  if (!Number.isInteger(scale) || scale < 1)
    throw new RangeError(`the demo scale must be a whole number of at least 1, not ${scale}`);
  const base = PLANS[size];
  const plan: Plan = {
    ...base,
    organisationsPerSector: Object.fromEntries(
      Object.entries(base.organisationsPerSector).map(([code, count]) => [code, count * scale]),
    ),
    notePages: base.notePages * scale,
  };
  const random = seededRandom(seed);
  const id = (kind: string, ...parts: Array<string | number>) =>
    deterministicId(kind, `demo${seed}`, ...parts.map(String));
  const campaignId = id('cp');
  const campaign = createCampaign(
    store,
    { name: `Demo ${size} (${seed})`, workingYear: '2014-2015' },
    { id: campaignId, now: new Date(Date.UTC(2014, 8, 1)) },
  );

  const sectors = store.list('sectors', { campaign_id: campaign.id }, { orderBy: ['sort_order'] });
  const categories = store.list('stakeholder_categories', { campaign_id: campaign.id });
  const regions = DEFAULT_REGIONS.map((region, index) => {
    const regionId = id('rg', index);
    store.insert('regions', campaign.id, { name: region.name, kind: region.kind }, { id: regionId });
    return regionId;
  });
  const members = Array.from({ length: 8 }, (_, index) => {
    const memberId = id('mb', index);
    store.insert(
      'members',
      campaign.id,
      {
        name: `${FIRST_NAMES[index % FIRST_NAMES.length]} ${LAST_NAMES[index % LAST_NAMES.length]}`,
        email: `inspecteur${index + 1}@voorbeeld.be`,
        is_inspector: true,
        is_team_lead: index === 0,
        coordinator_of: regions.filter((_, regionIndex) => regionIndex % 8 === index),
        sector_lead_of: sectors.filter((_, sectorIndex) => sectorIndex === index).map((sector) => sector.id),
      },
      { id: memberId },
    );
    return memberId;
  });

  const organisations: Array<{ id: string; sectorId: string; sectorCode: string }> = [];
  for (const sector of sectors) {
    const count = plan.organisationsPerSector[sector.code ?? ''] ?? 0;
    for (let i = 0; i < count; i += 1) {
      const organisationId = id('org', sector.code ?? '', i);
      const region = regions[(organisations.length + i) % regions.length] as string;
      store.insert(
        'organisations',
        campaign.id,
        {
          sector_id: sector.id,
          region_id: region,
          name: organisationName(sector.code ?? '', i, DEFAULT_REGIONS[regions.indexOf(region)]?.name ?? ''),
          address: `${pick(random, ['Kerkstraat', 'Stationsstraat', 'Molenstraat', 'Schoolstraat'])} ${1 + Math.floor(random() * 200)}`,
          contact: `info@${(sector.code ?? 'org').toLowerCase()}${i + 1}.voorbeeld.be`,
        },
        { id: organisationId },
      );
      organisations.push({ id: organisationId, sectorId: sector.id, sectorCode: sector.code ?? '' });
    }
  }

  // One lemma per theme that comes up in a respondent group, named and explained as the team would.
  const themesByGroup = new Map<string, DemoTheme[]>();
  const lemmaOfTheme = new Map<string, string>();
  let lemmaCount = 0;
  for (const sector of sectors) {
    for (const group of store.list('respondent_groups', { sector_id: sector.id })) {
      const audience = AUDIENCE_OF_GROUP[group.name ?? ''] ?? 'staff';
      const themes = DEMO_THEMES.filter(
        (theme) =>
          (theme.sectors.length === 0 || theme.sectors.includes(sector.code ?? '')) &&
          theme.audiences.includes(audience),
      );
      themesByGroup.set(group.id, themes);
      for (const theme of themes) {
        const lemmaId = id('lm', group.id, theme.key);
        store.insert(
          'lemmas',
          campaign.id,
          {
            sector_id: sector.id,
            respondent_group_id: group.id,
            quadrant: theme.quadrant,
            name: theme.lemma,
            narrative: theme.narrative,
          },
          { id: lemmaId },
        );
        lemmaOfTheme.set(`${group.id}:${theme.key}`, lemmaId);
        lemmaCount += 1;
      }
    }
  }

  // Conversations first, so the note budget can be spread evenly.
  const visits = organisations.map((organisation, index) => ({ organisation, index }));
  const conversationPlan = visits.map(({ organisation }) => {
    const groups = store.list('respondent_groups', { sector_id: organisation.sectorId }, { orderBy: ['sort_order'] });
    // STVD: interpreters and users share one conversation.
    const sessions =
      groups.length > 3 ? [[groups[0]], [groups[1]], [groups[2]], groups.slice(3)] : groups.map((group) => [group]);
    return sessions.map((session) => session.filter((group) => group !== undefined).map((group) => group.id));
  });
  const questionsPerSector = new Map(
    sectors.map((sector) => [
      sector.id,
      store.list('guiding_questions', { sector_id: sector.id }, { orderBy: ['sort_order'] }),
    ]),
  );
  const noteTotal = visits.reduce(
    (sum, { organisation, index }) =>
      sum +
      (conversationPlan[index]?.length ?? 0) * 2 * ((questionsPerSector.get(organisation.sectorId)?.length ?? 0) + 1),
    0,
  );
  const noteCharacters = Math.max(200, Math.round((plan.notePages * PAGE_CHARACTERS) / Math.max(1, noteTotal)));

  const labelled: DemoLabelledItem[] | undefined = options.labels ? [] : undefined;
  let conversations = 0;
  let swotItems = 0;
  let notes = 0;
  let characters = 0;
  visits.forEach(({ organisation, index }) => {
    store.transaction(() => {
      const visitId = id('vs', index);
      const memberA = members[(index * 2) % members.length] as string;
      const memberB = members[(index * 2 + 1) % members.length] as string;
      const day = new Date(Date.UTC(2014, 9, 6) + index * 3 * 86_400_000).toISOString().slice(0, 10);
      store.insert(
        'visits',
        campaign.id,
        { organisation_id: organisation.id, date: day, member_a: memberA, member_b: memberB, status: 'done' },
        { id: visitId },
      );
      store.insert(
        'documents',
        campaign.id,
        {
          visit_id: visitId,
          title: `Jaarverslag 2013 ${index + 1}`,
          kind: 'jaarverslag',
          date: '2014-06-30',
          blob_hash: null,
        },
        { id: id('dc', index) },
      );
      const practices = 1 + Math.floor(random() * 3);
      for (let p = 0; p < practices; p += 1)
        store.insert(
          'good_practices',
          campaign.id,
          { visit_id: visitId, text: pick(random, DEMO_GOOD_PRACTICES) },
          { id: id('gp', index, p) },
        );
      const questions = questionsPerSector.get(organisation.sectorId) ?? [];
      (conversationPlan[index] ?? []).forEach((groupIds, session) => {
        const conversation = conversationId(visitId, groupIds);
        const start = new Date(`${day}T${String(9 + session * 2).padStart(2, '0')}:00:00Z`);
        store.insert(
          'conversations',
          campaign.id,
          {
            visit_id: visitId,
            respondent_group_ids: groupIds,
            starts_at: start.toISOString(),
            ends_at: new Date(start.getTime() + 105 * 60_000).toISOString(),
            participant_counts: Object.fromEntries(
              categories.map((category) => [category.id, Math.floor(random() * 5)]),
            ),
          },
          { id: conversation },
        );
        conversations += 1;
        const themes = groupIds.flatMap((groupId) => themesByGroup.get(groupId) ?? []);
        // The themes this conversation dwelt on: each conversation raises some of its group's themes.
        const raised = themes.filter(() => random() < 0.6);
        const spoken = raised.length > 0 ? raised : themes;
        for (const author of [memberA, memberB]) {
          for (const question of [...questions.map((q) => q.id), null]) {
            const text = noteParagraph(random, spoken, noteCharacters);
            store.insert(
              'notes',
              campaign.id,
              {
                visit_id: visitId,
                conversation_id: conversation,
                guiding_question_id: question,
                author_id: author,
                text,
              },
              { id: noteId(conversation, question, author), ...(options.laptopSigned ? {} : { author }) },
            );
            notes += 1;
            characters += text.length;
          }
        }
        const [low, high] = plan.itemsPerConversation;
        const count = low + Math.floor(random() * (high - low + 1));
        for (let i = 0; i < count; i += 1) {
          const single = random() < 0.08 || spoken.length === 0;
          const theme = single ? undefined : pick(random, spoken);
          const singleton = single ? pick(random, DEMO_SINGLETONS) : undefined;
          const quadrant: Quadrant = theme?.quadrant ?? singleton?.quadrant ?? 'strengths';
          const text = theme ? itemText(random, theme.items) : (singleton?.text ?? '');
          const lemma = theme ? lemmaOfTheme.get(`${groupIds[0] ?? ''}:${theme.key}`) : undefined;
          const itemId = id('sw', conversation, i);
          store.insert(
            'swot_items',
            campaign.id,
            {
              visit_id: visitId,
              conversation_id: conversation,
              quadrant,
              text,
              author_id: random() < 0.5 ? memberA : memberB,
              // Most items are already clustered, as on a board the team has worked on.
              lemma_id: lemma && random() < 0.7 ? lemma : null,
            },
            { id: itemId },
          );
          labelled?.push({
            itemId,
            group: `${organisation.sectorCode} | ${groupIds.join('+')} | ${quadrant}`,
            text,
            lemma: theme ? theme.lemma : `single:${text}`,
          });
          swotItems += 1;
        }
      });
    });
    options.onProgress?.(index + 1, visits.length);
  });

  return {
    ...(labelled ? { labelledItems: labelled } : {}),
    campaignId: campaign.id,
    organisations: organisations.length,
    visits: visits.length,
    conversations,
    swotItems,
    notes,
    noteCharacters: characters,
    lemmas: lemmaCount,
  };
}
