import type { Editor, JSONContent, Range } from '@tiptap/core';
import { NodeSelection } from '@tiptap/pm/state';
import type { TFunction } from 'i18next';
import type { CampaignSetup } from '../../../shared/domain/setup';
import { REPORT_NODES, type LiveBlockName } from '../../../shared/report/model';
import { regionName } from '../workspace/labels';
import type { SlashItem } from './editor/slash-menu';

/** A new block's id: comments, evidence and the values frozen at finalise name one block by it. */
export function newBlockId(): string {
  return crypto.randomUUID();
}

/**
 * Inserts content at the cursor, in place of the typed "/query" when there is one. A selected
 * block (a live block, a quote) is never replaced: the content goes after it.
 */
export function insertAtCursor(editor: Editor, content: JSONContent, range?: Range): boolean {
  const chain = editor.chain().focus();
  if (range) return chain.deleteRange(range).insertContent(content).run();
  const { selection } = editor.state;
  if (selection instanceof NodeSelection) return chain.insertContentAt(selection.to, content).run();
  return chain.insertContent(content).run();
}

/** Inserts a live block (its attrs without the id) at the cursor, or in place of the typed "/query". */
export function insertBlock(
  editor: Editor,
  type: LiveBlockName,
  attrs: Record<string, unknown>,
  range?: Range,
): boolean {
  return insertAtCursor(editor, { type, attrs: { ...attrs, blockId: newBlockId() } }, range);
}

/** The blocks a slash menu offers for this campaign: one entry per block and scope, plus the text formats. */
export function slashItems(t: TFunction, setup: CampaignSetup): SlashItem[] {
  const items: SlashItem[] = [];
  const sectors = setup.sectors.filter((sector) => !sector.deleted);
  const groups = setup.respondentGroups.filter((group) => !group.deleted);
  for (const sector of sectors) {
    const sectorLabel = sector.code ?? sector.name ?? '';
    for (const group of groups.filter((each) => each.sector_id === sector.id)) {
      const scope = `${sectorLabel} · ${group.name ?? ''}`;
      items.push({
        id: `swot-${sector.id}-${group.id}`,
        label: t('reports.blocks.kinds.swotTable'),
        hint: scope,
        run: (editor, range) =>
          insertBlock(
            editor,
            REPORT_NODES.swotTable,
            { sectorId: sector.id, groupId: group.id, quadrant: 'all' },
            range,
          ),
      });
      items.push({
        id: `lemmas-${sector.id}-${group.id}`,
        label: t('reports.blocks.kinds.lemmaParagraphs'),
        hint: scope,
        run: (editor, range) =>
          insertBlock(
            editor,
            REPORT_NODES.lemmaParagraphs,
            { sectorId: sector.id, groupId: group.id, quadrant: 'all' },
            range,
          ),
      });
    }
    items.push({
      id: `team-${sector.id}`,
      label: t('reports.blocks.kinds.teamSwot'),
      hint: sectorLabel,
      run: (editor, range) =>
        insertBlock(editor, REPORT_NODES.teamSwot, { sectorId: sector.id, quadrant: 'all' }, range),
    });
    items.push({
      id: `participants-sector-${sector.id}`,
      label: t('reports.blocks.kinds.participants'),
      hint: sectorLabel,
      run: (editor, range) =>
        insertBlock(editor, REPORT_NODES.participants, { scopeKind: 'sector', scopeId: sector.id }, range),
    });
    items.push({
      id: `count-organisations-sector-${sector.id}`,
      label: t('reports.blocks.metrics.organisations'),
      hint: sectorLabel,
      run: (editor, range) =>
        insertBlock(
          editor,
          REPORT_NODES.counter,
          {
            metric: 'organisations',
            scopeKind: 'sector',
            scopeId: sector.id,
            groupId: null,
            lemmaId: null,
            form: 'kOfN',
          },
          range,
        ),
    });
  }
  for (const region of setup.regions.filter((each) => !each.deleted)) {
    const label = regionName(t, region);
    items.push({
      id: `participants-region-${region.id}`,
      label: t('reports.blocks.kinds.participants'),
      hint: label,
      run: (editor, range) =>
        insertBlock(editor, REPORT_NODES.participants, { scopeKind: 'region', scopeId: region.id }, range),
    });
    items.push({
      id: `count-visits-region-${region.id}`,
      label: t('reports.blocks.metrics.visits'),
      hint: label,
      run: (editor, range) =>
        insertBlock(
          editor,
          REPORT_NODES.counter,
          { metric: 'visits', scopeKind: 'region', scopeId: region.id, groupId: null, lemmaId: null, form: 'kOfN' },
          range,
        ),
    });
  }
  items.push(
    {
      id: 'heading',
      label: t('reports.editor.heading', { level: 2 }),
      run: (editor, range) => editor.chain().focus().deleteRange(range).setHeading({ level: 2 }).run(),
    },
    {
      id: 'bullets',
      label: t('reports.editor.bulletList'),
      run: (editor, range) => editor.chain().focus().deleteRange(range).toggleBulletList().run(),
    },
    {
      id: 'numbers',
      label: t('reports.editor.orderedList'),
      run: (editor, range) => editor.chain().focus().deleteRange(range).toggleOrderedList().run(),
    },
    {
      id: 'quote',
      label: t('reports.editor.blockquote'),
      run: (editor, range) => editor.chain().focus().deleteRange(range).toggleBlockquote().run(),
    },
    {
      id: 'table',
      label: t('reports.editor.table'),
      run: (editor, range) =>
        editor.chain().focus().deleteRange(range).insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
    },
    {
      id: 'footnote',
      label: t('reports.editor.footnote'),
      run: (editor, range) =>
        editor
          .chain()
          .focus()
          .deleteRange(range)
          .insertContent({ type: REPORT_NODES.footnote, attrs: { text: '' } })
          .run(),
    },
  );
  return items;
}
