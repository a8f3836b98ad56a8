import { randomUUID } from 'node:crypto';
import type { Campaign } from '../../shared/domain/campaign';
import guidingQuestions from '../../shared/domain/guiding-questions.json';
import { DEFAULT_RESPONDENT_GROUPS, DEFAULT_SECTORS, DEFAULT_STAKEHOLDER_CATEGORIES } from '../../shared/domain/model';
import { guidingQuestionId, respondentGroupId, sectorId, stakeholderCategoryId } from './ids';
import type { LocalStore } from './store';

interface Theme {
  readonly number: number | string;
  readonly question: string;
  readonly sub_questions?: readonly string[];
}

type GuidingQuestionFile = Record<string, { readonly themes?: readonly Theme[] } | unknown>;

function themesOf(code: string): readonly Theme[] {
  const entry = (guidingQuestions as GuidingQuestionFile)[code];
  if (typeof entry !== 'object' || entry === null || !('themes' in entry) || !Array.isArray(entry.themes)) return [];
  return entry.themes as readonly Theme[];
}

/**
 * Creates a campaign through the change log, with the default sectors, respondent groups,
 * stakeholder categories and each sector's guiding questions (shared/domain/guiding-questions.json).
 * Template rows get deterministic ids within the campaign.
 */
export function createCampaign(
  store: LocalStore,
  input: { name: string; workingYear: string },
  options: { now?: Date; id?: string; withDefaults?: boolean; author?: string } = {},
): Campaign {
  const id = options.id ?? randomUUID();
  const createdAt = (options.now ?? new Date()).toISOString();
  const write = options.author ? { author: options.author } : {};
  store.transaction(() => {
    store.insert(
      'campaigns',
      id,
      { name: input.name, working_year: input.workingYear, created_at: createdAt },
      { id, ...write },
    );
    if (options.withDefaults === false) return;
    DEFAULT_SECTORS.forEach((sector, sectorIndex) => {
      const sid = sectorId(id, sector.code);
      store.insert(
        'sectors',
        id,
        { code: sector.code, name: sector.name, sort_order: sectorIndex },
        { id: sid, ...write },
      );
      const groups = DEFAULT_RESPONDENT_GROUPS[sector.code] ?? DEFAULT_RESPONDENT_GROUPS.default ?? [];
      groups.forEach((name, index) => {
        store.insert(
          'respondent_groups',
          id,
          { sector_id: sid, name, sort_order: index },
          { id: respondentGroupId(sid, name), ...write },
        );
      });
      themesOf(sector.code).forEach((theme, index) => {
        const number = String(theme.number);
        store.insert(
          'guiding_questions',
          id,
          {
            sector_id: sid,
            sort_order: index,
            number,
            text: theme.question,
            sub_questions: [...(theme.sub_questions ?? [])],
          },
          { id: guidingQuestionId(sid, number), ...write },
        );
      });
    });
    DEFAULT_STAKEHOLDER_CATEGORIES.forEach((name, index) => {
      store.insert(
        'stakeholder_categories',
        id,
        { name, sort_order: index },
        { id: stakeholderCategoryId(id, name), ...write },
      );
    });
  });
  return { id, name: input.name, workingYear: input.workingYear, createdAt };
}
