import type { TFunction } from 'i18next';
import { NodeViewContent, NodeViewWrapper, ReactNodeViewRenderer, type ReactNodeViewProps } from '@tiptap/react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  EvidenceRefs,
  ResolvableBlock,
  ResolvedBlock,
  ResolvedBlockValue,
  ResolvedSwotRow,
} from '../../../../shared/contract/reports';
import { isLanguage } from '../../../../shared/i18n';
import {
  Counter,
  Footnote,
  LemmaParagraphs,
  Participants,
  SourceQuote,
  SwotTable,
  TeamSwot,
  type ReportNodeExtensions,
} from '../../../../shared/report/extensions';
import { resolvableBlockSchema } from '../../../../shared/contract/reports';
import { useContractQuery } from '../../data/queries';
import { describeError } from '../../errors';
import { useReportContext, type ReportContextValue } from '../report-context';
import { cx } from '../../components/cx';
import alerts from '../../components/alert.module.css';
import buttons from '../../components/button.module.css';
import layout from '../../components/layout.module.css';
import shared from '../reports.module.css';
import prose from './prose.module.css';

type T = TFunction;

/** The node's attrs as a resolvable block, or null when they do not make one (an incomplete or foreign block). */
function blockOf(type: string, attrs: Record<string, unknown>): ResolvableBlock | null {
  const parsed = resolvableBlockSchema.safeParse({ type, attrs });
  return parsed.success ? parsed.data : null;
}

/** Resolves one block through the contract; refreshed by the data layer when its records change. */
function useResolved(
  type: string,
  attrs: Record<string, unknown>,
  context: ReportContextValue,
): { block: ResolvableBlock | null; resolved: ResolvedBlock | null; error: string | null } {
  const { t, i18n } = useTranslation();
  const block = blockOf(type, attrs);
  const language = isLanguage(i18n.language) ? i18n.language : 'nl-BE';
  const query = useContractQuery(
    'reports.blocks.resolve',
    { campaignId: context.campaignId, reportId: context.reportId, blocks: block ? [block] : [], language },
    { enabled: block !== null && context.mode !== 'version', keepPrevious: true },
  );
  return { block, resolved: query.data?.[0] ?? null, error: query.error ? describeError(t, query.error.error) : null };
}

function EvidenceButton({
  refs,
  label,
  children,
  muted = false,
}: {
  readonly refs: EvidenceRefs;
  readonly label: string;
  readonly children: ReactNode;
  /** Grey and at body size, as a secondary figure beside a title. */
  readonly muted?: boolean;
}) {
  const context = useReportContext();
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className={cx(prose.evidenceLink, muted && prose.muted)}
      title={t('reports.blocks.showEvidence', { label })}
      aria-label={t('reports.blocks.showEvidence', { label })}
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => context.openEvidence({ label, refs })}
    >
      {children}
    </button>
  );
}

function SwotRows({
  rows,
  n,
  t,
  caption,
}: {
  readonly rows: readonly ResolvedSwotRow[];
  readonly n: number;
  readonly t: T;
  readonly caption: string;
}) {
  if (rows.length === 0) {
    return (
      <p className={layout.muted}>
        <strong>{caption}</strong>: {t('reports.blocks.noLemmas')}
      </p>
    );
  }
  return (
    <table className={prose.blockTable}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('swot.scores.rank')}</th>
          <th scope="col">{t('swot.scores.lemma')}</th>
          <th scope="col">{t('swot.scores.score')}</th>
          <th scope="col">{t('swot.scores.conversations')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.rank}-${row.lemma}`}>
            <td>{row.rank}</td>
            <td>{row.lemma}</td>
            <td>
              <EvidenceButton refs={row.evidence} label={t('reports.blocks.scoreOf', { lemma: row.lemma })}>
                {row.display}
              </EvidenceButton>
            </td>
            <td>
              <EvidenceButton refs={row.evidence} label={t('reports.blocks.conversationsOf', { lemma: row.lemma })}>
                {t('swot.scores.kOfN', { k: row.k, n })}
              </EvidenceButton>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BlockValue({ value, t }: { readonly value: ResolvedBlockValue; readonly t: T }) {
  switch (value.type) {
    case 'swotTable':
      return (
        <div className={prose.blockBody}>
          <div className={prose.blockTitle}>
            {t('reports.blocks.swotTableTitle', { sector: value.sectorName, group: value.groupName })}{' '}
            <EvidenceButton
              refs={value.evidence}
              label={t('reports.blocks.conversationCount', { count: value.conversationCount })}
              muted
            >
              {t('reports.blocks.conversationCount', { count: value.conversationCount })}
            </EvidenceButton>
          </div>
          {value.quadrants.map((quadrant) => (
            <SwotRows
              key={quadrant.quadrant}
              rows={quadrant.rows}
              n={value.conversationCount}
              t={t}
              caption={t(`swot.quadrants.${quadrant.quadrant}`)}
            />
          ))}
        </div>
      );
    case 'lemmaParagraphs':
      return (
        <div className={prose.blockBody}>
          <div className={prose.blockTitle}>
            {t('reports.blocks.lemmaParagraphsTitle', { sector: value.sectorName, group: value.groupName })}
          </div>
          {value.paragraphs.length === 0 ? <p className={layout.muted}>{t('reports.blocks.noLemmas')}</p> : null}
          {value.paragraphs.map((paragraph) => (
            <p key={`${paragraph.quadrant}-${paragraph.rank}-${paragraph.lemma}`}>
              <strong>{paragraph.lemma}</strong>{' '}
              <EvidenceButton refs={paragraph.evidence} label={t('reports.blocks.scoreOf', { lemma: paragraph.lemma })}>
                ({t('swot.scores.kOfN', { k: paragraph.k, n: value.conversationCount })})
              </EvidenceButton>{' '}
              {paragraph.narrative || <span className={layout.muted}>{t('reports.blocks.noNarrative')}</span>}
            </p>
          ))}
        </div>
      );
    case 'teamSwot':
      return (
        <div className={prose.blockBody}>
          <div className={prose.blockTitle}>{t('reports.blocks.teamSwotTitle', { sector: value.sectorName })}</div>
          <div className={prose.teamSwotGrid}>
            {value.quadrants.map((quadrant) => (
              <div key={quadrant.quadrant}>
                <div className={prose.blockSubtitle}>{t(`swot.quadrants.${quadrant.quadrant}`)}</div>
                {quadrant.lemmas.length === 0 ? <p className={layout.muted}>{t('reports.blocks.noLemmas')}</p> : null}
                <ul>
                  {quadrant.lemmas.map((lemma) => (
                    <li key={lemma.id}>
                      <strong>{lemma.name}</strong>
                      {lemma.narrative ? ` — ${lemma.narrative}` : ''}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        </div>
      );
    case 'participants':
      return (
        <div className={prose.blockBody}>
          <table className={prose.blockTable}>
            <caption>{t('reports.blocks.participantsTitle', { scope: value.scopeName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.blocks.category')}</th>
                <th scope="col">{t('reports.blocks.participants')}</th>
                <th scope="col">{t('reports.blocks.conversations')}</th>
              </tr>
            </thead>
            <tbody>
              {value.rows.map((row) => (
                <tr key={row.categoryId}>
                  <td>{row.category}</td>
                  <td>
                    <EvidenceButton
                      refs={row.evidence}
                      label={t('reports.blocks.participantsOf', { category: row.category })}
                    >
                      {row.participants}
                    </EvidenceButton>
                  </td>
                  <td>{row.conversations}</td>
                </tr>
              ))}
              <tr className={prose.totalRow}>
                <th scope="row">{t('reports.blocks.total')}</th>
                <td>
                  <EvidenceButton refs={value.evidence} label={t('reports.blocks.total')}>
                    {value.total}
                  </EvidenceButton>
                </td>
                <td>{value.conversationCount}</td>
              </tr>
            </tbody>
          </table>
        </div>
      );
    case 'counter':
    case 'sourceQuote':
      return null;
  }
}

/** What a block is about, without its values (a saved version, an incomplete block). */
function describeBlock(t: T, type: string, attrs: Record<string, unknown>): string {
  const quadrant =
    typeof attrs.quadrant === 'string' && attrs.quadrant !== 'all'
      ? t(`swot.quadrants.${attrs.quadrant as 'strengths'}`)
      : t('reports.blocks.allQuadrants');
  return (
    t(`reports.blocks.kinds.${type as 'swotTable'}`, { defaultValue: type }) +
    (type === 'participants' || type === 'counter' ? '' : ` · ${quadrant}`)
  );
}

function LiveBlockView({ node, selected }: ReactNodeViewProps) {
  const { t } = useTranslation();
  const context = useReportContext();
  const attrs = node.attrs as Record<string, unknown>;
  const { block, resolved, error } = useResolved(node.type.name, attrs, context);
  let body: ReactNode;
  if (context.mode === 'version') body = <p className={layout.muted}>{describeBlock(t, node.type.name, attrs)}</p>;
  else if (!block) body = <p className={cx(alerts.alert, alerts.alertError)}>{t('reports.blocks.incomplete')}</p>;
  else if (error) body = <p className={cx(alerts.alert, alerts.alertError)}>{error}</p>;
  else if (!resolved) body = <p className={layout.muted}>{t('reports.common.loading')}</p>;
  else if (!resolved.ok)
    body = (
      <p className={cx(alerts.alert, alerts.alertError)}>
        {t(resolved.code === 'NOT_FOUND' ? 'reports.blocks.notFound' : 'reports.blocks.incomplete')}
      </p>
    );
  else body = <BlockValue value={resolved.value} t={t} />;
  return (
    <NodeViewWrapper
      className={cx(prose.liveBlock, selected && prose.selected)}
      data-block-type={node.type.name}
      data-block-id={String(attrs.blockId ?? '')}
      contentEditable={false}
    >
      <div className={prose.liveBlockLabel} data-drag-handle="">
        <span>{describeBlock(t, node.type.name, attrs)}</span>
        {resolved?.ok && resolved.frozen ? (
          <span className={prose.frozenBadge}>{t('reports.blocks.frozen')}</span>
        ) : context.mode === 'live' ? (
          <span className={prose.liveBadge}>{t('reports.blocks.live')}</span>
        ) : null}
      </div>
      {body}
    </NodeViewWrapper>
  );
}

function CounterView({ node, selected }: ReactNodeViewProps) {
  const { t } = useTranslation();
  const context = useReportContext();
  const attrs = node.attrs as Record<string, unknown>;
  const { resolved } = useResolved(node.type.name, attrs, context);
  const value = resolved?.ok && resolved.value.type === 'counter' ? resolved.value : null;
  return (
    <NodeViewWrapper
      as="span"
      className={cx(prose.counterChip, selected && prose.selected, resolved?.ok && resolved.frozen && prose.frozen)}
      data-block-type="counter"
      contentEditable={false}
    >
      {value ? (
        <EvidenceButton refs={value.evidence} label={value.text}>
          {value.text}
        </EvidenceButton>
      ) : (
        <span className={layout.muted}>
          {context.mode === 'version'
            ? t('reports.blocks.kinds.counter')
            : resolved && !resolved.ok
              ? t('reports.blocks.incomplete')
              : '…'}
        </span>
      )}
    </NodeViewWrapper>
  );
}

function FootnoteView({ node, editor, getPos, updateAttributes }: ReactNodeViewProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState('');
  const text = String(node.attrs.text ?? '');
  // The number is the footnote's place among the section's footnotes.
  let number = 0;
  const pos = getPos();
  if (typeof pos === 'number') {
    editor.state.doc.nodesBetween(0, pos + 1, (child, childPos) => {
      if (child.type.name === 'footnote' && childPos <= pos) number += 1;
      return true;
    });
  }
  return (
    <NodeViewWrapper as="span" className={prose.footnoteRef} contentEditable={false}>
      <sup>
        <button
          type="button"
          className={prose.footnoteButton}
          title={text}
          aria-label={t('reports.editor.footnoteNumber', { number, text })}
          onClick={() => {
            setDraft(text);
            setOpen(!open);
          }}
        >
          {number}
        </button>
      </sup>
      {open ? (
        <span className={prose.footnotePopover} role="dialog" aria-label={t('reports.editor.footnote')}>
          {editor.isEditable ? (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                updateAttributes({ text: draft });
                setOpen(false);
              }}
            >
              <textarea
                aria-label={t('reports.editor.footnotePrompt')}
                value={draft}
                autoFocus
                onChange={(event) => setDraft(event.target.value)}
                rows={3}
              />
              <button type="submit" className={cx(buttons.button, buttons.buttonSmall)}>
                {t('reports.common.save')}
              </button>
            </form>
          ) : (
            <span>{text}</span>
          )}
        </span>
      ) : null}
    </NodeViewWrapper>
  );
}

function SourceQuoteView({ node }: ReactNodeViewProps) {
  const { t } = useTranslation();
  const context = useReportContext();
  const attrs = node.attrs as Record<string, unknown>;
  const { resolved } = useResolved(node.type.name, attrs, context);
  const value = resolved?.ok && resolved.value.type === 'sourceQuote' ? resolved.value : null;
  return (
    <NodeViewWrapper as="blockquote" className={prose.sourceQuote} data-block-type="sourceQuote">
      <NodeViewContent />
      <footer className={prose.sourceQuoteSource} contentEditable={false}>
        {value ? (
          <>
            <EvidenceButton refs={value.evidence} label={value.sourceLabel}>
              {t('reports.quotes.source', { source: value.sourceLabel })}
            </EvidenceButton>
            {!value.exists ? <span className={shared.quoteWarning}>{t('reports.quotes.sourceGone')}</span> : null}
            {value.exists && value.changed ? (
              <span className={shared.quoteWarning} title={value.currentText ?? ''}>
                {t('reports.quotes.sourceChanged')}
              </span>
            ) : null}
          </>
        ) : (
          <span className={layout.muted}>{t('reports.quotes.sourceUnknown')}</span>
        )}
      </footer>
    </NodeViewWrapper>
  );
}

/** The report schema's nodes with this editor's node views (the schema itself is shared/report/extensions.ts). */
export function nodeViewExtensions(): Partial<ReportNodeExtensions> {
  return {
    swotTable: SwotTable.extend({ addNodeView: () => ReactNodeViewRenderer(LiveBlockView) }),
    lemmaParagraphs: LemmaParagraphs.extend({ addNodeView: () => ReactNodeViewRenderer(LiveBlockView) }),
    teamSwot: TeamSwot.extend({ addNodeView: () => ReactNodeViewRenderer(LiveBlockView) }),
    participants: Participants.extend({ addNodeView: () => ReactNodeViewRenderer(LiveBlockView) }),
    counter: Counter.extend({ addNodeView: () => ReactNodeViewRenderer(CounterView, { as: 'span' }) }),
    footnote: Footnote.extend({ addNodeView: () => ReactNodeViewRenderer(FootnoteView, { as: 'span' }) }),
    sourceQuote: SourceQuote.extend({ addNodeView: () => ReactNodeViewRenderer(SourceQuoteView) }),
  };
}
