import { resolvableBlockSchema, type ResolvableBlock } from '../contract/reports';
import { walkJson } from './document';
import type { ReportJson } from './model';

const RESOLVABLE = new Set(['swotTable', 'lemmaParagraphs', 'teamSwot', 'participants', 'counter', 'sourceQuote']);

/** Every live block and quote of a document, validated (nodes with wrong attributes are left out). */
export function blocksOf(content: ReportJson): ResolvableBlock[] {
  const blocks: ResolvableBlock[] = [];
  for (const node of walkJson(content)) {
    if (!RESOLVABLE.has(node.type)) continue;
    const parsed = resolvableBlockSchema.safeParse({ type: node.type, attrs: node.attrs ?? {} });
    if (parsed.success) blocks.push(parsed.data);
  }
  return blocks;
}
