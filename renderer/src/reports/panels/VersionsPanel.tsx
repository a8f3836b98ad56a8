import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionSummary } from '../../../../shared/contract/reports';
import { useContractMutation, useContractQuery } from '../../data/queries';
import { describeError } from '../../errors';
import { formatWhen } from '../format';

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
    <div className="side-panel versions-panel" data-testid="versions-panel">
      <h3>{t('reports.versions.title')}</h3>
      <p className="muted small">{t('reports.versions.help')}</p>
      <form className="version-form" onSubmit={submit}>
        <label className="field" htmlFor={`${id}-name`}>
          <span>{t('reports.versions.name')}</span>
        </label>
        <input
          id={`${id}-name`}
          value={name}
          placeholder={t('reports.versions.namePlaceholder')}
          onChange={(event) => setName(event.target.value)}
          maxLength={200}
        />
        <button type="submit" className="button button-small" disabled={name.trim() === '' || create.isPending}>
          {t('reports.versions.create')}
        </button>
      </form>
      {create.isSuccess ? (
        <p className="muted small" role="status">
          {t('reports.versions.created', { name: create.variables.name })}
        </p>
      ) : null}
      {create.error ? <p className="alert alert-error">{describeError(t, create.error.error)}</p> : null}
      {versions.error ? <p className="alert alert-error">{describeError(t, versions.error.error)}</p> : null}
      {versions.data && list.length === 0 ? <p className="muted">{t('reports.versions.none')}</p> : null}
      <ul className="version-list">
        {list.map((version) => (
          <li key={version.id} data-version-id={version.id}>
            <div>
              <strong>{version.name}</strong>
              <div className="muted small">
                {t(`reports.versions.reasons.${version.reason}`)}
                {version.createdAt ? ` · ${formatWhen(version.createdAt, i18n.language)}` : ''}
                {version.authorName ? ` · ${version.authorName}` : ''}
              </div>
            </div>
            <button
              type="button"
              className="button button-small"
              onClick={() => onOpen(version)}
              aria-label={`${t('reports.versions.open')}: ${version.name}`}
            >
              {t('reports.versions.open')}
            </button>
          </li>
        ))}
      </ul>
      {list.length > 0 && fromVersion ? (
        <div className="version-compare">
          <h4>{t('reports.versions.compare')}</h4>
          <label className="field">
            <span>{t('reports.versions.from')}</span>
            <select value={fromVersion.id} onChange={(event) => setFrom(event.target.value)}>
              {list.map((version) => (
                <option key={version.id} value={version.id}>
                  {version.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
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
          <button type="button" className="button button-small" onClick={() => onCompare(fromVersion, toVersion)}>
            {t('reports.versions.compare')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
