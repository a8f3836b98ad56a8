import { useCallback } from 'react';
import type { InputOf, OutputOf } from '../../../shared/contract/channels';
import type { Result } from '../../../shared/contract/result';
import { api } from '../api';
import { useCampaignId } from '../data/identity';
import { recordUndo } from './undo';

/** The channels that retire a record outside the SWOT board (each answers its undo). */
export type RetireChannel =
  | 'setup.retireItem'
  | 'organisations.retire'
  | 'members.retire'
  | 'visits.retire'
  | 'documents.retire'
  | 'goodPractices.retire';

/**
 * Retires (or restores) a record of a campaign and puts the write that takes it back on that
 * campaign's undo stack, so the toast's "Ongedaan maken" and Ctrl+Z undo it like a SWOT edit.
 * `subject` names the record in the toast. Answers the call's result, for the screen's own message.
 */
export async function retireWithUndo<C extends RetireChannel>(
  campaignId: string,
  channel: C,
  payload: InputOf<C> & { readonly retired: boolean },
  subject: string,
): Promise<Result<OutputOf<C>>> {
  const result = await api.invoke(channel, payload);
  if (result.ok) recordUndo(campaignId, payload.retired ? 'retire' : 'restore', subject, result.value.undo);
  return result;
}

/** retireWithUndo for the open campaign's workspace (where every retire button is). */
export function useRetireWithUndo(): <C extends RetireChannel>(
  channel: C,
  payload: InputOf<C> & { readonly retired: boolean },
  subject: string,
) => Promise<Result<OutputOf<C>>> {
  const campaignId = useCampaignId();
  return useCallback(
    async <C extends RetireChannel>(
      channel: C,
      payload: InputOf<C> & { readonly retired: boolean },
      subject: string,
    ): Promise<Result<OutputOf<C>>> => {
      if (campaignId === null) return api.invoke(channel, payload);
      return retireWithUndo(campaignId, channel, payload, subject);
    },
    [campaignId],
  );
}
