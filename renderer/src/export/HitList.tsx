import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnonymityHitView, AnonymityReview } from '../../../shared/contract/export';
import type { ContractError } from '../../../shared/contract/result';
import { isFigureKey } from '../../../shared/anonymise/check';
import { api } from '../api';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import forms from '../components/form.module.css';
import layout from '../components/layout.module.css';
import styles from './HitList.module.css';

/*
 * The hits of one anonymisation review, one row per term (a decision applies to every
 * occurrence), each with its context and the choices: replace by a label (for a small cell:
 * hide its score), reword (in place here, or by jumping to the text in the editor), or allow
 * with a reason. Shared by the export dialog and the report editor's anonymity panel, which
 * both show the answer of the same `export.review` channel.
 */

export interface HitListProps {
  readonly review: AnonymityReview;
  /** Re-reads the review after a decision. */
  readonly onDone: () => Promise<void>;
  readonly onError: (error: ContractError) => void;
  /** When given, "reword" opens the text in the editor instead of a field here. */
  readonly onJump?: (hit: AnonymityHitView) => void;
  /** In the report editor's side panel: a field's input takes the panel's width. */
  readonly inPanel?: boolean;
}

/** The hits grouped by term, in document order of their first occurrence. */
export function hitTerms(review: AnonymityReview): AnonymityHitView[][] {
  const terms = new Map<string, AnonymityHitView[]>();
  for (const hit of review.hits) terms.set(hit.key, [...(terms.get(hit.key) ?? []), hit]);
  return [...terms.values()];
}

export function HitList({ review, onDone, onError, onJump, inPanel = false }: HitListProps) {
  return (
    <ol className={cx(styles.hits, inPanel && styles.inPanel)}>
      {hitTerms(review).map((hits) => (
        <HitRow
          key={hits[0]?.key}
          hits={hits}
          reportId={review.reportId}
          k={review.k}
          onDone={onDone}
          onError={onError}
          onJump={onJump}
        />
      ))}
    </ol>
  );
}

type Decision = { action: 'replace'; replacement: string } | { action: 'allow'; reason: string };

function HitRow({
  hits,
  reportId,
  k,
  onDone,
  onError,
  onJump,
}: {
  hits: readonly AnonymityHitView[];
  reportId: string;
  k: number;
  onDone: () => Promise<void>;
  onError: (error: ContractError) => void;
  onJump: ((hit: AnonymityHitView) => void) | undefined;
}) {
  const { t } = useTranslation();
  const hit = hits[0] as AnonymityHitView;
  const figure = isFigureKey(hit.key);
  const [mode, setMode] = useState<'idle' | 'allow' | 'reword'>('idle');
  const [label, setLabel] = useState(hit.suggestions[0] ?? '');
  const [reason, setReason] = useState('');
  const sentence = `${hit.before}${hit.text}${hit.after}`;
  const [rewrite, setRewrite] = useState(sentence);
  const decide = async (decision: Decision) => {
    const answer = await api.invoke('export.decide', {
      reportId,
      key: hit.key,
      kind: hit.kind,
      term: hit.text,
      decision,
    });
    if (!answer.ok) return onError(answer.error);
    setMode('idle');
    await onDone();
  };
  const undecide = async () => {
    const answer = await api.invoke('export.undecide', { reportId, key: hit.key });
    if (!answer.ok) return onError(answer.error);
    await onDone();
  };
  const reword = async () => {
    const answer = await api.invoke('export.reword', {
      reportId,
      sectionId: hit.sectionId ?? '',
      find: sentence,
      replace: rewrite,
    });
    if (!answer.ok) return onError(answer.error);
    setMode('idle');
    await onDone();
  };
  // In the editor every hit in a section's own text can be reworded there; in the dialog only
  // a sentence found as such in the section's text (not a live block's).
  const jumpable = onJump !== undefined && hit.sectionId !== null && !figure;
  return (
    <li className={cx(styles.hit, hit.decision && styles.decided)} data-testid="export-hit">
      <div className={styles.hitHead}>
        <span className={styles.kind}>{t(`export.kinds.${hit.kind}`, { k })}</span>
        <strong>{hit.text}</strong>
        <span className={cx(layout.muted, layout.small)}>
          {t('export.review.occurrences', { count: hits.length, where: hit.where })}
        </span>
      </div>
      {figure ? (
        <p className={cx(styles.context, layout.muted, layout.small)} data-testid="export-context">
          {t('export.review.figureHelp', { count: k })}
        </p>
      ) : (
        <p className={styles.context} data-testid="export-context">
          {hit.before}
          <mark>{hit.text}</mark>
          {hit.after}
        </p>
      )}
      {hit.decision ? (
        <p>
          {hit.decision.action === 'replace'
            ? t(figure ? 'export.review.hiddenAs' : 'export.review.replacedBy', {
                label: hit.decision.replacement ?? '',
                author: hit.decision.authorName ?? '?',
              })
            : t('export.review.allowedBecause', {
                reason: hit.decision.reason ?? '',
                author: hit.decision.authorName ?? '?',
              })}{' '}
          <button type="button" className={cx(buttons.button, buttons.buttonSmall)} onClick={() => void undecide()}>
            {t('export.review.undo')}
          </button>
        </p>
      ) : (
        <div className={styles.actions}>
          {figure && hit.suggestions[0] ? (
            <button
              type="button"
              className={cx(buttons.button, buttons.buttonSmall)}
              onClick={() => void decide({ action: 'replace', replacement: hit.suggestions[0] ?? '' })}
            >
              {t('export.review.hideScore')}
            </button>
          ) : hit.suggestions.length > 0 ? (
            <span className={styles.replace}>
              <input
                type="text"
                list={`labels-${hit.key}`}
                value={label}
                onChange={(event) => setLabel(event.target.value)}
                aria-label={t('export.review.label')}
              />
              <datalist id={`labels-${hit.key}`}>
                {hit.suggestions.map((suggestion) => (
                  <option key={suggestion} value={suggestion} />
                ))}
              </datalist>
              <button
                type="button"
                className={cx(buttons.button, buttons.buttonSmall)}
                disabled={!label.trim()}
                onClick={() => void decide({ action: 'replace', replacement: label.trim() })}
              >
                {t('export.review.replace')}
              </button>
            </span>
          ) : null}
          {jumpable ? (
            <button type="button" className={cx(buttons.button, buttons.buttonSmall)} onClick={() => onJump?.(hit)}>
              {t('export.review.jump')}
            </button>
          ) : hit.rewordable ? (
            <button
              type="button"
              className={cx(buttons.button, buttons.buttonSmall)}
              onClick={() => setMode(mode === 'reword' ? 'idle' : 'reword')}
            >
              {t('export.review.reword')}
            </button>
          ) : null}
          <button
            type="button"
            className={cx(buttons.button, buttons.buttonSmall)}
            onClick={() => setMode(mode === 'allow' ? 'idle' : 'allow')}
          >
            {t('export.review.allow')}
          </button>
        </div>
      )}
      {mode === 'allow' ? (
        <form
          className={styles.inline}
          onSubmit={(event) => {
            event.preventDefault();
            void decide({ action: 'allow', reason: reason.trim() });
          }}
        >
          <label className={forms.field}>
            <span>{t('export.review.reason')}</span>
            <input
              type="text"
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              maxLength={2000}
              required
              minLength={3}
            />
          </label>
          <button type="submit" className={cx(buttons.button, buttons.buttonSmall)}>
            {t('export.review.allowConfirm')}
          </button>
        </form>
      ) : null}
      {mode === 'reword' && hit.sectionId ? (
        <form
          className={styles.inline}
          onSubmit={(event) => {
            event.preventDefault();
            void reword();
          }}
        >
          <label className={forms.field}>
            <span>{t('export.review.rewordLabel')}</span>
            <textarea value={rewrite} onChange={(event) => setRewrite(event.target.value)} rows={3} />
          </label>
          <button type="submit" className={cx(buttons.button, buttons.buttonSmall)}>
            {t('export.review.rewordSave')}
          </button>
        </form>
      ) : null}
    </li>
  );
}
