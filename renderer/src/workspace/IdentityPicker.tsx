import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { IDENTITY_PICKER_ID } from '../input/useEntryQueue';
import { useIdentity } from '../stores/identity';
import { useSetup } from '../stores/setup';

/** "I am …": the team member whose notes this laptop writes, chosen once per campaign. */
export function IdentityPicker({ campaignId }: { readonly campaignId: string }) {
  const { t } = useTranslation();
  const id = IDENTITY_PICKER_ID;
  const { identity, load, choose } = useIdentity();
  const members = useSetup((state) => state.setup?.members);
  const memberCount = members?.filter((member) => !member.deleted).length ?? 0;

  useEffect(() => {
    void load(campaignId);
  }, [campaignId, load, memberCount]);

  if (!identity || identity.campaignId !== campaignId) return null;
  return (
    <div className={`identity${identity.memberId ? '' : ' identity-missing'}`}>
      <label htmlFor={id}>{t('workspace.identity.label')}</label>
      {identity.members.length === 0 ? (
        <p className="muted">{t('workspace.identity.noMembers')}</p>
      ) : (
        <select id={id} value={identity.memberId ?? ''} onChange={(event) => event.target.value && void choose(campaignId, event.target.value)} aria-describedby={identity.memberId ? undefined : `${id}-hint`}>
          {identity.memberId ? null : <option value="">{t('workspace.identity.choose')}</option>}
          {identity.members.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name}
            </option>
          ))}
        </select>
      )}
      {identity.memberId ? null : (
        <p id={`${id}-hint`} className="field-hint">
          {t('workspace.identity.hint')}
        </p>
      )}
    </div>
  );
}
