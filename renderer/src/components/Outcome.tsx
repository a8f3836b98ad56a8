import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../shared/contract/result';
import { describeError } from '../errors';
import { cx } from './cx';
import alerts from './alert.module.css';
import forms from './form.module.css';

/**
 * The one message of a form or screen about what its last action did. A new outcome replaces
 * the old one, whatever its tone: a green "saved" never stays beside a new red error, and an old
 * error never stays beside a new success.
 */
export type Outcome =
  | { readonly tone: 'ok'; readonly text: string }
  | { readonly tone: 'error'; readonly error: ContractError }
  | { readonly tone: 'error'; readonly text: string }
  | null;

export interface OutcomeControls {
  readonly outcome: Outcome;
  readonly succeed: (text: string) => void;
  readonly fail: (error: ContractError | string) => void;
  readonly clear: () => void;
  /** The error of the last action, for the fields that show their own messages (else null). */
  readonly error: ContractError | null;
}

export function useOutcome(): OutcomeControls {
  const [outcome, setOutcome] = useState<Outcome>(null);
  const succeed = useCallback((text: string) => setOutcome({ tone: 'ok', text }), []);
  const fail = useCallback(
    (error: ContractError | string) =>
      setOutcome(typeof error === 'string' ? { tone: 'error', text: error } : { tone: 'error', error }),
    [],
  );
  const clear = useCallback(() => setOutcome(null), []);
  return useMemo(
    () => ({
      outcome,
      succeed,
      fail,
      clear,
      error: outcome && outcome.tone === 'error' && 'error' in outcome ? outcome.error : null,
    }),
    [outcome, succeed, fail, clear],
  );
}

/**
 * Shows an outcome: a success in the polite live region (always present, so screen readers hear
 * it change), an error as an alert. Invalid input is told beside its fields, so the alert then
 * only says that some fields need attention.
 */
export function OutcomeMessage({ outcome }: { readonly outcome: Outcome }) {
  const { t } = useTranslation();
  const errorText =
    outcome?.tone === 'error' ? ('error' in outcome ? describeError(t, outcome.error) : outcome.text) : null;
  return (
    <>
      <p className={forms.formStatus} role="status" aria-live="polite">
        {outcome?.tone === 'ok' ? outcome.text : ''}
      </p>
      {errorText ? (
        <p className={cx(alerts.alert, alerts.alertError)} role="alert" data-testid="outcome-error">
          {errorText}
        </p>
      ) : null}
    </>
  );
}
