import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionSummary } from '../../../../shared/contract/reports';
import { useContractMutation, useContractQuery } from '../../data/queries';
import { describeError } from '../../errors';
import { formatWhen } from '../format';
import { cx } from '../../components/cx';
import alerts from '../../components/alert.module.css';
import buttons from '../../components/button.module.css';
import forms from '../../components/form.module.css';
import layout from '../../components/layout.module.css';
import shared from '../reports.module.css';
import styles from './VersionsPanel.module.css';

export interface VersionsPanelProps {
  readonly reportId: string;
  readonly onOpen: (version: VersionSummary) => void;
  readonly onCompare: (from: VersionSummary, to: VersionSummary | null) => void;
}

/** The report's named versions: keep one on demand, open one read-only, compare two (or one with the current text). */
export function VersionsPanel({ reportId, onOpen, onCompare }: VersionsPanelProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const versions = useContractQuery('reports.versions.list', { reportId });
  const create = useContractMutation('reports.versions.create');
  const [name, setName] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('current');
  const list = versions.data ?? [];
  const fromVersion = list.find((version) => version.id === from) ?? list[1] ?? list[0] ?? null;
  const toVersion = to === 'current' ? null : (list.find((version) => version.id === to) ?? null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ reportId, name: name.trim() }, { onSuccess: () => setName('') });
  };

  return (
    <div className={shared.sidePanel} data-testid="versions-panel">
      <h3>{t('reports.versions.title')}</h3>
      <p className={cx(layout.muted, layout.small)}>{t('reports.versions.help')}</p>
      <form className={styles.versionForm} onSubmit={submit}>
        <label className={cx(forms.field, shared.field)} htmlFor={`${id}-name`}>
          <span>{t('reports.versions.name')}</span>
        </label>
        <input
          id={`${id}-name`}
          value={name}
          placeholder={t('reports.versions.namePlaceholder')}
          onChange={(event) => setName(event.target.value)}
          maxLength={200}
        />
        <button
          type="submit"
          className={cx(buttons.button, buttons.buttonSmall)}
          disabled={name.trim() === '' || create.isPending}
        >
          {t('reports.versions.create')}
        </button>
      </form>
      {create.isSuccess ? (
        <p className={cx(layout.muted, layout.small)} role="status">
          {t('reports.versions.created', { name: create.variables.name })}
        </p>
      ) : null}
      {create.error ? (
        <p className={cx(alerts.alert, alerts.alertError)}>{describeError(t, create.error.error)}</p>
      ) : null}
      {versions.error ? (
        <p className={cx(alerts.alert, alerts.alertError)}>{describeError(t, versions.error.error)}</p>
      ) : null}
      {versions.data && list.length === 0 ? <p className={layout.muted}>{t('reports.versions.none')}</p> : null}
      <ul className={styles.versionList}>
        {list.map((version) => (
          <li key={version.id} data-version-id={version.id}>
            <div>
              <strong>{version.name}</strong>
              <div className={cx(layout.muted, layout.small)}>
                {t(`reports.versions.reasons.${version.reason}`)}
                {version.createdAt ? ` · ${formatWhen(version.createdAt, i18n.language)}` : ''}
                {version.authorName ? ` · ${version.authorName}` : ''}
              </div>
            </div>
            <button
              type="button"
              className={cx(buttons.button, buttons.buttonSmall)}
              onClick={() => onOpen(version)}
              aria-label={`${t('reports.versions.open')}: ${version.name}`}
            >
              {t('reports.versions.open')}
            </button>
          </li>
        ))}
      </ul>
      {list.length > 0 && fromVersion ? (
        <div>
          <h4>{t('reports.versions.compare')}</h4>
          <label className={cx(forms.field, shared.field)}>
            <span>{t('reports.versions.from')}</span>
            <select value={fromVersion.id} onChange={(event) => setFrom(event.target.value)}>
              {list.map((version) => (
                <option key={version.id} value={version.id}>
                  {version.name}
                </option>
              ))}
            </select>
          </label>
          <label className={cx(forms.field, shared.field)}>
            <span>{t('reports.versions.to')}</span>
            <select value={to} onChange={(event) => setTo(event.target.value)}>
              <option value="current">{t('reports.versions.current')}</option>
              {list.map((version) => (
                <option key={version.id} value={version.id}>
                  {version.name}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className={cx(buttons.button, buttons.buttonSmall)}
            onClick={() => onCompare(fromVersion, toVersion)}
          >
            {t('reports.versions.compare')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
