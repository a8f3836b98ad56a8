import type { Conversation, Lemma, SwotItem } from '../domain/model';
import { normalizeText } from './normalize';
import type { SwotScope } from './score';

/**
 * What belongs to one SWOT scope: a sector's respondent group over all conversations of the
 * campaign held with that group at organisations of that sector. The conversation count N of the
 * scoring rule is the number of these conversations, read from the records. The SWOT board
 * (services/swot) and the report's live blocks (shared/report/resolve.ts) both score through
 * toScoringScope and scoreSwot, so a block and the board never disagree.
 */
export interface ScopeRecords {
  readonly sectorName: string;
  readonly groupName: string;
  readonly conversations: readonly {
    readonly conversation: Conversation;
    readonly label: string;
    readonly date: string | null;
  }[];
  readonly items: readonly SwotItem[];
  readonly lemmas: readonly Lemma[];
}

/**
 * The scoring input of a scope: an item counts under its lemma only when that lemma belongs to
 * the scope (a conversation held with two groups shares its items with both scopes, but a lemma
 * is one group's).
 */
export function toScoringScope(records: ScopeRecords): { scope: SwotScope; lemmaByKey: Map<string, string> } {
  const lemmas = new Map(records.lemmas.map((lemma) => [lemma.id, lemma]));
  const lemmaByKey = new Map<string, string>();
  for (const lemma of records.lemmas) {
    const key = `${lemma.quadrant}|${normalizeText(lemma.name ?? '')}`;
    if (!lemmaByKey.has(key)) lemmaByKey.set(key, lemma.id);
  }
  return {
    lemmaByKey,
    scope: {
      group: records.groupName,
      conversations: records.conversations.map(({ conversation }) => conversation.id),
      items: records.items.map((item) => {
        const lemma = item.lemma_id ? lemmas.get(item.lemma_id) : undefined;
        return {
          id: item.id,
          conversation: item.conversation_id ?? '',
          quadrant: item.quadrant ?? '',
          text: item.text ?? '',
          lemma: lemma?.name ?? null,
        };
      }),
    },
  };
}

/** The id of the lemma a scored row stands for (null: a retained unclustered text). */
export function lemmaIdOf(lemmaByKey: ReadonlyMap<string, string>, quadrant: string, name: string): string | null {
  return lemmaByKey.get(`${quadrant}|${normalizeText(name)}`) ?? null;
}
