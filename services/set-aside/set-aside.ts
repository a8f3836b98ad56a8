import type { Profile } from '../../db/profile';
import type { StoredSetAside } from '../../db/store/store';
import { memberNameOfNode } from '../../db/store/peers';
import type { SetAsideView, setAsideChannels } from '../../shared/contract/set-aside';
import { isHlc, parseHlc } from '../../shared/sync/hlc';
import { columnSpec, isTableName } from '../../shared/sync/schema';
import { describeRecord, describeValue } from '../conflicts/describe';
import { ServiceError } from '../errors';
import type { HandlersOf } from '../handler';
import { currentMemberId } from '../identity';

type SetAsideHandlers = HandlersOf<typeof setAsideChannels>;

/** Who made a change, as this laptop can name them: the member, the address's member, or the laptop's. */
function authorName(profile: Profile, campaignId: string, author: unknown, node: unknown): string | null {
  const store = profile.store;
  if (typeof author === 'string' && author !== '') {
    const member = store.get('members', author);
    if (member && member.campaign_id === campaignId && member.name) return member.name;
    if (author.includes('@')) {
      const byAddress = store
        .list('members', { campaign_id: campaignId })
        .find((candidate) => candidate.email?.trim().toLowerCase() === author.trim().toLowerCase());
      return byAddress?.name ?? author;
    }
  }
  return typeof node === 'string' && node !== '' ? memberNameOfNode(store, node) : null;
}

function shorten(text: string): string {
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

function madeAt(hlc: unknown): string | null {
  return isHlc(hlc) ? new Date(parseHlc(hlc).wallMs).toISOString() : null;
}

/** One set-aside change as the Conflicten page shows it: the record it touches, its author, why. */
export function describeSetAside(profile: Profile, campaignId: string, item: StoredSetAside): SetAsideView {
  const store = profile.store;
  // A set-aside change may be malformed: read its fields as unknown.
  const change = item.change as unknown as Record<string, unknown>;
  const table = typeof change.table === 'string' ? change.table : '';
  const column = typeof change.column === 'string' ? change.column : '';
  const rowId = typeof change.rowId === 'string' ? change.rowId : '';
  const known = isTableName(table) && rowId !== '' ? store.get(table, rowId, { includeDeleted: true }) : undefined;
  // A row this laptop holds in another campaign is not this change's record.
  const record =
    known && isTableName(table) && (table === 'campaigns' ? known.id === campaignId : known.campaign_id === campaignId)
      ? describeRecord(store, table, rowId)
      : null;
  const spec = columnSpec(table, column);
  const sharedText = spec?.kind === 'text';
  // A shared text travels as a Yjs update: nothing a person reads. Any other value is shown as it
  // would be (references by name), or as it came when it is the refused part.
  let value: SetAsideView['value'] = null;
  if (!sharedText && isTableName(table) && spec?.value.safeParse(change.value).success)
    value = describeValue(store, table, column, item.change.value);
  else if (!sharedText && change.value !== undefined && change.value !== null)
    value = {
      type: 'text',
      text: shorten(typeof change.value === 'string' ? change.value : JSON.stringify(change.value)),
    };
  return {
    id: item.change.id,
    code: item.code,
    source: item.source,
    table,
    column,
    record,
    value,
    sharedText,
    author: authorName(profile, campaignId, change.author, change.node),
    madeAt: madeAt(change.hlc),
  };
}

export function createSetAsideHandlers(profile: Profile, onChange: () => void = () => {}): SetAsideHandlers {
  const store = profile.store;
  const requireCampaign = (campaignId: string) => {
    if (!store.get('campaigns', campaignId)) throw new ServiceError('NOT_FOUND', `No campaign ${campaignId}`);
  };
  return {
    'setAside.counts': () =>
      store
        .countSetAsideByCampaign()
        .filter((entry) => store.get('campaigns', entry.campaign))
        .map((entry) => ({ campaignId: entry.campaign, count: entry.count })),
    'setAside.list': ({ campaignId }) => {
      requireCampaign(campaignId);
      return store.listSetAsideOf(campaignId).map((item) => describeSetAside(profile, campaignId, item));
    },
    'setAside.retry': ({ campaignId, changeId }) => {
      requireCampaign(campaignId);
      const outcome = store.retrySetAside(campaignId, changeId);
      if (!outcome) throw new ServiceError('NOT_FOUND', `No set-aside change ${changeId} in campaign ${campaignId}`);
      onChange();
      return outcome.state === 'applied' ? { state: 'applied', code: null } : { state: 'refused', code: outcome.code };
    },
    'setAside.undo': ({ campaignId, changeId }) => {
      requireCampaign(campaignId);
      const by = currentMemberId(profile, campaignId) ?? store.node;
      const outcome = store.undoPushedSetAside(campaignId, changeId, by);
      if (!outcome)
        throw new ServiceError(
          'NOT_FOUND',
          `No change of this laptop refused by the server: ${changeId} in ${campaignId}`,
        );
      onChange();
      return { outcome };
    },
    'setAside.discard': ({ campaignId, changeId }) => {
      requireCampaign(campaignId);
      // Recorded with who discarded it: the member chosen as "Ik ben", else this laptop.
      const by = currentMemberId(profile, campaignId) ?? store.node;
      if (!store.discardSetAside(campaignId, changeId, by))
        throw new ServiceError('NOT_FOUND', `No set-aside change ${changeId} in campaign ${campaignId}`);
      onChange();
      return { discarded: changeId };
    },
  };
}
