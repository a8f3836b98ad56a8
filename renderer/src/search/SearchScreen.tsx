import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { SearchHit } from '../../../shared/domain/search';
import { describeError } from '../errors';
import { useContractQuery } from '../data/queries';
import { useSearch } from './store';
import { formatDate } from '../planning/plan';
import { usePageFocus } from '../workspace/usePageFocus';
import { Snippet } from '../visits/Snippet';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import alerts from '../components/alert.module.css';
import forms from '../components/form.module.css';
import layout from '../components/layout.module.css';
import styles from './SearchScreen.module.css';

/** Where a hit opens: the conversation of a note, else the visit's preparation page. */
function hitHref(campaignId: string, hit: SearchHit): string {
  const visit = `~/campaigns/${campaignId}/visits/${hit.visitId ?? ''}`;
  return hit.kind === 'note' && hit.conversationId ? `${visit}/conversations/${hit.conversationId}` : visit;
}

/** Full-text search across all notes and documents of the campaign, each hit in its context. */
export function SearchScreen({ campaignId }: { readonly campaignId: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const heading = usePageFocus(t('search.title'));
  const { query, setQuery, submit } = useSearch();
  const current = useSearch((state) => (state.campaignId === campaignId ? state.query : ''));
  const submitted = useSearch((state) => (state.campaignId === campaignId ? state.submitted : ''));
  // Hits stay current: a note or document that changes refreshes them (change events).
  const search = useContractQuery(
    'search.query',
    { campaignId, query: submitted },
    { enabled: submitted.trim() !== '', keepPrevious: true },
  );
  const result = submitted.trim() === '' ? null : (search.data ?? null);
  const error = submitted.trim() === '' ? null : (search.error?.error ?? null);

  useEffect(() => {
    if (useSearch.getState().campaignId !== campaignId) setQuery(campaignId, '');
  }, [campaignId, setQuery]);

  useEffect(() => {
    const timer = setTimeout(submit, 180);
    return () => clearTimeout(timer);
  }, [query, submit]);

  const hits = result && result.query === current ? result.hits : null;
  const what = (hit: SearchHit) => {
    if (hit.kind === 'document') return t('search.kinds.document', { title: hit.title ?? '' });
    if (!hit.conversationLabel) return t('search.kinds.preparation');
    return hit.questionLabel
      ? t('search.kinds.question', { conversation: hit.conversationLabel, question: hit.questionLabel })
      : t('search.kinds.free', { conversation: hit.conversationLabel });
  };

  return (
    <div className={layout.screen}>
      <div className={layout.pageHeader}>
        <h1 ref={heading} tabIndex={-1}>
          {t('search.title')}
        </h1>
        <p className={layout.lead}>{t('search.intro')}</p>
      </div>
      <form
        className={styles.searchBar}
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <label htmlFor={`${id}-q`} className="visually-hidden">
          {t('search.label')}
        </label>
        <input
          id={`${id}-q`}
          type="search"
          value={current}
          placeholder={t('search.placeholder')}
          autoComplete="off"
          onChange={(event) => setQuery(campaignId, event.target.value)}
          aria-describedby={`${id}-hint`}
        />
        <button type="submit" className={cx(buttons.button, buttons.buttonPrimary)}>
          {t('search.submit')}
        </button>
      </form>
      <p id={`${id}-hint`} className={cx(forms.fieldHint, styles.searchHint)}>
        {t('search.hint')}
      </p>
      {error ? (
        <p className={cx(alerts.alert, alerts.alertError)} role="alert">
          {describeError(t, error)}
        </p>
      ) : null}
      <p className={styles.searchCount} role="status" aria-live="polite">
        {hits
          ? hits.length === 0
            ? t('search.none', { query: current })
            : t('search.count', { count: hits.length })
          : ''}
      </p>
      {current.trim() === '' ? (
        <div className={layout.emptyState}>
          <h3>{t('search.emptyTitle')}</h3>
          <p>{t('search.emptyBody')}</p>
        </div>
      ) : null}
      {hits && hits.length > 0 ? (
        <ol className={styles.searchResults} data-testid="search-results">
          {hits.map((hit) => (
            <li key={`${hit.kind}-${hit.id}`} className={cx(layout.card, styles.searchHit)}>
              <div className={styles.searchHitHead}>
                <span className={cx(layout.codeTag, styles[`code-tag-${hit.kind}`])}>
                  {t(`search.kindTags.${hit.kind}`)}
                </span>
                <Link href={hitHref(campaignId, hit)} className={styles.searchHitLink}>
                  {hit.organisationName ?? t('search.unknownVisit')}
                </Link>
                <span className={layout.muted}>{formatDate(i18n.language, hit.visitDate)}</span>
                {hit.authorName ? <span className={layout.muted}>· {hit.authorName}</span> : null}
              </div>
              <div className={styles.searchHitWhat}>{what(hit)}</div>
              <p className={styles.searchHitSnippet}>
                <Snippet text={hit.snippet} />
              </p>
            </li>
          ))}
        </ol>
      ) : null}
      {result?.truncated && hits ? <p className={layout.muted}>{t('search.truncated')}</p> : null}
    </div>
  );
}
