import { z } from 'zod';
import type { ReportKind, TemplateSectionSpec } from '../contract/reports';
import type { ReportJson } from './model';

/*
 * Report templates: the sections a report of each kind starts with, and their initial content.
 * A campaign may keep its own template per kind (the synced report_templates table); otherwise
 * these built-in ones apply. Content is ProseMirror JSON in which string attributes and texts
 * may hold placeholders filled per report: {scopeId}, {scopeName}, and inside an `eachGroup`
 * pseudo-node (repeated for every respondent group of the sector) {groupId} and {groupName};
 * in a region report's visit section {visitId}, {organisation}, {date}, {duo}.
 * Expanded content is created once per section by a deterministic Yjs update
 * (document.ts deterministicUpdate), so two laptops creating it offline make the same items.
 */

const heading = (text: string): ReportJson => ({
  type: 'heading',
  attrs: { level: 3 },
  content: [{ type: 'text', text }],
});
const paragraph = (text: string): ReportJson => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const doc = (...content: ReportJson[]): ReportJson => ({ type: 'doc', content });
const eachGroup = (...content: ReportJson[]): ReportJson => ({ type: 'eachGroup', content });

export const DEFAULT_TEMPLATES: Readonly<Record<ReportKind, readonly TemplateSectionSpec[]>> = {
  sector: [
    { key: 'wie-zijn-ze', title: 'Wie zijn ze?', repeat: 'once', content: null },
    { key: 'wat-moeten-ze-doen', title: 'Wat moeten ze doen?', repeat: 'once', content: null },
    { key: 'wat-doen-ze', title: 'Wat doen ze?', repeat: 'once', content: null },
    {
      key: 'zelfbeoordeling',
      title: 'Hoe beoordelen ze zichzelf?',
      repeat: 'once',
      content: null,
    },
    {
      key: 'stakeholders',
      title: 'Wat denken de stakeholders?',
      repeat: 'once',
      content: doc(
        eachGroup(heading('{groupName}'), {
          type: 'swotTable',
          attrs: { blockId: 'tpl-{groupId}', sectorId: '{scopeId}', groupId: '{groupId}', quadrant: 'all' },
        }),
      ),
    },
    {
      key: 'team',
      title: 'Wat vindt het team?',
      repeat: 'once',
      content: doc({ type: 'teamSwot', attrs: { blockId: 'tpl-team', sectorId: '{scopeId}', quadrant: 'all' } }),
    },
    { key: 'uitdagingen', title: 'Uitdagingen voor {scopeName}', repeat: 'once', content: null },
  ],
  region: [
    {
      key: 'context',
      title: 'Regionale context',
      repeat: 'once',
      content: doc({
        type: 'participants',
        attrs: { blockId: 'tpl-participants', scopeKind: 'region', scopeId: '{scopeId}' },
      }),
    },
    { key: 'bezoek', title: '{organisation} ({date})', repeat: 'visit', content: doc(paragraph('Duo: {duo}.')) },
    { key: 'bevindingen', title: 'Bevindingen over de bezoeken heen', repeat: 'once', content: null },
    { key: 'goede-praktijken', title: 'Goede praktijken van de regio', repeat: 'once', content: null },
  ],
  final: [
    { key: 'sectoroverschrijdend', title: 'Sectoroverschrijdende hoofdstukken', repeat: 'once', content: null },
    { key: 'finale-swot', title: 'Finale SWOT', repeat: 'once', content: null },
    { key: 'uitdagingen', title: 'Uitdagingen', repeat: 'once', content: null },
  ],
};

/** Template sections as the report_templates table keeps them (validated where they enter). */
export const templateSectionsSchema = z.array(
  z
    .object({
      key: z.string().regex(/^[a-z0-9-]{1,60}$/),
      title: z.string().min(1).max(500),
      repeat: z.enum(['once', 'visit']),
      content: z
        .custom<ReportJson>(
          (value) =>
            value === null ||
            (typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'doc'),
        )
        .nullable(),
    })
    .strict(),
);

export interface PlaceholderValues {
  readonly [name: string]: string;
}

export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => values[name] ?? whole);
}

function fillNode(
  node: ReportJson,
  values: PlaceholderValues,
  groups: readonly { readonly id: string; readonly name: string }[],
): ReportJson[] {
  if (node.type === 'eachGroup') {
    return groups.flatMap((group) =>
      (node.content ?? []).flatMap((child) =>
        fillNode(child, { ...values, groupId: group.id, groupName: group.name }, groups),
      ),
    );
  }
  const attrs = node.attrs
    ? Object.fromEntries(
        Object.entries(node.attrs).map(([key, value]) => [
          key,
          typeof value === 'string' ? fillPlaceholders(value, values) : value,
        ]),
      )
    : undefined;
  const content = node.content?.flatMap((child) => fillNode(child, values, groups));
  return [
    {
      type: node.type,
      ...(attrs ? { attrs } : {}),
      ...(content ? { content } : {}),
      ...(node.marks ? { marks: node.marks } : {}),
      ...(node.text !== undefined ? { text: fillPlaceholders(node.text, values) } : {}),
    },
  ];
}

/** A template section's content for one report (null: the section starts empty). */
export function expandContent(
  content: ReportJson | null,
  values: PlaceholderValues,
  groups: readonly { readonly id: string; readonly name: string }[] = [],
): ReportJson | null {
  if (!content) return null;
  const [expanded] = fillNode(content, values, groups);
  if (!expanded || (expanded.content ?? []).length === 0) return null;
  return expanded;
}

/**
 * The key of a section added to a template, from its title: a slug, made unique among the keys
 * the template already has. Derived, not random, so two laptops that add the same section to the
 * same template offline give it the same key, and the reports made from it the same section id
 * (services/reports sectionId). Existing sections keep their key when renamed or moved.
 */
export function templateKeyFor(title: string, taken: Iterable<string>): string {
  const slug =
    title
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/\{[a-z]+\}/gi, ' ')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50)
      .replace(/-+$/, '') || 'sectie';
  const used = new Set(taken);
  if (!used.has(slug)) return slug;
  for (let n = 2; ; n += 1) if (!used.has(`${slug}-${n}`)) return `${slug}-${n}`;
}
