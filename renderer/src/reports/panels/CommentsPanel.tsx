import type { Editor } from '@tiptap/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommentView, ReportSectionView } from '../../../../shared/contract/reports';
import { useContractMutation } from '../../data/queries';
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
  readonly comments: readonly CommentView[];
  readonly sections: readonly ReportSectionView[];
  /** The section in the editor, and its editor (for the selection and the anchors). */
  readonly sectionId: string | null;
  readonly editor: Editor | null;
  readonly activeId: string | null;
  readonly onActivate: (comment: CommentView) => void;
}

/**
 * The report's comments: a new one on the editor's selection (anchored with Yjs relative
 * positions), replies, resolve and reopen. Resolved threads are folded away, never deleted.
 */
export function CommentsPanel({ comments, sections, sectionId, editor, activeId, onActivate }: CommentsPanelProps) {
  const { t } = useTranslation();
  const add = useContractMutation('reports.comments.add');
  const [text, setText] = useState('');
  const [showResolved, setShowResolved] = useState(false);
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
    } catch {
      // add.error says why; the typed comment stays in the field.
    }
  };

  return (
    <div className={shared.sidePanel} data-testid="comments-panel">
      <h3>{t('reports.comments.title')}</h3>
      <form className={styles.commentForm} onSubmit={(event) => void submit(event)}>
        <label className={cx(forms.field, shared.field)}>
          <span>{t('reports.comments.add')}</span>
          <textarea
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
          />
        ))}
      </ul>
      {resolved.length > 0 ? (
        <button
          type="button"
          className={cx(buttons.button, buttons.buttonQuiet, buttons.buttonSmall)}
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
}: {
  readonly comment: CommentView;
  readonly sectionTitle: string;
  readonly editor: Editor | null;
  readonly active: boolean;
  readonly onActivate: (comment: CommentView) => void;
}) {
  const { t, i18n } = useTranslation();
  const reply = useContractMutation('reports.comments.add');
  const setResolved = useContractMutation('reports.comments.setResolved');
  const [draft, setDraft] = useState('');
  const [replying, setReplying] = useState(false);
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
            type="button"
            className={cx(buttons.button, buttons.buttonSmall)}
            onClick={() => setReplying(!replying)}
          >
            {t('reports.comments.reply')}
          </button>
        ) : null}
        <button
          type="button"
          className={cx(buttons.button, buttons.buttonSmall)}
          disabled={setResolved.isPending}
          onClick={() => setResolved.mutate({ commentId: comment.id, resolved: !comment.resolved })}
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
