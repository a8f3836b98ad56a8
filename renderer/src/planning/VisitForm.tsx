import { useEffect, useId, useRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Visit } from '../../../shared/domain/model';
import { PLANNABLE_STATUSES, type PlannableStatus } from '../../../shared/domain/planning';
import type { CampaignSetup } from '../../../shared/domain/setup';
import { api } from '../api';
import { EditFormButtons } from '../components/EditFormButtons';
import { Field } from '../components/Field';
import { OutcomeMessage, useOutcome } from '../components/Outcome';
import { fieldErrors } from '../errors';
import { regionName } from '../workspace/labels';
import { formatDate } from '../format/dates';
import { RetireButton } from '../input/RetireButton';
import { useRetireWithUndo } from '../input/retire';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import forms from '../components/form.module.css';
import layout from '../components/layout.module.css';

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

export const emptyVisitDraft: VisitDraft = {
  id: null,
  organisationId: '',
  date: '',
  memberA: '',
  memberB: '',
  status: 'planned',
  lockedStatus: null,
};

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
  const retireWithUndo = useRetireWithUndo();
  const { t, i18n } = useTranslation();
  const id = useId();
  const { outcome, error, succeed, fail } = useOutcome();
  const orgRef = useRef<HTMLSelectElement>(null);
  const fields = fieldErrors(t, error);
  const organisationName = setup.organisations.find((entry) => entry.id === draft.organisationId)?.name ?? '';
  const regions = setup.regions.filter((region) => !region.deleted);
  const organisations = setup.organisations.filter(
    (organisation) => !organisation.deleted || organisation.id === draft.organisationId,
  );
  const members = setup.members.filter(
    (member) => (!member.deleted && member.is_inspector) || member.id === draft.memberA || member.id === draft.memberB,
  );

  useEffect(() => {
    if (focusKey > 0) orgRef.current?.focus();
  }, [focusKey]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const values = {
      organisationId: draft.organisationId,
      date: draft.date,
      memberA: draft.memberA || null,
      memberB: draft.memberB || null,
    };
    const result = draft.id
      ? await api.invoke('visits.update', {
          id: draft.id,
          ...values,
          ...(draft.lockedStatus ? {} : { status: draft.status }),
        })
      : await api.invoke('visits.create', { campaignId: setup.campaign.id, ...values, status: draft.status });
    if (!result.ok) {
      fail(result.error);
      return;
    }
    const organisation = setup.organisations.find((entry) => entry.id === draft.organisationId)?.name ?? '';
    succeed(t(draft.id ? 'planning.form.updated' : 'planning.form.created', { organisation }));
    onDraft(emptyVisitDraft);
    orgRef.current?.focus();
  }

  async function retire() {
    if (!draft.id) return;
    const result = await retireWithUndo(
      'visits.retire',
      { id: draft.id, retired: true },
      t('planning.form.visitSubject', {
        organisation: organisationName,
        date: formatDate(i18n.language, draft.date),
      }),
    );
    if (!result.ok) {
      fail(result.error);
      return;
    }
    succeed(t('planning.form.retired'));
    onDraft(emptyVisitDraft);
    orgRef.current?.focus();
  }

  return (
    <form
      className={cx(layout.card, forms.form)}
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby={`${id}-title`}
      data-testid="visit-form"
    >
      <h2 id={`${id}-title`}>{draft.id ? t('planning.form.editTitle') : t('planning.form.title')}</h2>
      <Field
        id={`${id}-org`}
        label={t('planning.form.organisation')}
        error={fields.organisationId ? t('planning.errors.organisationRequired') : null}
      >
        {(control) => (
          <select
            ref={orgRef}
            {...control}
            value={draft.organisationId}
            onChange={(event) => onDraft({ ...draft, organisationId: event.target.value })}
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
        )}
      </Field>
      <Field id={`${id}-date`} label={t('planning.form.date')} error={fields.date}>
        {(control) => (
          <input
            {...control}
            type="date"
            value={draft.date}
            onChange={(event) => onDraft({ ...draft, date: event.target.value })}
          />
        )}
      </Field>
      <fieldset className={forms.fieldset}>
        <legend>{t('planning.form.duo')}</legend>
        {(['memberA', 'memberB'] as const).map((slot) => (
          <Field key={slot} id={`${id}-${slot}`} label={t(`planning.form.${slot}`)} error={fields[slot]}>
            {(control) => (
              <select
                {...control}
                value={draft[slot]}
                onChange={(event) => onDraft({ ...draft, [slot]: event.target.value })}
              >
                <option value="">{t('planning.form.nobody')}</option>
                {members.map((member) => (
                  <option key={member.id} value={member.id}>
                    {member.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ))}
        {members.length < 2 ? <p className={forms.fieldHint}>{t('planning.form.needMembers')}</p> : null}
      </fieldset>
      <div className={forms.field}>
        <label htmlFor={`${id}-status`}>{t('planning.form.status')}</label>
        {draft.lockedStatus ? (
          <p className={forms.fieldHint} id={`${id}-status`}>
            {t(`planning.statuses.${draft.lockedStatus as 'planned'}`)} · {t('planning.form.lockedStatus')}
          </p>
        ) : (
          <select
            id={`${id}-status`}
            value={draft.status}
            onChange={(event) => onDraft({ ...draft, status: event.target.value as PlannableStatus })}
          >
            {PLANNABLE_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`planning.statuses.${value}`)}
              </option>
            ))}
          </select>
        )}
      </div>
      <EditFormButtons
        editing={Boolean(draft.id)}
        submitLabel={t('planning.form.submit')}
        onCancel={() => onDraft(emptyVisitDraft)}
      >
        <RetireButton
          name={organisationName}
          className={cx(buttons.button, buttons.buttonQuiet)}
          words={{
            button: t('planning.form.retire'),
            question: t('planning.form.retireQuestion', { organisation: organisationName }),
            yes: t('planning.form.yesRetire'),
          }}
          onConfirm={() => void retire()}
        />
      </EditFormButtons>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}
