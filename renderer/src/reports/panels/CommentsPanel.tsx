import type { Editor } from '@tiptap/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommentView, ReportSectionView } from '../../../../shared/contract/reports';
import { useContractMutation } from '../../data/queries';
import { useKeptText } from '../../input/useAutosave';
import { describeError } from '../../errors';
import { anchorOf, rangeOf } from '../editor/comment-anchors';
import { formatWhen } from '../format';
import { cx } from '../../components/cx';
import alerts from '../../components/alert.module.css';
import buttons from '../../components/button.module.css';
import forms from '../../components/form.module.css';
import layout from '../../components/layout.module.css';
import shared from '../reports.module.css';
import styles from './CommentsPanel.module.css';

export interface CommentsPanelProps {
  readonly reportId: string;
  readonly comments: readonly CommentView[];
  readonly sections: readonly ReportSectionView[];
  /** The section in the editor, and its editor (for the selection and the anchors). */
  readonly sectionId: string | null;
  readonly editor: Editor | null;
  readonly activeId: string | null;
  readonly onActivate: (comment: CommentView) => void;
}

/** The draft journal's names for a comment and a reply typed but not yet posted (`useKeptText`). */
export const commentDraftKey = (reportId: string) => `report-comment:${reportId}`;
export const replyDraftKey = (commentId: string) => `report-reply:${commentId}`;

/**
 * The report's comments: a new one on the editor's selection (anchored with Yjs relative
 * positions), replies, resolve and reopen. Resolved threads are folded away, never deleted.
 * What is typed in the comment and reply boxes is kept in the draft journal until it is posted
 * (or the reply is cancelled), so a reload or a crash does not lose it.
 */
export function CommentsPanel({
  reportId,
  comments,
  sections,
  sectionId,
  editor,
  activeId,
  onActivate,
}: CommentsPanelProps) {
  const { t } = useTranslation();
  const add = useContractMutation('reports.comments.add');
  const [text, setText] = useKeptText(commentDraftKey(reportId));
  const box = useRef<HTMLTextAreaElement>(null);
  const [showResolved, setShowResolved] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  // After resolve or reopen the thread moves to the other list (or folds away): the focus follows
  // it there, else goes to the next open thread, else to the folded list's button, never to the page's top.
  const moved = useRef<{ readonly id: string; readonly resolved: boolean; readonly next: string | null } | null>(null);
  const latest = useRef(comments);
  const follow = () => {
    const want = moved.current;
    const root = panel.current;
    // Waits for the list that shows the change (the answer may come before the list is read again).
    if (!want || !root || latest.current.find((each) => each.id === want.id)?.resolved !== want.resolved) return;
    moved.current = null;
    const target =
      root.querySelector<HTMLElement>(`[data-comment-id="${want.id}"] [data-resolve-button]`) ??
      (want.next ? root.querySelector<HTMLElement>(`[data-comment-id="${want.next}"] [data-resolve-button]`) : null) ??
      root.querySelector<HTMLElement>('[data-resolved-toggle]');
    target?.focus();
  };
  useEffect(() => {
    latest.current = comments;
    follow();
  });
  const settled = (comment: CommentView) => {
    const list = comment.resolved ? resolved : open;
    const index = list.findIndex((each) => each.id === comment.id);
    moved.current = {
      id: comment.id,
      resolved: !comment.resolved,
      next: list[index + 1]?.id ?? list[index - 1]?.id ?? null,
    };
    requestAnimationFrame(follow);
  };

  const [notice, setNotice] = useState<string | null>(null);
  const open = comments.filter((comment) => !comment.resolved);
  const resolved = comments.filter((comment) => comment.resolved);
  const titleOf = new Map(sections.map((section) => [section.id, section.title]));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!editor || !sectionId) return;
    const { from, to } = editor.state.selection;
    if (from === to) {
      setNotice(t('reports.comments.selectFirst'));
      return;
    }
    const anchor = anchorOf(editor.state, from, to);
    const quote = editor.state.doc.textBetween(from, to, ' ', ' ').slice(0, 2000);
    setNotice(null);
    try {
      await add.mutateAsync({ sectionId, text: text.trim(), parentId: null, anchor, quote });
      setText('');
      // The focus stays in the box the user posted from (the button is disabled now it is empty).
      box.current?.focus();
    } catch {
      // add.error says why; the typed comment stays in the field.
    }
  };

  return (
    <div className={shared.sidePanel} data-testid="comments-panel" ref={panel}>
      <h3>{t('reports.comments.title')}</h3>
      <form className={styles.commentForm} onSubmit={(event) => void submit(event)}>
        <label className={cx(forms.field, shared.field)}>
          <span>{t('reports.comments.add')}</span>
          <textarea
            ref={box}
            rows={3}
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-label={t('reports.comments.addLabel')}
          />
        </label>
        <button
          type="submit"
          className={cx(buttons.button, buttons.buttonPrimary, buttons.buttonSmall)}
          disabled={!editor || text.trim() === '' || add.isPending}
        >
          {t('reports.comments.post')}
        </button>
        {notice ? (
          <p className={cx(layout.muted, layout.small)} role="status">
            {notice}
          </p>
        ) : null}
        {add.error ? <p className={cx(alerts.alert, alerts.alertError)}>{describeError(t, add.error.error)}</p> : null}
      </form>
      {comments.length === 0 ? <p className={layout.muted}>{t('reports.comments.none')}</p> : null}
      <ul className={styles.commentThreads}>
        {open.map((comment) => (
          <Thread
            key={comment.id}
            comment={comment}
            sectionTitle={titleOf.get(comment.sectionId) ?? ''}
            editor={comment.sectionId === sectionId ? editor : null}
            active={comment.id === activeId}
            onActivate={onActivate}
            onSettled={settled}
          />
        ))}
      </ul>
      {resolved.length > 0 ? (
        <button
          type="button"
          className={cx(buttons.button, buttons.buttonQuiet, buttons.buttonSmall)}
          data-resolved-toggle
          onClick={() => setShowResolved(!showResolved)}
        >
          {showResolved
            ? t('reports.comments.hideResolved')
            : t('reports.comments.showResolved', { count: resolved.length })}
        </button>
      ) : null}
      {showResolved ? (
        <ul className={styles.commentThreads}>
          {resolved.map((comment) => (
            <Thread
              key={comment.id}
              comment={comment}
              sectionTitle={titleOf.get(comment.sectionId) ?? ''}
              editor={null}
              active={comment.id === activeId}
              onActivate={onActivate}
              onSettled={settled}
            />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function Thread({
  comment,
  sectionTitle,
  editor,
  active,
  onActivate,
  onSettled,
}: {
  readonly comment: CommentView;
  readonly sectionTitle: string;
  readonly editor: Editor | null;
  readonly active: boolean;
  readonly onActivate: (comment: CommentView) => void;
  /** Resolved or reopened: the panel moves the focus after it. */
  readonly onSettled: (comment: CommentView) => void;
}) {
  const { t, i18n } = useTranslation();
  const reply = useContractMutation('reports.comments.add');
  const setResolved = useContractMutation('reports.comments.setResolved');
  const [draft, setDraft] = useKeptText(replyDraftKey(comment.id));
  // A reply typed before a reload opens its box again.
  const [replying, setReplying] = useState(() => draft !== '');
  const replyButton = useRef<HTMLButtonElement>(null);
  const lost = editor !== null && comment.anchor !== null && rangeOf(editor.state, comment.anchor) === null;
  const when = comment.createdAt ? formatWhen(comment.createdAt, i18n.language) : '';

  return (
    <li
      className={cx(styles.commentThread, active && styles.active, comment.resolved && styles.isResolved)}
      data-comment-id={comment.id}
    >
      <button type="button" className={styles.commentQuote} onClick={() => onActivate(comment)}>
        <span className={cx(layout.muted, layout.small)}>
          {t('reports.comments.inSection', { section: sectionTitle })}
        </span>
        {comment.quote ? <q>{comment.quote}</q> : null}
        {lost ? (
          <span className={cx(shared.quoteWarning, layout.small)}>{t('reports.comments.anchorLost')}</span>
        ) : null}
      </button>
      <div>
        <div className={cx(layout.muted, layout.small)}>
          {t('reports.comments.by', { author: comment.authorName, when })}
        </div>
        <p>{comment.text}</p>
      </div>
      {comment.replies.map((answer) => (
        <div key={answer.id} className={styles.commentReply}>
          <div className={cx(layout.muted, layout.small)}>
            {t('reports.comments.by', {
              author: answer.authorName,
              when: answer.createdAt ? formatWhen(answer.createdAt, i18n.language) : '',
            })}
          </div>
          <p>{answer.text}</p>
        </div>
      ))}
      <div className={buttons.buttonRow}>
        {!comment.resolved ? (
          <button
            ref={replyButton}
            type="button"
            className={cx(buttons.button, buttons.buttonSmall)}
            aria-expanded={replying}
            onClick={() => {
              // Closing the reply box cancels the reply: its kept text goes too.
              if (replying) setDraft('');
              setReplying(!replying);
            }}
          >
            {t('reports.comments.reply')}
          </button>
        ) : null}
        <button
          type="button"
          className={cx(buttons.button, buttons.buttonSmall)}
          data-resolve-button
          disabled={setResolved.isPending}
          onClick={() =>
            setResolved.mutate(
              { commentId: comment.id, resolved: !comment.resolved },
              { onSuccess: () => onSettled(comment) },
            )
          }
        >
          {comment.resolved ? t('reports.comments.reopen') : t('reports.comments.resolve')}
        </button>
      </div>
      {replying ? (
        <form
          className={styles.commentForm}
          onSubmit={(event) => {
            event.preventDefault();
            void reply
              .mutateAsync({
                sectionId: comment.sectionId,
                text: draft.trim(),
                parentId: comment.id,
                anchor: null,
                quote: '',
              })
              .then(
                () => {
                  setDraft('');
                  setReplying(false);
                  // The box goes away: the focus goes back to the thread's reply button.
                  requestAnimationFrame(() => replyButton.current?.focus());
                },
                () => undefined,
              );
          }}
        >
          <textarea
            rows={2}
            aria-label={t('reports.comments.replyLabel')}
            value={draft}
            autoFocus
            onChange={(event) => setDraft(event.target.value)}
          />
          <button
            type="submit"
            className={cx(buttons.button, buttons.buttonSmall)}
            disabled={draft.trim() === '' || reply.isPending}
          >
            {t('reports.comments.post')}
          </button>
        </form>
      ) : null}
      {reply.error ? (
        <p className={cx(alerts.alert, alerts.alertError)}>{describeError(t, reply.error.error)}</p>
      ) : null}
      {setResolved.error ? (
        <p className={cx(alerts.alert, alerts.alertError)}>{describeError(t, setResolved.error.error)}</p>
      ) : null}
    </li>
  );
}
