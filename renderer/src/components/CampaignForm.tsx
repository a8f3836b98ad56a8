import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentWorkingYear } from '../../../shared/domain/campaign';
import type { ContractError } from '../../../shared/contract/result';
import { describeError, fieldErrors } from '../errors';
import { useCampaigns } from '../stores/campaigns';

export function CampaignForm() {
  const { t } = useTranslation();
  const create = useCampaigns((state) => state.create);
  const id = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [workingYear, setWorkingYear] = useState(() => currentWorkingYear(new Date()));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const fields = fieldErrors(t, error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setCreated(null);
    const result = await create({ name, workingYear });
    setBusy(false);
    if (result.ok) {
      setError(null);
      setName('');
      setCreated(result.campaign.name);
      nameRef.current?.focus();
    } else {
      setError(result.error);
    }
  }

  return (
    <form className="card form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('campaignForm.title')}</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('campaignForm.name')}</label>
        <input
          ref={nameRef}
          id={`${id}-name`}
          name="name"
          value={name}
          placeholder={t('campaignForm.namePlaceholder')}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={fields.name ? true : undefined}
          aria-describedby={fields.name ? `${id}-name-error` : undefined}
          autoComplete="off"
        />
        {fields.name ? (
          <p id={`${id}-name-error`} className="field-error">
            {fields.name}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-year`}>{t('campaignForm.workingYear')}</label>
        <input
          id={`${id}-year`}
          name="workingYear"
          value={workingYear}
          inputMode="numeric"
          onChange={(event) => setWorkingYear(event.target.value)}
          aria-invalid={fields.workingYear ? true : undefined}
          aria-describedby={`${id}-year-hint${fields.workingYear ? ` ${id}-year-error` : ''}`}
          autoComplete="off"
        />
        <p id={`${id}-year-hint`} className="field-hint">
          {t('campaignForm.workingYearHint')}
        </p>
        {fields.workingYear ? (
          <p id={`${id}-year-error`} className="field-error">
            {fields.workingYear}
          </p>
        ) : null}
      </div>
      {error && error.code !== 'INVALID_INPUT' ? (
        <p className="alert alert-error" role="alert">
          {describeError(t, error)}
        </p>
      ) : null}
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('campaignForm.submitting') : t('campaignForm.submit')}
      </button>
      <p className="form-status" role="status" aria-live="polite">
        {created ? t('campaignForm.created', { name: created }) : ''}
      </p>
    </form>
  );
}
