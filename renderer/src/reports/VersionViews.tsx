import type { AnyExtension } from '@tiptap/core';
import { EditorContent, useEditor } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import type { ReportJson } from '../../../shared/report/model';
import type { VersionSummary } from '../../../shared/contract/reports';
import { useContractQuery } from '../data/queries';
import { describeError } from '../errors';
import { formatWhen } from './format';
import { cx } from '../components/cx';
import alerts from '../components/alert.module.css';
import buttons from '../components/button.module.css';
import layout from '../components/layout.module.css';
import prose from './editor/prose.module.css';
import styles from './VersionViews.module.css';

/** A saved section's content, shown read-only with the same schema (no Yjs: a version never changes). */
export function ReadOnlySection({
  content,
  schema,
}: {
  readonly content: ReportJson;
  readonly schema: readonly AnyExtension[];
}) {
  const editor = useEditor(
    {
      extensions: [...schema],
      content: content as never,
      editable: false,
      injectCSS: false,
      editorProps: { attributes: { class: prose.prose ?? '' } },
    },
    [content],
  );
  return <EditorContent editor={editor} className={prose.content} />;
}

/** A named version of the report, read-only, section by section. */
export function VersionView({
  version,
  schema,
  onClose,
}: {
  readonly version: VersionSummary;
  readonly schema: readonly AnyExtension[];
  readonly onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const detail = useContractQuery('reports.versions.get', { versionId: version.id });
  return (
    <div data-testid="version-view">
      <div className={styles.versionBanner} role="status">
        <span>
          {t('reports.versions.readOnly', {
            name: version.name,
            when: version.createdAt ? formatWhen(version.createdAt, i18n.language) : '',
          })}
        </span>
        <button type="button" className={cx(buttons.button, buttons.buttonSmall)} onClick={onClose}>
          {t('reports.versions.backToText')}
        </button>
      </div>
      {detail.error ? (
        <p className={cx(alerts.alert, alerts.alertError)}>{describeError(t, detail.error.error)}</p>
      ) : null}
      {detail.isPending ? <p className={layout.muted}>{t('reports.common.loading')}</p> : null}
      {detail.data?.sections.map((section) => (
        <section key={section.sectionId} className={styles.versionSection}>
          <h2>{section.title}</h2>
          <ReadOnlySection content={section.content} schema={schema} />
        </section>
      ))}
    </div>
  );
}

/** Two versions (or a version and the current text) compared section by section, insertions and deletions marked. */
export function CompareView({
  from,
  to,
  onClose,
}: {
  readonly from: VersionSummary;
  readonly to: VersionSummary | null;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const comparison = useContractQuery('reports.versions.compare', { from: from.id, to: to?.id ?? null });
  return (
    <div data-testid="compare-view">
      <div className={styles.versionBanner} role="status">
        <span>
          {t('reports.versions.compareTitle')}: {from.name} → {to ? to.name : t('reports.versions.current')}
        </span>
        <button type="button" className={cx(buttons.button, buttons.buttonSmall)} onClick={onClose}>
          {t('reports.versions.backToText')}
        </button>
      </div>
      <p className={cx(layout.muted, layout.small)}>{t('reports.versions.legend')}</p>
      {comparison.error ? (
        <p className={cx(alerts.alert, alerts.alertError)}>{describeError(t, comparison.error.error)}</p>
      ) : null}
      {comparison.isPending ? <p className={layout.muted}>{t('reports.common.loading')}</p> : null}
      {comparison.data && comparison.data.every((section) => section.state === 'same') ? (
        <p>{t('reports.versions.noDifferences')}</p>
      ) : null}
      {comparison.data?.map((section) => (
        <section
          key={section.sectionId}
          className={cx(styles.compareSection, section.state === 'same' && styles.stateSame)}
        >
          <h2>
            {section.title}{' '}
            <span className={cx(layout.muted, layout.small)}>({t(`reports.versions.states.${section.state}`)})</span>
          </h2>
          <p className={styles.compareText}>
            {section.parts.map((part, index) =>
              part.kind === 'inserted' ? (
                <ins key={index} title={t('reports.versions.inserted')}>
                  {part.text}
                </ins>
              ) : part.kind === 'deleted' ? (
                <del key={index} title={t('reports.versions.deleted')}>
                  {part.text}
                </del>
              ) : (
                <span key={index}>{part.text}</span>
              ),
            )}
          </p>
        </section>
      ))}
    </div>
  );
}
