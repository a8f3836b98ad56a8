import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../../shared/domain/model';
import { findSameMember, mayChangeMembers, TEAM_LEAD_ROLE } from '../../../shared/domain/members';
import type { CampaignSetup } from '../../../shared/domain/setup';
import { api } from '../api';
import { useMe } from '../data/identity';
import { EditFormButtons } from '../components/EditFormButtons';
import { Field } from '../components/Field';
import { OutcomeMessage, useOutcome } from '../components/Outcome';
import { RetiredList } from '../components/RetiredList';
import { fieldErrors } from '../errors';
import { regionName } from '../workspace/labels';
import { RetireButton } from '../input/RetireButton';
import { useRetireWithUndo } from '../input/retire';
import { cx } from '../components/cx';
import buttons from '../components/button.module.css';
import alerts from '../components/alert.module.css';
import forms from '../components/form.module.css';
import layout from '../components/layout.module.css';
import styles from './TeamTab.module.css';

interface Draft {
  readonly id: string | null;
  readonly name: string;
  readonly email: string;
  readonly isInspector: boolean;
  readonly isTeamLead: boolean;
  readonly coordinatorOf: readonly string[];
  readonly sectorLeadOf: readonly string[];
}

const emptyDraft: Draft = {
  id: null,
  name: '',
  email: '',
  isInspector: true,
  isTeamLead: false,
  coordinatorOf: [],
  sectorLeadOf: [],
};

function toggle(list: readonly string[], value: string, on: boolean): string[] {
  return on ? [...new Set([...list, value])] : list.filter((entry) => entry !== value);
}

/** The team of the campaign and each member's roles (a person may hold several). */
export function TeamTab({ setup }: { readonly setup: CampaignSetup }) {
  const retireWithUndo = useRetireWithUndo();
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const { outcome, error, succeed, fail, clear } = useOutcome();
  /** A member with the same name and e-mail as the one being added: offered before a second one is made. */
  const [duplicate, setDuplicate] = useState<Member | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const fields = error?.code === 'INVALID_INPUT' ? fieldErrors(t, error) : {};
  const regions = setup.regions.filter((region) => !region.deleted);
  const sectors = setup.sectors.filter((sector) => !sector.deleted);
  const active = setup.members.filter((member) => !member.deleted);
  const retired = setup.members.filter((member) => member.deleted);
  const me = useMe(setup.campaign.id);
  // Member rows are the team lead's; the server refuses anyone else's (MEMBERS_TEAM_LEAD_ONLY).
  const locked = !mayChangeMembers(setup.members, me, setup.accountRoles);
  const lockedNote = locked ? `${id}-lead-only` : undefined;
  // The server decides by the sync account's role: when that is what locks the tab, say so.
  const accountNotLead = setup.accountRoles !== null && !setup.accountRoles.includes(TEAM_LEAD_ROLE);
  const myName = setup.members.find((member) => member.id === me)?.name ?? '';
  const leads = active.filter((member) => member.is_team_lead === true).map((member) => member.name ?? '');

  function roles(member: Member): string[] {
    const out: string[] = [];
    if (member.is_team_lead) out.push(t('setup.team.roles.teamLead'));
    if (member.is_inspector) out.push(t('setup.team.roles.inspector'));
    const coordinated = (member.coordinator_of ?? [])
      .map((regionId) => setup.regions.find((region) => region.id === regionId))
      .filter((region) => region !== undefined);
    if (coordinated.length > 0)
      out.push(
        t('setup.team.roles.coordinatorOf', { regions: coordinated.map((region) => regionName(t, region)).join(', ') }),
      );
    const led = (member.sector_lead_of ?? [])
      .map((sectorId) => setup.sectors.find((sector) => sector.id === sectorId))
      .filter((sector) => sector !== undefined);
    if (led.length > 0)
      out.push(
        t('setup.team.roles.sectorLeadOf', { sectors: led.map((sector) => sector.code ?? sector.name).join(', ') }),
      );
    return out;
  }

  function edit(member: Member) {
    setDraft({
      id: member.id,
      name: member.name ?? '',
      email: member.email ?? '',
      isInspector: member.is_inspector ?? false,
      isTeamLead: member.is_team_lead ?? false,
      coordinatorOf: member.coordinator_of ?? [],
      sectorLeadOf: member.sector_lead_of ?? [],
    });
    setDuplicate(null);
    clear();
    nameRef.current?.focus();
  }

  async function submit(event: FormEvent | null, allowDuplicate = false) {
    event?.preventDefault();
    if (!draft.id && !allowDuplicate) {
      const same = findSameMember(setup.members, { name: draft.name, email: draft.email });
      if (same) {
        setDuplicate(setup.members.find((member) => member.id === same.id) ?? null);
        clear();
        return;
      }
    }
    const values = {
      name: draft.name,
      email: draft.email,
      isInspector: draft.isInspector,
      isTeamLead: draft.isTeamLead,
      coordinatorOf: [...draft.coordinatorOf],
      sectorLeadOf: [...draft.sectorLeadOf],
    };
    const result = draft.id
      ? await api.invoke('members.update', { id: draft.id, ...values })
      : await api.invoke('members.add', {
          campaignId: setup.campaign.id,
          ...values,
          ...(allowDuplicate ? { allowDuplicate } : {}),
        });
    setDuplicate(null);
    if (!result.ok) {
      fail(result.error);
      return;
    }
    succeed(t(draft.id ? 'setup.team.updated' : 'setup.team.added', { name: draft.name.trim() }));
    setDraft(emptyDraft);
    nameRef.current?.focus();
  }

  async function retire(member: Member, value: boolean) {
    const result = await retireWithUndo('members.retire', { id: member.id, retired: value }, member.name ?? '');
    if (result.ok) succeed(t(value ? 'setup.list.retiredDone' : 'setup.list.restored', { name: member.name ?? '' }));
    else fail(result.error);
    return result.ok;
  }

  return (
    <div className={layout.columns}>
      <section aria-labelledby={`${id}-list`}>
        <div className={layout.sectionHeader}>
          <h2 id={`${id}-list`}>{t('setup.team.title')}</h2>
          <span className={layout.badge}>{t('setup.team.count', { count: active.length })}</span>
        </div>
        {lockedNote ? (
          <p id={lockedNote} className={cx(alerts.alert, alerts.alertInfo)} data-testid="members-lead-only">
            {accountNotLead
              ? leads.length > 0
                ? t('setup.team.leadOnlyAccount', { leads: leads.join(', ') })
                : t('setup.team.leadOnlyAccountNoLead')
              : leads.length > 0
                ? t('setup.team.leadOnly', { leads: leads.join(', '), me: myName })
                : t('setup.team.leadOnlyNoLead', { me: myName })}
          </p>
        ) : null}
        {active.length === 0 ? (
          <div className={layout.emptyState}>
            <h3>{t('setup.team.emptyTitle')}</h3>
            <p>{t('setup.team.emptyBody')}</p>
          </div>
        ) : (
          <ul className={layout.cardList} data-testid="member-list">
            {active.map((member) => (
              <li key={member.id} className={cx(layout.card, styles.memberCard)}>
                <div>
                  <h3>{member.name}</h3>
                  {member.email ? <div className={layout.muted}>{member.email}</div> : null}
                  <ul className={styles.roleList} aria-label={t('setup.team.rolesOf', { name: member.name ?? '' })}>
                    {roles(member).map((role) => (
                      <li key={role} className={styles.roleChip}>
                        {role}
                      </li>
                    ))}
                  </ul>
                </div>
                <div className={layout.rowActions}>
                  <button
                    type="button"
                    className={buttons.textButton}
                    aria-label={t('setup.team.editLabel', { name: member.name ?? '' })}
                    disabled={locked}
                    aria-describedby={lockedNote}
                    onClick={() => edit(member)}
                  >
                    {t('setup.organisations.edit')}
                  </button>
                  {locked ? (
                    <button
                      type="button"
                      className={buttons.textButton}
                      aria-label={t('setup.list.retireLabel', { name: member.name ?? '' })}
                      disabled
                      aria-describedby={lockedNote}
                    >
                      {t('setup.list.retire')}
                    </button>
                  ) : (
                    <RetireButton name={member.name ?? ''} onConfirm={() => void retire(member, true)} />
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
        <RetiredList
          items={retired}
          keyOf={(member) => member.id}
          show={(member) => <span>{member.name}</span>}
          restoreLabel={(member) => t('setup.list.restoreLabel', { name: member.name ?? '' })}
          onRestore={(member) => void retire(member, false)}
          disabled={locked}
          describedBy={lockedNote}
        />
      </section>
      <aside>
        <form
          className={cx(layout.card, forms.form)}
          onSubmit={(event) => void submit(event)}
          noValidate
          aria-labelledby={`${id}-form`}
        >
          <h2 id={`${id}-form`}>{draft.id ? t('setup.team.editTitle') : t('setup.team.addTitle')}</h2>
          <Field id={`${id}-name`} label={t('setup.team.name')} error={fields.name}>
            {(control) => (
              <input
                ref={nameRef}
                {...control}
                value={draft.name}
                autoComplete="off"
                disabled={locked}
                onChange={(event) => setDraft({ ...draft, name: event.target.value })}
              />
            )}
          </Field>
          <Field id={`${id}-email`} label={t('setup.team.email')} error={fields.email}>
            {(control) => (
              <input
                {...control}
                type="email"
                value={draft.email}
                autoComplete="off"
                disabled={locked}
                onChange={(event) => setDraft({ ...draft, email: event.target.value })}
              />
            )}
          </Field>
          <fieldset className={forms.fieldset}>
            <legend>{t('setup.team.rolesLegend')}</legend>
            <label className={forms.checkbox}>
              <input
                type="checkbox"
                disabled={locked}
                checked={draft.isInspector}
                onChange={(event) => setDraft({ ...draft, isInspector: event.target.checked })}
              />
              {t('setup.team.roles.inspector')}
            </label>
            <label className={forms.checkbox}>
              <input
                type="checkbox"
                disabled={locked}
                checked={draft.isTeamLead}
                onChange={(event) => setDraft({ ...draft, isTeamLead: event.target.checked })}
              />
              {t('setup.team.roles.teamLead')}
            </label>
          </fieldset>
          <fieldset className={forms.fieldset}>
            <legend>{t('setup.team.coordinatorLegend')}</legend>
            <div className={forms.checkboxGrid}>
              {regions.map((region) => (
                <label key={region.id} className={forms.checkbox}>
                  <input
                    type="checkbox"
                    disabled={locked}
                    checked={draft.coordinatorOf.includes(region.id)}
                    onChange={(event) =>
                      setDraft({
                        ...draft,
                        coordinatorOf: toggle(draft.coordinatorOf, region.id, event.target.checked),
                      })
                    }
                  />
                  {regionName(t, region)}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset className={forms.fieldset}>
            <legend>{t('setup.team.sectorLeadLegend')}</legend>
            <div className={forms.checkboxGrid}>
              {sectors.map((sector) => (
                <label key={sector.id} className={forms.checkbox}>
                  <input
                    type="checkbox"
                    disabled={locked}
                    checked={draft.sectorLeadOf.includes(sector.id)}
                    onChange={(event) =>
                      setDraft({ ...draft, sectorLeadOf: toggle(draft.sectorLeadOf, sector.id, event.target.checked) })
                    }
                  />
                  {sector.code ?? sector.name}
                </label>
              ))}
            </div>
          </fieldset>
          {duplicate ? (
            <div className={cx(alerts.alert, alerts.alertInfo)} role="alert" data-testid="member-duplicate">
              <p>
                {t(duplicate.deleted ? 'setup.team.duplicate.retired' : 'setup.team.duplicate.active', {
                  name: duplicate.name ?? '',
                  email: duplicate.email ? t('setup.team.duplicate.email', { email: duplicate.email }) : '',
                })}
              </p>
              <div className={buttons.buttonRow}>
                {duplicate.deleted ? (
                  <button
                    type="button"
                    className={cx(buttons.button, buttons.buttonPrimary, buttons.buttonSmall)}
                    onClick={() =>
                      void retire(duplicate, false).then((ok) => {
                        if (!ok) return;
                        edit(duplicate);
                        succeed(t('setup.team.duplicate.restored', { name: duplicate.name ?? '' }));
                      })
                    }
                  >
                    {t('setup.team.duplicate.restoreExisting', { name: duplicate.name ?? '' })}
                  </button>
                ) : (
                  <button
                    type="button"
                    className={cx(buttons.button, buttons.buttonPrimary, buttons.buttonSmall)}
                    onClick={() => edit(duplicate)}
                  >
                    {t('setup.team.duplicate.useExisting', { name: duplicate.name ?? '' })}
                  </button>
                )}
                <button
                  type="button"
                  className={cx(buttons.button, buttons.buttonSmall)}
                  onClick={() => void submit(null, true)}
                >
                  {t('setup.team.duplicate.addAnyway')}
                </button>
              </div>
            </div>
          ) : null}
          <EditFormButtons
            editing={Boolean(draft.id)}
            submitLabel={t('setup.team.submit')}
            disabled={locked}
            describedBy={lockedNote}
            onCancel={() => {
              setDraft(emptyDraft);
              setDuplicate(null);
            }}
          />
          <OutcomeMessage outcome={outcome} />
        </form>
      </aside>
    </div>
  );
}
