import type { Services } from '../../services/runtime';
import { seedFieldwork, type SeededCampaign } from './seed';

export interface SeededAnalysis extends SeededCampaign {
  /** Lemma ids by name. */
  readonly lemmas: Readonly<Record<string, string>>;
  readonly goodPractice: string;
  readonly note: string;
}

/**
 * A campaign with something to report on: three visits to integration centres in Gent, each
 * with a staff conversation whose SWOT items are clustered into lemmas, a good practice and a
 * note on a guiding question (through the store, as the capture screens write them).
 */
export async function seedAnalysis(services: Services): Promise<SeededAnalysis> {
  const seeded = await seedFieldwork(services, { visits: 3 });
  const store = services.profile.store;
  const { campaignId, sectorId, groupId, members, visits, conversations } = seeded;
  const lemma = (quadrant: 'strengths' | 'weaknesses' | 'opportunities' | 'threats', name: string, narrative: string) =>
    store.insert('lemmas', campaignId, {
      sector_id: sectorId,
      respondent_group_id: groupId,
      quadrant,
      name,
      narrative,
    });
  const lemmas = {
    netwerk: lemma('strengths', 'Sterk netwerk', 'Het personeel werkt nauw samen met lokale besturen en scholen.'),
    wachtlijsten: lemma('weaknesses', 'Lange wachtlijsten', 'Cursisten wachten maanden op een plaats.'),
    subsidies: lemma('opportunities', 'Nieuwe subsidies', ''),
  };
  const item = (
    index: number,
    quadrant: 'strengths' | 'weaknesses' | 'opportunities' | 'threats',
    text: string,
    lemmaId: string | null,
  ) =>
    store.insert('swot_items', campaignId, {
      visit_id: visits[index]!,
      conversation_id: conversations[index]!,
      quadrant,
      text,
      author_id: members[0],
      lemma_id: lemmaId,
    });
  item(0, 'strengths', 'Netwerk met lokale besturen', lemmas.netwerk);
  item(1, 'strengths', 'Goede band met scholen', lemmas.netwerk);
  item(2, 'strengths', 'Sterk lokaal netwerk', lemmas.netwerk);
  item(0, 'weaknesses', 'Wachtlijsten voor cursussen', lemmas.wachtlijsten);
  item(2, 'weaknesses', 'Te lang wachten op Nederlandse les', lemmas.wachtlijsten);
  item(1, 'opportunities', 'Europese middelen', lemmas.subsidies);
  const goodPractice = store.insert('good_practices', campaignId, {
    visit_id: visits[0]!,
    text: 'Buddywerking met vrijwilligers uit de buurt',
  });
  const question = store.list('guiding_questions', { campaign_id: campaignId, sector_id: sectorId })[0];
  const note = store.insert('notes', campaignId, {
    visit_id: visits[0]!,
    conversation_id: conversations[0]!,
    guiding_question_id: question?.id ?? null,
    author_id: members[0],
    text: 'Het team volgt elke nieuwkomer persoonlijk op.',
  });
  return { ...seeded, lemmas, goodPractice, note };
}
