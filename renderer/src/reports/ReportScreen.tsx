import type { Editor } from '@tiptap/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { AnonymityHitView } from '../../../shared/contract/export';
import type { CommentView, ReportDetail, ReportSectionView, VersionSummary } from '../../../shared/contract/reports';
import type { CampaignSetup } from '../../../shared/domain/setup';
import { reportExtensions } from '../../../shared/report/extensions';
import { useContractMutation, useContractQuery } from '../data/queries';
import { describeError } from '../errors';
import { slashItems } from './block-catalog';
import { CommentHighlights, commentHighlightKey, rangeOf, type HighlightedComment } from './editor/comment-anchors';
import { findTextRange } from './editor/find-text';
import { nodeViewExtensions } from './editor/node-views';
import { SlashMenu, type SlashItem } from './editor/slash-menu';
import { AnonymityPanel } from './panels/AnonymityPanel';
import { BlocksPanel } from './panels/BlocksPanel';
import { CommentsPanel } from './panels/CommentsPanel';
import { EvidencePanel } from './panels/EvidencePanel';
import { RegionPanel } from './panels/RegionPanel';
import { VersionsPanel } from './panels/VersionsPanel';
import { ReportContext, type EvidenceRequest, type ReportContextValue } from './report-context';
import { autosave } from '../input/useAutosave';
import { SectionPane, sectionDraftKey } from './SectionPane';
import { StatusBadge } from './StatusBadge';
import { CompareView, VersionView } from './VersionViews';
import { WorkflowBar } from './WorkflowBar';
import { ExportButton } from '../export/ExportDialog';
import { cx } from '../components/cx';
import alerts from '../components/alert.module.css';
import buttons from '../components/button.module.css';
import forms from '../components/form.module.css';
import layout from '../components/layout.module.css';
import shared from './reports.module.css';
import styles from './ReportScreen.module.css';
import tabBar from '../components/tabs.module.css';

/** What the editor's extensions read when they run (they are created once per section, the data changes). */
class EditorFeed {
  slash: readonly SlashItem[] = [];
  comments: readonly HighlightedComment[] = [];
  active: string | null = null;
  setSlash(items: readonly SlashItem[]): void {
    this.slash = items;
  }
  setComments(comments: readonly HighlightedComment[], active: string | null): void {
    this.comments = comments;
    this.active = active;
  }
}

type Panel = 'blocks' | 'evidence' | 'region' | 'comments' | 'versions' | 'anonymity';
type View =
  | { readonly kind: 'text' }
  | { readonly kind: 'version'; readonly version: VersionSummary }
  | { readonly kind: 'compare'; readonly from: VersionSummary; readonly to: VersionSummary | null };

/** One report: its sections on the left, the section's editor in the middle, the side panels on the right. */
export function ReportScreen({ setup, reportId }: { readonly setup: CampaignSetup; readonly reportId: string }) {
  const { t } = useTranslation();
  const detail = useContractQuery('reports.get', { reportId });
  if (detail.error) {
    return (
      <div className={cx(alerts.alert, alerts.alertError)} role="alert">
        <p>
          {detail.error.error.code === 'NOT_FOUND'
            ? t('reports.report.notFound')
            : describeError(t, detail.error.error)}
        </p>
        <Link href="/">{t('reports.report.back')}</Link>
      </div>
    );
  }
  if (!detail.data) return <p className={layout.muted}>{t('reports.common.loading')}</p>;
  return <ReportWorkspace setup={setup} detail={detail.data} />;
}

function ReportWorkspace({ setup, detail }: { readonly setup: CampaignSetup; readonly detail: ReportDetail }) {
  const { t } = useTranslation();
  const { report, sections } = detail;
  const storageKey = `veldwerk.report.${report.id}.section`;
  const [chosen, setChosen] = useState<string | null>(() => sessionStorage.getItem(storageKey));
  const section = sections.find((each) => each.id === chosen) ?? sections[0] ?? null;
  const [editor, setEditor] = useState<Editor | null>(null);
  const [panel, setPanel] = useState<Panel>(report.kind === 'region' ? 'region' : 'blocks');
  const [evidence, setEvidence] = useState<EvidenceRequest | null>(null);
  const [view, setView] = useState<View>({ kind: 'text' });
  const [activeComment, setActiveComment] = useState<string | null>(null);
  // Sections holding a draft the store refused are marked in the list until the user settles it
  // (the draft journal is read again when a section settles one).
  const [, setRefusedSettled] = useState(0);
  const hasRefused = (id: string) => autosave.refusedDrafts(sectionDraftKey(id)).length > 0;
  const comments = useContractQuery('reports.comments.list', { reportId: report.id });
  const identity = useContractQuery('identity.get', { campaignId: report.campaignId });
  const me = identity.data?.memberId ?? null;

  const choose = (id: string) => {
    setChosen(id);
    sessionStorage.setItem(storageKey, id);
    setView({ kind: 'text' });
  };

  // The editor's extensions are created once per section and read what they show from this feed,
  // which effects keep current (so the slash menu and the comment highlights follow the data).
  const [feed] = useState(() => new EditorFeed());
  const slash = useMemo(() => slashItems(t, setup), [t, setup]);
  const sectionComments = useMemo(
    () =>
      (comments.data ?? []).filter(
        (comment) => comment.sectionId === section?.id && !comment.resolved && comment.anchor !== null,
      ),
    [comments.data, section?.id],
  );
  useEffect(() => {
    feed.setSlash(slash);
  }, [feed, slash]);
  useEffect(() => {
    feed.setComments(
      sectionComments.flatMap((comment) => (comment.anchor ? [{ id: comment.id, anchor: comment.anchor }] : [])),
      activeComment,
    );
    if (editor && !editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(commentHighlightKey, true));
  }, [feed, editor, sectionComments, activeComment]);

  const schema = useMemo(() => reportExtensions(nodeViewExtensions()), []);
  const extensions = useMemo(
    () => [
      SlashMenu.configure({
        items: () => feed.slash,
        emptyLabel: t('reports.editor.slashEmpty'),
        menuLabel: t('reports.editor.slashMenu'),
      }),
      CommentHighlights.configure({ comments: () => feed.comments, activeId: () => feed.active }),
    ],
    [feed, t],
  );

  const openEvidence = useCallback((request: EvidenceRequest) => {
    setEvidence(request);
    setPanel('evidence');
  }, []);
  const context = useMemo<ReportContextValue>(
    () => ({
      campaignId: report.campaignId,
      reportId: report.id,
      mode: detail.frozen ? 'frozen' : 'live',
      openEvidence,
    }),
    [report.campaignId, report.id, detail.frozen, openEvidence],
  );

  // A comment chosen in the panel: open its section and select its text.
  const pendingFocus = useRef<CommentView | null>(null);
  const activate = (comment: CommentView) => {
    setActiveComment(comment.id);
    pendingFocus.current = comment;
    if (comment.sectionId !== section?.id) choose(comment.sectionId);
  };
  useEffect(() => {
    const comment = pendingFocus.current;
    if (!editor || !comment || comment.sectionId !== section?.id || !comment.anchor) return;
    const range = rangeOf(editor.state, comment.anchor);
    pendingFocus.current = null;
    if (range) editor.chain().setTextSelection(range).scrollIntoView().run();
  }, [editor, section?.id, activeComment]);

  // A hit chosen in the anonymity panel: open its section and select it in the text, to reword it
  // there. When the section's editor is not open yet, the hit waits until the editor is there.
  const pendingJump = useRef<AnonymityHitView | null>(null);
  const [jumpNotice, setJumpNotice] = useState<string | null>(null);
  const selectHit = useCallback(
    (target: Editor, hit: AnonymityHitView) => {
      const range = findTextRange(target.state.doc, hit.text, hit.before, hit.after);
      if (range) target.chain().focus().setTextSelection(range).scrollIntoView().run();
      else setJumpNotice(t('export.panel.notFound', { text: hit.text }));
    },
    [t],
  );
  const jumpTo = (hit: AnonymityHitView) => {
    setJumpNotice(null);
    if (view.kind === 'text' && hit.sectionId === section?.id && editor && !editor.isDestroyed) {
      selectHit(editor, hit);
      return;
    }
    pendingJump.current = hit;
    setView({ kind: 'text' });
    if (hit.sectionId && hit.sectionId !== section?.id) choose(hit.sectionId);
  };
  const onEditor = useCallback(
    (next: Editor | null) => {
      setEditor(next);
      const hit = pendingJump.current;
      if (next && hit) {
        pendingJump.current = null;
        selectHit(next, hit);
      }
    },
    [selectHit],
  );

  const panels: readonly Panel[] =
    report.kind === 'region'
      ? ['region', 'blocks', 'evidence', 'comments', 'versions', 'anonymity']
      : ['blocks', 'evidence', 'comments', 'versions', 'anonymity'];
  const openCount = (comments.data ?? []).filter((comment) => !comment.resolved).length;

  return (
    <ReportContext.Provider value={context}>
      <div className={styles.reportScreen}>
        <header className={styles.reportHeader}>
          <div>
            <Link href="/" className={cx(layout.muted, layout.small)}>
              ← {t('reports.report.back')}
            </Link>
            <h1>{report.title}</h1>
            <div className={styles.reportMeta}>
              <span>{t(`reports.kind.${report.kind}`)}</span>
              {report.scopeName ? <span>· {report.scopeName}</span> : null}
              <StatusBadge status={report.status} />
              <PenHolder reportId={report.id} penHolderId={report.penHolderId} setup={setup} disabled={detail.frozen} />
            </div>
          </div>
          <div className={styles.reportHeaderActions}>
            <ExportButton
              reportId={report.id}
              sections={detail.sections.map((entry) => ({ id: entry.id, title: entry.title }))}
              final={report.status === 'final'}
            />
            <WorkflowBar reportId={report.id} actions={detail.actions} />
          </div>
        </header>
        {detail.frozen ? (
          <p className={cx(alerts.alert, alerts.alertInfo)} role="status">
            {t('reports.report.frozenNotice')}
          </p>
        ) : null}
        {detail.sentBackComment && report.status === 'draft' ? (
          <p className={cx(alerts.alert, alerts.alertInfo)}>
            {t('reports.report.sentBack', { comment: detail.sentBackComment })}
          </p>
        ) : null}
        <div className={styles.reportLayout}>
          <nav className={styles.reportSections} aria-label={t('reports.report.sections')}>
            <h2 className="visually-hidden">{t('reports.report.sections')}</h2>
            {sections.length === 0 ? <p className={layout.muted}>{t('reports.report.noSections')}</p> : null}
            <ol>
              {sections.map((each) => (
                <li key={each.id}>
                  <button
                    type="button"
                    className={cx(styles.sectionLink, each.id === section?.id && styles.active)}
                    aria-current={each.id === section?.id ? 'true' : undefined}
                    onClick={() => choose(each.id)}
                  >
                    <span className={styles.sectionLinkTitle} data-testid="section-link-title">
                      {each.locked ? (
                        <span className={cx(shared.lockBadge, layout.small)}>{t('reports.section.locked')}</span>
                      ) : null}
                      {each.title}
                      {hasRefused(each.id) ? (
                        <span className={cx(shared.refusedBadge, layout.small)}>
                          {t('reports.section.refusedBadge')}
                        </span>
                      ) : null}
                    </span>
                    <span className={cx(layout.muted, layout.small)}>
                      {each.ownerName ?? report.penHolderName ?? t('reports.section.penHolder')} ·{' '}
                      {t('reports.report.sectionWords', { count: each.wordCount })}
                    </span>
                  </button>
                </li>
              ))}
            </ol>
          </nav>
          <div className={styles.reportMain}>
            {view.kind === 'version' ? (
              <ReportContext.Provider value={{ ...context, mode: 'version' }}>
                <VersionView version={view.version} schema={schema} onClose={() => setView({ kind: 'text' })} />
              </ReportContext.Provider>
            ) : view.kind === 'compare' ? (
              <CompareView from={view.from} to={view.to} onClose={() => setView({ kind: 'text' })} />
            ) : section ? (
              <>
                <SectionControls
                  section={section}
                  setup={setup}
                  frozen={detail.frozen}
                  owner={section.ownerId ?? report.penHolderId}
                  me={me}
                />
                <SectionPane
                  key={section.id}
                  section={section}
                  penHolderName={report.penHolderName}
                  frozen={detail.frozen}
                  schema={schema}
                  extensions={extensions}
                  onEditor={onEditor}
                  onRefusedSettled={() => setRefusedSettled((value) => value + 1)}
                />
              </>
            ) : (
              <p className={layout.muted}>{t('reports.report.chooseSection')}</p>
            )}
          </div>
          <aside className={styles.reportSide} aria-label={t('reports.report.panels')}>
            <div className={cx(tabBar.tabs, styles.sideTabs)} role="tablist" aria-label={t('reports.report.panels')}>
              {panels.map((each) => (
                <button
                  key={each}
                  type="button"
                  role="tab"
                  aria-selected={panel === each}
                  className={cx(tabBar.tab, styles.sideTab, panel === each && tabBar.active)}
                  onClick={() => setPanel(each)}
                >
                  {each === 'anonymity' ? t('export.panel.tab') : t(`reports.report.tabs.${each}`)}
                  {each === 'comments' && openCount > 0 ? ` (${openCount})` : ''}
                </button>
              ))}
            </div>
            <div role="tabpanel">
              {panel === 'blocks' ? (
                <BlocksPanel setup={setup} editor={view.kind === 'text' && !detail.frozen ? editor : null} />
              ) : null}
              {panel === 'region' ? (
                <RegionPanel reportId={report.id} editor={view.kind === 'text' && !detail.frozen ? editor : null} />
              ) : null}
              {panel === 'evidence' ? (
                evidence ? (
                  <EvidencePanel campaignId={report.campaignId} request={evidence} onClose={() => setEvidence(null)} />
                ) : (
                  <p className={cx(layout.muted, shared.sidePanel)}>{t('reports.evidence.empty')}</p>
                )
              ) : null}
              {panel === 'comments' ? (
                <CommentsPanel
                  reportId={report.id}
                  comments={comments.data ?? []}
                  sections={sections}
                  sectionId={section?.id ?? null}
                  editor={view.kind === 'text' ? editor : null}
                  activeId={activeComment}
                  onActivate={activate}
                />
              ) : null}
              {panel === 'anonymity' ? (
                <AnonymityPanel reportId={report.id} frozen={detail.frozen} onJump={jumpTo} notice={jumpNotice} />
              ) : null}
              {panel === 'versions' ? (
                <VersionsPanel
                  reportId={report.id}
                  onOpen={(version) => setView({ kind: 'version', version })}
                  onCompare={(from, to) => setView({ kind: 'compare', from, to })}
                />
              ) : null}
            </div>
          </aside>
        </div>
      </div>
    </ReportContext.Provider>
  );
}

/** The section's owner and lock, shown (and changed) before anyone types. */
function SectionControls({
  section,
  setup,
  frozen,
  owner,
  me,
}: {
  readonly section: ReportSectionView;
  readonly setup: CampaignSetup;
  readonly frozen: boolean;
  readonly owner: string | null;
  readonly me: string | null;
}) {
  const { t } = useTranslation();
  const lock = useContractMutation('reports.section.lock');
  const setOwner = useContractMutation('reports.section.setOwner');
  const members = setup.members.filter((member) => !member.deleted);
  if (frozen) return null;
  const error = lock.error ?? setOwner.error;
  return (
    <div className={styles.sectionControls}>
      <label className={forms.inlineField}>
        <span>{t('reports.section.setOwner')}</span>
        <select
          value={section.ownerId ?? ''}
          disabled={setOwner.isPending || section.locked}
          onChange={(event) => setOwner.mutate({ sectionId: section.id, ownerId: event.target.value || null })}
        >
          <option value="">{t('reports.section.ownerDefault')}</option>
          {members.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name}
            </option>
          ))}
        </select>
      </label>
      {owner !== null && owner === me ? (
        <button
          type="button"
          className={cx(buttons.button, buttons.buttonSmall)}
          disabled={lock.isPending}
          onClick={() => lock.mutate({ sectionId: section.id, locked: !section.locked })}
        >
          {section.locked ? t('reports.section.unlock') : t('reports.section.lock')}
        </button>
      ) : (
        <span className={cx(layout.muted, layout.small)}>
          {owner === null ? t('reports.section.lockNeedsOwner') : t('reports.section.lockOwnerOnly')}
        </span>
      )}
      {error ? (
        <span className={cx(alerts.alert, alerts.alertError, layout.small)} role="alert">
          {describeError(t, error.error)}
        </span>
      ) : null}
    </div>
  );
}

/** The report's pen holder (the default owner of every section), chosen from the campaign's members. */
function PenHolder({
  reportId,
  penHolderId,
  setup,
  disabled,
}: {
  readonly reportId: string;
  readonly penHolderId: string | null;
  readonly setup: CampaignSetup;
  readonly disabled: boolean;
}) {
  const { t } = useTranslation();
  const set = useContractMutation('reports.setPenHolder');
  return (
    <label className={cx(forms.inlineField, layout.muted)}>
      <span>{t('reports.list.penHolder')}:</span>
      <select
        value={penHolderId ?? ''}
        disabled={disabled || set.isPending}
        onChange={(event) => set.mutate({ reportId, memberId: event.target.value || null })}
      >
        <option value="">{t('reports.list.noPenHolder')}</option>
        {setup.members
          .filter((member) => !member.deleted)
          .map((member) => (
            <option key={member.id} value={member.id}>
              {member.name}
            </option>
          ))}
      </select>
      {set.error ? (
        <span className={cx(alerts.alert, alerts.alertError, layout.small)}>{describeError(t, set.error.error)}</span>
      ) : null}
    </label>
  );
}
