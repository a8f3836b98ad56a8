import * as Y from 'yjs';
import { encodeBase64, yjsClientId } from '../../db/store/text';
import type { Services } from '../../services/runtime';
import { editSection } from '../../shared/report/document';
import { seedAnalysis } from './seed-reports';
import { call } from './services';

/** The names, numbers and addresses planted in the notes and the report: none may leave in an export. */
export const PLANTED = [
  'Integratiecentrum De Brug',
  'De Brug',
  'Anna Peeters',
  'Bart Claes',
  'Lies Janssens',
  '09 223 45 67',
  'lies.janssens@debrug.be',
  'Centrum Samenleven',
  // A contact person in an organisation's record, and a name in a document's title.
  'Sofie Wuyts',
  'Koen Maes',
];

export async function typeInto(services: Services, sectionId: string, paragraphs: readonly string[]): Promise<void> {
  const state = await call(services, 'reports.section.state', { sectionId });
  const { update } = editSection(
    Buffer.from(state.update, 'base64'),
    yjsClientId(services.profile.store.node),
    (fragment) => {
      for (const text of paragraphs) {
        const paragraph = new Y.XmlElement('paragraph');
        const content = new Y.XmlText();
        content.insert(0, text);
        paragraph.insert(0, [content]);
        fragment.push([paragraph]);
      }
    },
  );
  await call(services, 'reports.section.update', { sectionId, update: encodeBase64(update) });
}

/**
 * A campaign with planted names in a note, an organisation's contact field, a document's title
 * and the first section of the IC sector report.
 */
export async function plantedReport(services: Services) {
  // Three visits with clustered SWOT items: two lemmas come from fewer than three organisations (small cells).
  const seeded = await seedAnalysis(services);
  const store = services.profile.store;
  store.insert('notes', seeded.campaignId, {
    visit_id: seeded.visits[0] ?? '',
    conversation_id: seeded.conversations[0] ?? '',
    guiding_question_id: null,
    author_id: seeded.members[0],
    text: 'Gesprek met mevrouw Lies Janssens (lies.janssens@debrug.be) over de wachtlijst.',
  });
  const samenleven = store
    .list('organisations', { campaign_id: seeded.campaignId })
    .find((row) => row.name === 'Centrum Samenleven');
  if (!samenleven) throw new Error('no Centrum Samenleven');
  store.update('organisations', samenleven.id, { contact: 'Contactpersoon: Sofie Wuyts, 09 210 10 10' });
  store.insert('documents', seeded.campaignId, {
    visit_id: seeded.visits[1] ?? '',
    title: 'Verslag van het gesprek met dhr. Koen Maes',
    kind: 'verslag',
    date: '2026-03-11',
    blob_hash: null,
  });
  await call(services, 'reports.createMissing', { campaignId: seeded.campaignId });
  const reports = await call(services, 'reports.list', { campaignId: seeded.campaignId });
  const report = reports.find((entry) => entry.kind === 'sector' && entry.scopeId === seeded.sectorId);
  if (!report) throw new Error('no sector report');
  const detail = await call(services, 'reports.get', { reportId: report.id });
  const section = detail.sections[0];
  if (!section) throw new Error('no section');
  await typeInto(services, section.id, [
    'Bij Integratiecentrum De Brug vertelde Lies Janssens dat Anna Peeters en Bart Claes langskwamen.',
    'Wie vragen heeft, belt 09 223 45 67 of mailt lies.janssens@debrug.be.',
    'De Brug en Centrum Samenleven werken samen.',
    'Sofie Wuyts gaf een rondleiding en Koen Maes bevestigde de cijfers.',
  ]);
  return { seeded, report, section };
}
