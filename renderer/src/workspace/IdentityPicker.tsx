import { useTranslation } from 'react-i18next';
import { IDENTITY_PICKER_ID } from '../input/useEntryQueue';
import { api } from '../api';
import { useContractQuery } from '../data/queries';
import forms from '../components/form.module.css';
import { cx } from '../components/cx';
import layout from '../components/layout.module.css';
import styles from './IdentityPicker.module.css';

/** "I am …": the team member whose notes this laptop writes, chosen once per campaign. */
export function IdentityPicker({ campaignId }: { readonly campaignId: string }) {
  const { t } = useTranslation();
  const id = IDENTITY_PICKER_ID;
  // Refreshes by itself when members change or someone is chosen (change events).
  const identity = useContractQuery('identity.get', { campaignId }).data ?? null;
  const choose = (memberId: string) => void api.invoke('identity.set', { campaignId, memberId });

  if (!identity || identity.campaignId !== campaignId) return null;
  return (
    <div className={cx(styles.identity, !identity.memberId && styles.identityMissing)}>
      <label htmlFor={id}>{t('workspace.identity.label')}</label>
      {identity.members.length === 0 ? (
        <p className={layout.muted}>{t('workspace.identity.noMembers')}</p>
      ) : (
        <select
          id={id}
          value={identity.memberId ?? ''}
          onChange={(event) => event.target.value && choose(event.target.value)}
          aria-describedby={identity.memberId ? undefined : `${id}-hint`}
        >
          {identity.memberId ? null : <option value="">{t('workspace.identity.choose')}</option>}
          {identity.members.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name}
            </option>
          ))}
        </select>
      )}
      {identity.memberId ? null : (
        <p id={`${id}-hint`} className={forms.fieldHint}>
          {t('workspace.identity.hint')}
        </p>
      )}
    </div>
  );
}
