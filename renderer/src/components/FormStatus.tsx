import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../shared/contract/result';
import { describeError } from '../errors';
import { cx } from './cx';
import alerts from './alert.module.css';
import forms from './form.module.css';

/** The polite live region under a form that says what the last action did. */
export function FormStatus({ children }: { readonly children: ReactNode }) {
  return (
    <p className={forms.formStatus} role="status" aria-live="polite">
      {children}
    </p>
  );
}

/** An error that belongs to no field (field errors stand beside their fields), as an alert; nothing otherwise. */
export function FormError({ error }: { readonly error: ContractError | null }) {
  const { t } = useTranslation();
  if (!error || error.code === 'INVALID_INPUT') return null;
  return (
    <p className={cx(alerts.alert, alerts.alertError)} role="alert">
      {describeError(t, error)}
    </p>
  );
}
