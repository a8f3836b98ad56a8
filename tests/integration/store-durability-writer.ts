// Child process of store-durability.test.ts: writes edits through the store in a loop and
// reports each one on stdout only after the call that saved it has returned. The test kills
// this process with SIGKILL at a random moment and checks that every reported edit survived.
import { writeSync } from 'node:fs';
import { saveNote } from '../../db/repositories/fieldwork';
import { openTestProfile } from '../support/profile';

const [dir, trial] = process.argv.slice(2) as [string, string];
const profile = openTestProfile(dir);
const store = profile.store;
const campaign = 'durability';
if (!store.get('campaigns', campaign)) {
  store.transaction(() => {
    store.insert('campaigns', campaign, { name: 'Duurzaamheid', working_year: '2014-2015', created_at: null });
    store.insert(
      'visits',
      campaign,
      { organisation_id: 'org-1', date: '2015-01-01', status: 'in_progress' },
      { id: 'visit' },
    );
    store.insert('conversations', campaign, { visit_id: 'visit', respondent_group_ids: [] }, { id: 'conversation' });
  });
}
writeSync(1, 'ready\n');
let text = '';
for (let index = 0; ; index += 1) {
  const item = `t${trial}-${index}`;
  store.insert(
    'swot_items',
    campaign,
    { visit_id: 'visit', conversation_id: 'conversation', quadrant: 'strengths', text: item, author_id: 'writer' },
    { id: item },
  );
  writeSync(1, `item ${item}\n`);
  text = `${text}${item} `;
  const note = saveNote(store, {
    conversationId: 'conversation',
    guidingQuestionId: null,
    authorId: `writer-${trial}`,
    text,
  });
  writeSync(1, `note ${note} ${text.length}\n`);
}
