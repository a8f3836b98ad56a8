import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { currentWorkingYear } from '../../../shared/domain/campaign';
import type { ContractError } from '../../../shared/contract/result';
import { fieldErrors } from '../errors';
import { Field } from '../components/Field';
import { FormError, FormStatus } from '../components/FormStatus';
import { api } from '../api';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import forms from '../components/form.module.css';
import layout from '../components/layout.module.css';

export function CampaignForm() {
  const { t } = useTranslation();
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
    // The campaign list refreshes by itself: the write's change event invalidates it.
    const result = await api.invoke('campaigns.create', { name, workingYear });
    setBusy(false);
    if (result.ok) {
      setError(null);
      setName('');
      setCreated(result.value.name);
      nameRef.current?.focus();
    } else {
      setError(result.error);
    }
  }

  return (
    <form
      className={cx(layout.card, forms.form)}
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`}>{t('campaignForm.title')}</h2>
      <Field id={`${id}-name`} label={t('campaignForm.name')} error={fields.name}>
        {(control) => (
          <input
            ref={nameRef}
            {...control}
            name="name"
            value={name}
            placeholder={t('campaignForm.namePlaceholder')}
            onChange={(event) => setName(event.target.value)}
            autoComplete="off"
          />
        )}
      </Field>
      <Field
        id={`${id}-year`}
        label={t('campaignForm.workingYear')}
        hint={t('campaignForm.workingYearHint')}
        error={fields.workingYear}
      >
        {(control) => (
          <input
            {...control}
            name="workingYear"
            value={workingYear}
            inputMode="numeric"
            onChange={(event) => setWorkingYear(event.target.value)}
            autoComplete="off"
          />
        )}
      </Field>
      <FormError error={error} />
      <button type="submit" className={cx(buttons.button, buttons.buttonPrimary)} disabled={busy}>
        {busy ? t('campaignForm.submitting') : t('campaignForm.submit')}
      </button>
      <FormStatus>{created ? t('campaignForm.created', { name: created }) : ''}</FormStatus>
    </form>
  );
}
