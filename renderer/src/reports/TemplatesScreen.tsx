import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { REPORT_KIND_VALUES, type ReportKind, type TemplateSectionSpec } from '../../../shared/contract/reports';
import { DEFAULT_TEMPLATES, templateKeyFor } from '../../../shared/report/templates';
import { useContractMutation, useContractQuery } from '../data/queries';
import { describeError } from '../errors';
import { cx } from '../components/cx';
import alerts from '../components/alert.module.css';
import buttons from '../components/button.module.css';
import forms from '../components/form.module.css';
import layout from '../components/layout.module.css';
import styles from './TemplatesScreen.module.css';
import tabBar from '../components/tabs.module.css';

type Draft = readonly TemplateSectionSpec[];

function moved(sections: Draft, index: number, by: -1 | 1): Draft {
  const next = [...sections];
  const [section] = next.splice(index, 1);
  if (section) next.splice(index + by, 0, section);
  return next;
}

/**
 * A campaign's report templates, one per kind: the sections' titles and order, sections added and
 * removed. A section keeps its key (and so the id of the sections made from it) when it is
 * renamed or moved; an added one gets a key derived from its title (templateKeyFor), so two
 * laptops adding the same section offline make one. Saved with reports.templates.save; reports
 * made already keep their sections, and "create missing" adds the new ones to them.
 */
export function TemplatesScreen({ campaignId }: { readonly campaignId: string }) {
  const { t } = useTranslation();
  const templates = useContractQuery('reports.templates.get', { campaignId });
  const save = useContractMutation('reports.templates.save');
  const [kind, setKind] = useState<ReportKind>('sector');
  const [drafts, setDrafts] = useState<Partial<Record<ReportKind, Draft>>>({});
  const [newTitle, setNewTitle] = useState('');
  const [newError, setNewError] = useState<string | null>(null);
  const [savedKind, setSavedKind] = useState<ReportKind | null>(null);

  const stored = templates.data?.[kind] ?? null;
  const draft = drafts[kind] ?? stored;
  const dirty = drafts[kind] !== undefined;
  const setDraft = (next: Draft) => {
    setDrafts((current) => ({ ...current, [kind]: next }));
    setSavedKind(null);
  };

  const emptyTitles = new Set((draft ?? []).flatMap((section, index) => (section.title.trim() ? [] : [index])));

  const add = () => {
    const title = newTitle.trim();
    if (!title) {
      setNewError(t('reports.templates.titleRequired'));
      return;
    }
    const sections = draft ?? [];
    const key = templateKeyFor(
      title,
      sections.map((section) => section.key),
    );
    setDraft([...sections, { key, title, repeat: 'once', content: null }]);
    setNewTitle('');
    setNewError(null);
  };

  const submit = async () => {
    if (!draft || emptyTitles.size > 0) return;
    try {
      await save.mutateAsync({
        campaignId,
        kind,
        sections: draft.map((section) => ({ ...section, title: section.title.trim() })),
      });
      setDrafts((current) => {
        const next = { ...current };
        delete next[kind];
        return next;
      });
      setSavedKind(kind);
    } catch {
      // save.error is shown below; the draft stays as typed.
    }
  };

  return (
    <div className={layout.page}>
      <p>
        <Link href="/">{t('reports.report.back')}</Link>
      </p>
      <header className={layout.pageHeader}>
        <h1>{t('reports.templates.title')}</h1>
        <p className={layout.muted}>{t('reports.templates.intro')}</p>
      </header>
      <div className={tabBar.tabs} role="tablist" aria-label={t('reports.templates.kinds')}>
        {REPORT_KIND_VALUES.map((value) => (
          <button
            key={value}
            type="button"
            role="tab"
            className={cx(tabBar.tab, kind === value && tabBar.active)}
            aria-selected={kind === value}
            onClick={() => {
              setKind(value);
              setNewError(null);
            }}
          >
            {t(`reports.kind.${value}`)}
            {drafts[value] !== undefined ? ` · ${t('reports.templates.unsaved')}` : ''}
          </button>
        ))}
      </div>
      {templates.error ? (
        <div className={cx(alerts.alert, alerts.alertError)} role="alert">
          <p>{describeError(t, templates.error.error)}</p>
          <button type="button" className={buttons.button} onClick={() => void templates.refetch()}>
            {t('errors.retry')}
          </button>
        </div>
      ) : null}
      {templates.isPending ? <p className={layout.muted}>{t('reports.common.loading')}</p> : null}
      {draft ? (
        <section role="tabpanel" aria-label={t(`reports.kind.${kind}`)} className={styles.templateEditor}>
          <p className={layout.muted}>{t(`reports.templates.placeholders.${kind}`)}</p>
          <ol className={styles.templateSections}>
            {draft.map((section, index) => {
              const id = `template-${kind}-${section.key}`;
              const label = section.title.trim() || section.key;
              return (
                <li key={section.key} className={styles.templateSection} data-template-key={section.key}>
                  <span className={styles.templatePosition} aria-hidden="true">
                    {index + 1}.
                  </span>
                  <div className={cx(forms.field, styles.templateTitle)}>
                    <label htmlFor={id} className="visually-hidden">
                      {t('reports.templates.sectionTitle', { number: index + 1 })}
                    </label>
                    <input
                      id={id}
                      value={section.title}
                      maxLength={500}
                      aria-invalid={emptyTitles.has(index) ? true : undefined}
                      aria-describedby={emptyTitles.has(index) ? `${id}-error` : undefined}
                      onChange={(event) =>
                        setDraft(
                          draft.map((entry, at) => (at === index ? { ...entry, title: event.target.value } : entry)),
                        )
                      }
                    />
                    {emptyTitles.has(index) ? (
                      <p id={`${id}-error`} className={forms.fieldError}>
                        {t('reports.templates.titleRequired')}
                      </p>
                    ) : null}
                  </div>
                  {kind === 'region' ? (
                    <label className={styles.templateRepeat}>
                      <input
                        type="checkbox"
                        checked={section.repeat === 'visit'}
                        onChange={(event) =>
                          setDraft(
                            draft.map((entry, at) =>
                              at === index ? { ...entry, repeat: event.target.checked ? 'visit' : 'once' } : entry,
                            ),
                          )
                        }
                      />{' '}
                      {t('reports.templates.perVisit')}
                    </label>
                  ) : null}
                  {section.content ? (
                    <span className={cx(layout.muted, layout.small)}>{t('reports.templates.hasContent')}</span>
                  ) : null}
                  <div className={cx(layout.rowActions, styles.rowActions)}>
                    <button
                      type="button"
                      className={buttons.iconButton}
                      disabled={index === 0}
                      aria-label={t('reports.templates.moveUp', { title: label })}
                      title={t('reports.templates.moveUp', { title: label })}
                      onClick={() => setDraft(moved(draft, index, -1))}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className={buttons.iconButton}
                      disabled={index === draft.length - 1}
                      aria-label={t('reports.templates.moveDown', { title: label })}
                      title={t('reports.templates.moveDown', { title: label })}
                      onClick={() => setDraft(moved(draft, index, 1))}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className={buttons.textButton}
                      disabled={draft.length === 1}
                      aria-label={t('reports.templates.removeLabel', { title: label })}
                      onClick={() => setDraft(draft.filter((_, at) => at !== index))}
                    >
                      {t('reports.templates.remove')}
                    </button>
                  </div>
                </li>
              );
            })}
          </ol>
          <form
            className={styles.templateAdd}
            onSubmit={(event) => {
              event.preventDefault();
              add();
            }}
          >
            <div className={cx(forms.field, styles.field)}>
              <label htmlFor="template-new-title">{t('reports.templates.newSection')}</label>
              <input
                id="template-new-title"
                value={newTitle}
                maxLength={500}
                aria-invalid={newError ? true : undefined}
                aria-describedby={newError ? 'template-new-title-error' : undefined}
                onChange={(event) => {
                  setNewTitle(event.target.value);
                  setNewError(null);
                }}
              />
              {newError ? (
                <p id="template-new-title-error" className={forms.fieldError}>
                  {newError}
                </p>
              ) : null}
            </div>
            <button type="submit" className={buttons.button}>
              {t('reports.templates.add')}
            </button>
          </form>
          <div className={buttons.buttonRow}>
            <button
              type="button"
              className={cx(buttons.button, buttons.buttonPrimary)}
              disabled={!dirty || emptyTitles.size > 0 || save.isPending}
              onClick={() => void submit()}
            >
              {save.isPending ? t('reports.templates.saving') : t('reports.templates.save')}
            </button>
            <button
              type="button"
              className={buttons.button}
              disabled={!dirty}
              onClick={() =>
                setDrafts((current) => {
                  const next = { ...current };
                  delete next[kind];
                  return next;
                })
              }
            >
              {t('reports.templates.discard')}
            </button>
            <button type="button" className={buttons.button} onClick={() => setDraft(DEFAULT_TEMPLATES[kind])}>
              {t('reports.templates.restoreDefault')}
            </button>
          </div>
          {save.error && dirty ? (
            <p className={cx(alerts.alert, alerts.alertError)} role="alert">
              {t('reports.templates.saveFailed', { reason: describeError(t, save.error.error) })}
            </p>
          ) : null}
          {savedKind === kind && !dirty ? (
            <p className={cx(alerts.alert, alerts.alertInfo)} role="status">
              {t('reports.templates.saved', { kind: t(`reports.kind.${kind}`) })}
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
