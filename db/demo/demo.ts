import { DEFAULT_REGIONS } from '../../shared/domain/model';
import { QUADRANTS } from '../../shared/sync/schema';
import { createCampaign } from '../store/campaigns';
import { conversationId, deterministicId, noteId } from '../store/ids';
import type { LocalStore } from '../store/store';

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

/** mulberry32: a small seeded PRNG, enough for synthetic data. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'de het een en van in op met voor aan door naar over bij als ook niet wel meer veel goed sterk zwak ' +
  'organisatie centrum dienst werking medewerkers cursisten inburgeraars tolken vertalers partners netwerk ' +
  'samenwerking onthaal traject taal Nederlands oriëntatie opleiding kwaliteit beleid visie opdracht regio ' +
  'stad provincie gemeente school welzijn OCMW wachtlijst aanbod vraag begeleiding opvolging evaluatie ' +
  'doelgroep nieuwkomers anderstaligen ouders jongeren werkzoekenden vrijwilligers planning registratie ' +
  'overleg afspraken middelen personeel directie coördinator team expertise ervaring tevredenheid'
).split(' ');

const OPENERS = ['Volgens de directie', 'De medewerkers geven aan dat', 'Uit het gesprek blijkt dat', 'De stakeholders stellen', 'Men merkt op dat'];

function sentence(random: () => number, words: number): string {
  const parts: string[] = [];
  for (let i = 0; i < words; i += 1) parts.push(WORDS[Math.floor(random() * WORDS.length)] as string);
  const opener = random() < 0.3 ? `${OPENERS[Math.floor(random() * OPENERS.length)]} ` : '';
  const text = `${opener}${parts.join(' ')}.`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function paragraph(random: () => number, characters: number): string {
  const sentences: string[] = [];
  let length = 0;
  while (length < characters) {
    const next = sentence(random, 6 + Math.floor(random() * 14));
    sentences.push(next);
    length += next.length + 1;
  }
  return sentences.join(' ');
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

const FIRST_NAMES = ['An', 'Bart', 'Carine', 'Dirk', 'Els', 'Filip', 'Greet', 'Hilde', 'Ilse', 'Jan', 'Karel', 'Leen'];
const LAST_NAMES = ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet'];

export function generateDemo(store: LocalStore, options: DemoOptions = {}): DemoSummary {
  const size = options.size ?? 'small';
  const seed = options.seed ?? 2015;
  const plan = PLANS[size];
  const random = prng(seed);
  const id = (kind: string, ...parts: Array<string | number>) => deterministicId(kind, `demo${seed}`, ...parts.map(String));
  const campaignId = id('cp');
  const campaign = createCampaign(store, { name: `Demo ${size} (${seed})`, workingYear: '2014-2015' }, { id: campaignId, now: new Date(Date.UTC(2014, 8, 1)) });

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
          name: `${sector.code} ${pick(random, ['Oost', 'West', 'Noord', 'Zuid', 'Centrum'])} ${i + 1}`,
          address: `${pick(random, ['Kerkstraat', 'Stationsstraat', 'Molenstraat', 'Schoolstraat'])} ${1 + Math.floor(random() * 200)}`,
          contact: `info@${(sector.code ?? 'org').toLowerCase()}${i + 1}.be`,
        },
        { id: organisationId },
      );
      organisations.push({ id: organisationId, sectorId: sector.id, sectorCode: sector.code ?? '' });
    }
  }

  // Lemmas per sector, respondent group and quadrant, so that many items are clustered.
  const lemmasByGroup = new Map<string, string[]>();
  let lemmaCount = 0;
  for (const sector of sectors) {
    for (const group of store.list('respondent_groups', { sector_id: sector.id })) {
      const lemmas: string[] = [];
      for (const quadrant of QUADRANTS) {
        for (let i = 0; i < 3; i += 1) {
          const lemmaId = id('lm', group.id, quadrant, i);
          store.insert(
            'lemmas',
            campaign.id,
            { sector_id: sector.id, respondent_group_id: group.id, quadrant, name: sentence(random, 3).replace(/\.$/, ''), narrative: paragraph(random, 400) },
            { id: lemmaId },
          );
          lemmas.push(lemmaId);
          lemmaCount += 1;
        }
      }
      lemmasByGroup.set(group.id, lemmas);
    }
  }

  // Conversations first, so the note budget can be spread evenly.
  const visits = organisations.map((organisation, index) => ({ organisation, index }));
  const conversationPlan = visits.map(({ organisation }) => {
    const groups = store.list('respondent_groups', { sector_id: organisation.sectorId }, { orderBy: ['sort_order'] });
    // STVD: interpreters and users share one conversation.
    const sessions = groups.length > 3 ? [[groups[0]], [groups[1]], [groups[2]], groups.slice(3)] : groups.map((group) => [group]);
    return sessions.map((session) => session.filter((group) => group !== undefined).map((group) => group.id));
  });
  const questionsPerSector = new Map(sectors.map((sector) => [sector.id, store.list('guiding_questions', { sector_id: sector.id }, { orderBy: ['sort_order'] })]));
  const noteTotal = visits.reduce(
    (sum, { organisation, index }) => sum + (conversationPlan[index]?.length ?? 0) * 2 * ((questionsPerSector.get(organisation.sectorId)?.length ?? 0) + 1),
    0,
  );
  const noteCharacters = Math.max(200, Math.round((plan.notePages * PAGE_CHARACTERS) / Math.max(1, noteTotal)));

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
      store.insert('visits', campaign.id, { organisation_id: organisation.id, date: day, member_a: memberA, member_b: memberB, status: 'done' }, { id: visitId });
      store.insert('documents', campaign.id, { visit_id: visitId, title: `Jaarverslag 2013 ${index + 1}`, kind: 'jaarverslag', date: '2014-06-30', blob_hash: null }, { id: id('dc', index) });
      const practices = 1 + Math.floor(random() * 3);
      for (let p = 0; p < practices; p += 1) store.insert('good_practices', campaign.id, { visit_id: visitId, text: paragraph(random, 300) }, { id: id('gp', index, p) });
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
            participant_counts: Object.fromEntries(categories.map((category) => [category.id, Math.floor(random() * 5)])),
          },
          { id: conversation },
        );
        conversations += 1;
        for (const author of [memberA, memberB]) {
          for (const question of [...questions.map((q) => q.id), null]) {
            const text = paragraph(random, noteCharacters);
            store.insert(
              'notes',
              campaign.id,
              { visit_id: visitId, conversation_id: conversation, guiding_question_id: question, author_id: author, text },
              { id: noteId(conversation, question, author), author },
            );
            notes += 1;
            characters += text.length;
          }
        }
        const lemmas = lemmasByGroup.get(groupIds[0] ?? '') ?? [];
        const [low, high] = plan.itemsPerConversation;
        const count = low + Math.floor(random() * (high - low + 1));
        for (let i = 0; i < count; i += 1) {
          const quadrant = pick(random, QUADRANTS);
          const candidates = lemmas.filter((_, lemmaIndex) => Math.floor(lemmaIndex / 3) === QUADRANTS.indexOf(quadrant));
          store.insert(
            'swot_items',
            campaign.id,
            {
              visit_id: visitId,
              conversation_id: conversation,
              quadrant,
              text: sentence(random, 5 + Math.floor(random() * 10)),
              author_id: random() < 0.5 ? memberA : memberB,
              lemma_id: random() < 0.7 && candidates.length > 0 ? pick(random, candidates) : null,
            },
            { id: id('sw', conversation, i) },
          );
          swotItems += 1;
        }
      });
    });
    options.onProgress?.(index + 1, visits.length);
  });

  return {
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
