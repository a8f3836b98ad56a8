import type { z } from 'zod';
import { campaignCreateInput, type Campaign } from '../domain/campaign';
import { channel, empty } from './define';
import { identityChannels } from './identity';
import { swotChannels } from './swot';
import { syncChannels } from './sync';
import { workflowChannels } from './workflow';
import { setupChannels } from './setup';
import { planningChannels } from './planning';
import { visitChannels } from './visit';
import { searchChannels } from './search';
import { reportChannels } from './reports';
import { exportChannels } from './export';
import { conflictsChannels } from './conflicts';
import { setAsideChannels } from './set-aside';
import { vaultChannels } from './vault';
import { lanChannels } from './lan';
import { undoChannels } from './undo';
import { draftsChannels } from './drafts';

/**
 * The one contract between the UI and the services: every call the renderer can make,
 * with the zod schema its payload must satisfy and the type of its answer.
 * Both transports (Electron IPC and the browser-mode HTTP bridge) use this map.
 * Features declare their channels in their own file (shared/contract/<feature>.ts) and join here.
 */

export interface AppInfo {
  readonly version: string;
  readonly profileDir: string;
  readonly transport: 'ipc' | 'http';
}

export const contract = {
  'app.info': channel<AppInfo>()(empty),
  'campaigns.list': channel<readonly Campaign[]>()(empty),
  'campaigns.create': channel<Campaign>()(campaignCreateInput),
  ...identityChannels,
  ...swotChannels,
  ...syncChannels,
  ...workflowChannels,
  ...setupChannels,
  ...planningChannels,
  ...visitChannels,
  ...searchChannels,
  ...reportChannels,
  ...exportChannels,
  ...conflictsChannels,
  ...setAsideChannels,
  ...vaultChannels,
  ...lanChannels,
  ...undoChannels,
  ...draftsChannels,
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type InputOf<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ParsedInputOf<C extends ChannelName> = z.output<Contract[C]['input']>;
export type OutputOf<C extends ChannelName> = NonNullable<Contract[C]['output']>;

export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(contract, value);
}

export { BRIDGE_INVOKE_PATH, BRIDGE_TOKEN_HEADER, IPC_INVOKE_CHANNEL } from './constants';
