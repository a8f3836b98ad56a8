import type { TFunction } from 'i18next';
import type { ContractError } from '../../shared/contract/result';
import { isReasonCode } from '../../shared/sync/reasons';

/**
 * What the sync server or engine said, by its reason code, in the user's language; the English
 * text only for a code this version does not know.
 */
export function reasonText(t: TFunction, code: string | null | undefined, fallback: string | null): string {
  if (isReasonCode(code)) return t(`syncReasons.${code}`);
  return fallback ?? t('syncReasons.INTERNAL');
}

/** Per-field messages of an INVALID_INPUT error, in the user's language, keyed by field path. */
export function fieldErrors(t: TFunction, error: ContractError | null): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error?.issues ?? []) {
    if (fields[issue.path]) continue;
    fields[issue.path] = issue.key ? String(t(issue.key as never)) : issue.message;
  }
  return fields;
}

/** One sentence for the user: what went wrong, in their language. */
export function describeError(t: TFunction, error: ContractError): string {
  if (error.message.startsWith('TRANSPORT:')) return t('errors.TRANSPORT');
  if (isReasonCode(error.reason)) return reasonText(t, error.reason, null);
  return t(`errors.${error.code}`);
}

/** The user's sentence for an error plus, for invalid input, what was wrong with each field. */
export function explainError(t: TFunction, error: ContractError): string {
  const fields = Object.values(fieldErrors(t, error));
  return fields.length > 0 ? `${describeError(t, error)} ${fields.join(' ')}` : describeError(t, error);
}
