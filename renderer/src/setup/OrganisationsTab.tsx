import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractError } from '../../../shared/contract/result';
import type { Organisation } from '../../../shared/domain/model';
import type { CampaignSetup } from '../../../shared/domain/setup';
import { api } from '../api';
import { EditFormButtons } from '../components/EditFormButtons';
import { Field } from '../components/Field';
import { FormError, FormStatus } from '../components/FormStatus';
import { RetiredList } from '../components/RetiredList';
import { describeError, fieldErrors } from '../errors';
import { RetireButton } from '../input/RetireButton';
import { useRetireWithUndo } from '../input/retire';
import { regionName } from '../workspace/labels';
import { ImportPanel } from './ImportPanel';
import buttons from '../components/button.module.css';
import forms from '../components/form.module.css';
import layout from '../components/layout.module.css';
import styles from './OrganisationsTab.module.css';
import { cx } from '../components/cx';

interface Draft {
  readonly id: string | null;
  readonly name: string;
  readonly sectorId: string;
  readonly regionId: string;
  readonly address: string;
  readonly contact: string;
}

const emptyDraft: Draft = { id: null, name: '', sectorId: '', regionId: '', address: '', contact: '' };

/** The organisations of the campaign: a table, a form to add or edit one by hand, and the CSV import. */
export function OrganisationsTab({ setup }: { readonly setup: CampaignSetup }) {
  const retireWithUndo = useRetireWithUndo();
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [error, setError] = useState<ContractError | null>(null);
  const [status, setStatus] = useState('');
  const [filter, setFilter] = useState('');
  const nameRef = useRef<HTMLInputElement>(null);
  const fields = fieldErrors(t, error);
  const sectors = setup.sectors.filter((sector) => !sector.deleted);
  const regions = setup.regions.filter((region) => !region.deleted);
  const sectorOf = (organisation: Organisation) => setup.sectors.find((sector) => sector.id === organisation.sector_id);
  const regionOf = (organisation: Organisation) => setup.regions.find((region) => region.id === organisation.region_id);
  const active = setup.organisations.filter((organisation) => !organisation.deleted);
  const retired = setup.organisations.filter((organisation) => organisation.deleted);
  const shown = filter === '' ? active : active.filter((organisation) => organisation.region_id === filter);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const values = {
      name: draft.name,
      sectorId: draft.sectorId,
      regionId: draft.regionId,
      address: draft.address,
      contact: draft.contact,
    };
    const result = draft.id
      ? await api.invoke('organisations.update', { id: draft.id, ...values })
      : await api.invoke('organisations.add', { campaignId: setup.campaign.id, ...values });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setStatus(t(draft.id ? 'setup.organisations.updated' : 'setup.organisations.added', { name: draft.name.trim() }));
    setDraft({ ...emptyDraft, sectorId: draft.sectorId, regionId: draft.regionId });
    nameRef.current?.focus();
  }

  async function retire(organisation: Organisation, value: boolean) {
    const result = await retireWithUndo(
      'organisations.retire',
      { id: organisation.id, retired: value },
      organisation.name ?? '',
    );
    setStatus(
      result.ok
        ? t(value ? 'setup.list.retiredDone' : 'setup.list.restored', { name: organisation.name ?? '' })
        : describeError(t, result.error),
    );
  }

  return (
    <div className={layout.columns} data-testid="setup-organisations">
      <section aria-labelledby={`${id}-list`}>
        <div className={layout.sectionHeader}>
          <h2 id={`${id}-list`}>{t('setup.organisations.title')}</h2>
          <div className={forms.inlineField}>
            <label htmlFor={`${id}-filter`}>{t('setup.organisations.filterRegion')}</label>
            <select id={`${id}-filter`} value={filter} onChange={(event) => setFilter(event.target.value)}>
              <option value="">{t('setup.organisations.allRegions')}</option>
              {regions.map((region) => (
                <option key={region.id} value={region.id}>
                  {regionName(t, region)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {active.length === 0 ? (
          <div className={layout.emptyState}>
            <h3>{t('setup.organisations.emptyTitle')}</h3>
            <p>{t('setup.organisations.emptyBody')}</p>
          </div>
        ) : (
          <div className={layout.tableWrap}>
            <table className={layout.table} data-testid="organisation-table">
              <caption className="visually-hidden">{t('setup.organisations.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('setup.organisations.name')}</th>
                  <th scope="col">{t('setup.organisations.sector')}</th>
                  <th scope="col">{t('setup.organisations.region')}</th>
                  <th scope="col">{t('setup.organisations.contact')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('setup.organisations.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((organisation) => (
                  <tr key={organisation.id}>
                    <th scope="row">
                      {organisation.name}
                      {organisation.address ? (
                        <div className={cx(layout.muted, styles.address)}>{organisation.address}</div>
                      ) : null}
                    </th>
                    <td>{sectorOf(organisation)?.code ?? '—'}</td>
                    <td>{regionOf(organisation) ? regionName(t, regionOf(organisation)!) : '—'}</td>
                    <td className={cx(layout.muted, styles.contact)}>{organisation.contact ?? ''}</td>
                    <td className={styles.actions}>
                      <div className={styles.actionRow}>
                        <button
                          type="button"
                          className={buttons.textButton}
                          aria-label={t('setup.organisations.editLabel', { name: organisation.name ?? '' })}
                          onClick={() => {
                            setDraft({
                              id: organisation.id,
                              name: organisation.name ?? '',
                              sectorId: organisation.sector_id ?? '',
                              regionId: organisation.region_id ?? '',
                              address: organisation.address ?? '',
                              contact: organisation.contact ?? '',
                            });
                            setError(null);
                            nameRef.current?.focus();
                          }}
                        >
                          {t('setup.organisations.edit')}
                        </button>
                        <RetireButton
                          name={organisation.name ?? ''}
                          title={
                            (setup.visitsPerOrganisation[organisation.id] ?? 0) > 0
                              ? t('setup.organisations.inUse')
                              : undefined
                          }
                          onConfirm={() => void retire(organisation, true)}
                        />
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <RetiredList
          items={retired}
          keyOf={(organisation) => organisation.id}
          show={(organisation) => <span>{organisation.name}</span>}
          restoreLabel={(organisation) => t('setup.list.restoreLabel', { name: organisation.name ?? '' })}
          onRestore={(organisation) => void retire(organisation, false)}
        />
        <ImportPanel setup={setup} />
      </section>
      <aside>
        <form
          className={cx(layout.card, forms.form)}
          onSubmit={(event) => void submit(event)}
          noValidate
          aria-labelledby={`${id}-form`}
        >
          <h2 id={`${id}-form`}>{draft.id ? t('setup.organisations.editTitle') : t('setup.organisations.addTitle')}</h2>
          <Field id={`${id}-name`} label={t('setup.organisations.name')} error={fields.name}>
            {(control) => (
              <input
                ref={nameRef}
                {...control}
                value={draft.name}
                autoComplete="off"
                onChange={(event) => setDraft({ ...draft, name: event.target.value })}
              />
            )}
          </Field>
          <Field
            id={`${id}-sectorId`}
            label={t('setup.organisations.sector')}
            error={fields.sectorId ? t('setup.errors.sectorRequired') : null}
          >
            {(control) => (
              <select
                {...control}
                value={draft.sectorId}
                onChange={(event) => setDraft({ ...draft, sectorId: event.target.value })}
              >
                <option value="">{t('setup.organisations.choose')}</option>
                {sectors.map((sector) => (
                  <option key={sector.id} value={sector.id}>
                    {sector.code} · {sector.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id={`${id}-regionId`}
            label={t('setup.organisations.region')}
            error={fields.regionId ? t('setup.errors.regionRequired') : null}
          >
            {(control) => (
              <select
                {...control}
                value={draft.regionId}
                onChange={(event) => setDraft({ ...draft, regionId: event.target.value })}
              >
                <option value="">{t('setup.organisations.choose')}</option>
                {regions.map((region) => (
                  <option key={region.id} value={region.id}>
                    {regionName(t, region)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={`${id}-address`} label={t('setup.organisations.address')} error={fields.address}>
            {(control) => (
              <input
                {...control}
                value={draft.address}
                autoComplete="off"
                onChange={(event) => setDraft({ ...draft, address: event.target.value })}
              />
            )}
          </Field>
          <Field id={`${id}-contact`} label={t('setup.organisations.contact')} error={fields.contact}>
            {(control) => (
              <input
                {...control}
                value={draft.contact}
                autoComplete="off"
                onChange={(event) => setDraft({ ...draft, contact: event.target.value })}
              />
            )}
          </Field>
          <FormError error={error} />
          <EditFormButtons
            editing={Boolean(draft.id)}
            submitLabel={t('setup.organisations.submit')}
            onCancel={() => setDraft(emptyDraft)}
          />
          <FormStatus>{status}</FormStatus>
        </form>
      </aside>
    </div>
  );
}
