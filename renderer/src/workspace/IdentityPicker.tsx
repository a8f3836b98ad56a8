import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IDENTITY_PICKER_ID, pickerKeyGuard, releasePickerGuard } from '../input/useEntryQueue';
import { api } from '../api';
import { useContractQuery } from '../data/queries';
import buttons from '../components/button.module.css';
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
  // The list only chooses (its type-ahead or an arrow key would otherwise pick a name by
  // accident); "Dit ben ik" or Enter sets it. While it holds a focus the screen moved here, keys
  // typed go back to the field the user was typing in (pickerKeyGuard).
  const [pending, setPending] = useState<string | null>(null);
  const choose = (memberId: string) =>
    void api.invoke('identity.set', { campaignId, memberId }).then((result) => {
      if (result.ok) setPending(null);
    });

  if (!identity || identity.campaignId !== campaignId) return null;
  const shown = pending ?? identity.memberId ?? '';
  const changed = pending !== null && pending !== '' && pending !== identity.memberId;
  return (
    <div className={cx(styles.identity, !identity.memberId && styles.identityMissing)}>
      <label htmlFor={id}>{t('workspace.identity.label')}</label>
      {identity.members.length === 0 ? (
        <p className={layout.muted}>{t('workspace.identity.noMembers')}</p>
      ) : (
        <select
          id={id}
          value={shown}
          onChange={(event) => setPending(event.target.value)}
          onMouseDown={releasePickerGuard}
          onBlur={releasePickerGuard}
          onKeyDown={(event) => {
            // Focus moved here by the screen: keys meant for the field go back there.
            if (pickerKeyGuard(event)) return;
            if (event.key === 'Enter' && changed) {
              event.preventDefault();
              choose(pending);
            }
          }}
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
      {changed ? (
        <button type="button" className={buttons.button} onClick={() => choose(pending)}>
          {t('workspace.identity.confirm')}
        </button>
      ) : null}
      {identity.memberId ? null : (
        <p id={`${id}-hint`} className={forms.fieldHint}>
          {t('workspace.identity.hint')}
        </p>
      )}
    </div>
  );
}
