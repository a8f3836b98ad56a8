import { createDraftKeyHandlers } from './vault/draft-key';
import { CampaignRepository } from '../db/repositories/campaigns';
import type { Profile } from '../db/profile';
import type { EventHub } from './events';
import type { Handlers } from './handler';
import type { JobRegistry } from './jobs';
import type { SyncController } from './sync/controller';
import { createSyncHandlers } from './sync/handlers';
import { createWorkflowHandlers } from './sync/workflow';
import { createIdentityHandlers } from './identity';
import { createSwotHandlers } from './swot/handlers';
import { ensureDefaultRegions } from './setup/default-regions';
import { createSetupHandlers } from './setup/setup';
import { createPlanningHandlers } from './planning/planning';
import { createVisitHandlers } from './visits/visits';
import { createSearchHandlers } from './search/search';
import { createReportHandlers } from './reports/handlers';
import { createExportHandlers, type ExportHost } from './export/handlers';
import { createConflictHandlers } from './conflicts/conflicts';
import { createSetAsideHandlers } from './set-aside/set-aside';
import { createUndoHandlers } from './undo/handlers';
import { openProfileVaultHandlers, type VaultHandlers } from './vault/handlers';
import { LanController } from './lan/controller';
import { createLanHandlers } from './lan/handlers';

export interface ServiceContext {
  readonly profile: Profile;
  readonly version: string;
  readonly transport: 'ipc' | 'http';
  readonly sync: SyncController;
  readonly jobs: JobRegistry;
  /** The desktop app's save dialog and PDF printer (absent in browser mode). */
  readonly exportHost?: ExportHost;
  /** Announces changes of local state to the UI; absent in tests that do not watch. */
  readonly events?: EventHub;
  /** The profile's lock (services/vault/session.ts); absent, the profile stays open. */
  readonly vault?: VaultHandlers;
  /** The duo dialog's network part; absent, one without a server connection is made (tests). */
  readonly lan?: LanController;
}

/** The services behind the contract: plain Node, the same for Electron IPC and the HTTP bridge. */
export function createHandlers(context: ServiceContext): Handlers {
  const campaigns = new CampaignRepository(context.profile.db, context.profile.store);
  return {
    'app.info': () => ({ version: context.version, profileDir: context.profile.dir, transport: context.transport }),
    'campaigns.list': () => campaigns.list(),
    'campaigns.create': (input) => {
      const campaign = campaigns.create(input);
      ensureDefaultRegions(context.profile.store, campaign.id);
      return campaign;
    },
    ...createIdentityHandlers(context.profile, (campaignId) => context.events?.local('identity', campaignId)),
    ...createSwotHandlers(context.profile),
    ...createSyncHandlers(context.profile, context.sync, context.jobs),
    ...createWorkflowHandlers(context.profile, context.sync, () => context.events?.local('sync')),
    ...createSetupHandlers(context.profile),
    ...createPlanningHandlers(context.profile),
    ...createVisitHandlers(context.profile),
    ...createSearchHandlers(context.profile),
    ...createReportHandlers(context.profile, context.sync),
    ...createExportHandlers(context.profile, context.jobs, context.exportHost),
    ...createConflictHandlers(context.profile),
    ...createSetAsideHandlers(context.profile, () => context.events?.local('setAside')),
    ...createUndoHandlers(context.profile),
    ...createDraftKeyHandlers(context.profile),
    ...(context.vault ?? openProfileVaultHandlers(context.profile)),
    ...createLanHandlers(context.lan ?? new LanController(context.profile)),
  };
}
