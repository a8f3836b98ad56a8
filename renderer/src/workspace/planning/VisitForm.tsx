import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../../shared/contract/result';
import type { Visit } from '../../../../shared/domain/model';
import { PLANNABLE_STATUSES, type PlannableStatus } from '../../../../shared/domain/planning';
import type { CampaignSetup } from '../../../../shared/domain/setup';
import { api } from '../../api';
import { describeError, fieldErrors } from '../../errors';
import { usePlanning } from '../../stores/planning';
import { regionName } from '../labels';

export interface VisitDraft {
  readonly id: string | null;
  readonly organisationId: string;
  readonly date: string;
  readonly memberA: string;
  readonly memberB: string;
  readonly status: PlannableStatus;
  /** A status the server owns (submitted, approved): shown, not editable here. */
  readonly lockedStatus: string | null;
}

export const emptyVisitDraft: VisitDraft = { id: null, organisationId: '', date: '', memberA: '', memberB: '', status: 'planned', lockedStatus: null };

export function draftOf(visit: Visit): VisitDraft {
  const plannable = (PLANNABLE_STATUSES as readonly string[]).includes(visit.status ?? '');
  return {
    id: visit.id,
    organisationId: visit.organisation_id ?? '',
    date: visit.date ?? '',
    memberA: visit.member_a ?? '',
    memberB: visit.member_b ?? '',
    status: plannable ? (visit.status as PlannableStatus) : 'planned',
    lockedStatus: plannable ? null : visit.status,
  };
}

interface VisitFormProps {
  readonly setup: CampaignSetup;
  readonly draft: VisitDraft;
  readonly onDraft: (draft: VisitDraft) => void;
  /** Bumped by the screen to move focus into the form (after "plan a visit" or "edit"). */
  readonly focusKey: number;
}

/** Plan a visit (organisation, date, duo, status) or change one; a visit is never deleted, it is cancelled or retired. */
export function VisitForm({ setup, draft, onDraft, focusKey }: VisitFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const reload = usePlanning((state) => state.reload);
  const [error, setError] = useState<ContractError | null>(null);
  const [status, setStatus] = useState('');
  const orgRef = useRef<HTMLSelectElement>(null);
  const fields = fieldErrors(t, error);
  const regions = setup.regions.filter((region) => !region.deleted);
  const organisations = setup.organisations.filter((organisation) => !organisation.deleted || organisation.id === draft.organisationId);
  const members = setup.members.filter((member) => (!member.deleted && member.is_inspector) || member.id === draft.memberA || member.id === draft.memberB);

  useEffect(() => {
    if (focusKey > 0) orgRef.current?.focus();
  }, [focusKey]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const values = { organisationId: draft.organisationId, date: draft.date, memberA: draft.memberA || null, memberB: draft.memberB || null };
    const result = draft.id
      ? await api.invoke('visits.update', { id: draft.id, ...values, ...(draft.lockedStatus ? {} : { status: draft.status }) })
      : await api.invoke('visits.create', { campaignId: setup.campaign.id, ...values, status: draft.status });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    const organisation = setup.organisations.find((entry) => entry.id === draft.organisationId)?.name ?? '';
    setError(null);
    setStatus(t(draft.id ? 'planning.form.updated' : 'planning.form.created', { organisation }));
    onDraft(emptyVisitDraft);
    await reload();
    orgRef.current?.focus();
  }

  async function retire() {
    if (!draft.id) return;
    const result = await api.invoke('visits.retire', { id: draft.id, retired: true });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setStatus(t('planning.form.retired'));
    onDraft(emptyVisitDraft);
    await reload();
    orgRef.current?.focus();
  }

  const describe = (name: string) => (fields[name] ? `${id}-${name}-error` : undefined);
  const errorOf = (name: string) =>
    fields[name] ? (
      <p id={`${id}-${name}-error`} className="field-error">
        {fields[name]}
      </p>
    ) : null;

  return (
    <form className="card form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={`${id}-title`} data-testid="visit-form">
      <h2 id={`${id}-title`}>{draft.id ? t('planning.form.editTitle') : t('planning.form.title')}</h2>
      <div className="field">
        <label htmlFor={`${id}-org`}>{t('planning.form.organisation')}</label>
        <select
          ref={orgRef}
          id={`${id}-org`}
          value={draft.organisationId}
          onChange={(event) => onDraft({ ...draft, organisationId: event.target.value })}
          aria-invalid={fields.organisationId ? true : undefined}
          aria-describedby={describe('organisationId')}
        >
          <option value="">{t('setup.organisations.choose')}</option>
          {regions.map((region) => {
            const inRegion = organisations.filter((organisation) => organisation.region_id === region.id);
            if (inRegion.length === 0) return null;
            return (
              <optgroup key={region.id} label={regionName(t, region)}>
                {inRegion.map((organisation) => (
                  <option key={organisation.id} value={organisation.id}>
                    {organisation.name}
                  </option>
                ))}
              </optgroup>
            );
          })}
        </select>
        {fields.organisationId ? (
          <p id={`${id}-organisationId-error`} className="field-error">
            {t('planning.errors.organisationRequired')}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-date`}>{t('planning.form.date')}</label>
        <input
          id={`${id}-date`}
          type="date"
          value={draft.date}
          onChange={(event) => onDraft({ ...draft, date: event.target.value })}
          aria-invalid={fields.date ? true : undefined}
          aria-describedby={describe('date')}
        />
        {errorOf('date')}
      </div>
      <fieldset className="fieldset">
        <legend>{t('planning.form.duo')}</legend>
        <div className="field">
          <label htmlFor={`${id}-a`}>{t('planning.form.memberA')}</label>
          <select id={`${id}-a`} value={draft.memberA} onChange={(event) => onDraft({ ...draft, memberA: event.target.value })} aria-invalid={fields.memberA ? true : undefined} aria-describedby={describe('memberA')}>
            <option value="">{t('planning.form.nobody')}</option>
            {members.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
          </select>
          {errorOf('memberA')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-b`}>{t('planning.form.memberB')}</label>
          <select id={`${id}-b`} value={draft.memberB} onChange={(event) => onDraft({ ...draft, memberB: event.target.value })} aria-invalid={fields.memberB ? true : undefined} aria-describedby={describe('memberB')}>
            <option value="">{t('planning.form.nobody')}</option>
            {members.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
          </select>
          {errorOf('memberB')}
        </div>
        {members.length < 2 ? <p className="field-hint">{t('planning.form.needMembers')}</p> : null}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t('planning.form.status')}</label>
        {draft.lockedStatus ? (
          <p className="field-hint" id={`${id}-status`}>
            {t(`planning.statuses.${draft.lockedStatus as 'planned'}`)} · {t('planning.form.lockedStatus')}
          </p>
        ) : (
          <select id={`${id}-status`} value={draft.status} onChange={(event) => onDraft({ ...draft, status: event.target.value as PlannableStatus })}>
            {PLANNABLE_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`planning.statuses.${value}`)}
              </option>
            ))}
          </select>
        )}
      </div>
      {error && error.code !== 'INVALID_INPUT' ? (
        <p className="alert alert-error" role="alert">
          {describeError(t, error)}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button button-primary">
          {draft.id ? t('setup.organisations.save') : t('planning.form.submit')}
        </button>
        {draft.id ? (
          <>
            <button type="button" className="button" onClick={() => onDraft(emptyVisitDraft)}>
              {t('setup.list.cancel')}
            </button>
            <button type="button" className="button button-quiet" onClick={() => void retire()}>
              {t('planning.form.retire')}
            </button>
          </>
        ) : null}
      </div>
      <p className="form-status" role="status" aria-live="polite">
        {status}
      </p>
    </form>
  );
}
