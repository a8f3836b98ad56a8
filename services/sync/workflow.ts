import type { Profile } from '../../db/profile';
import type { HeldEditView, workflowChannels } from '../../shared/contract/workflow';
import type { JsonValue } from '../../shared/sync/change';
import { ServiceError } from '../errors';
import { resolveReportBlocks } from '../reports/blocks';
import type { Handler } from '../handlers';
import type { SyncController } from './controller';

type WorkflowHandlers = { readonly [C in keyof typeof workflowChannels]: Handler<C> };

const MAX_VALUE_TEXT = 200;

function describeValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_TEXT ? `${text.slice(0, MAX_VALUE_TEXT)}…` : text;
}

export function createWorkflowHandlers(profile: Profile, sync: SyncController): WorkflowHandlers {
  const store = profile.store;
  return {
    'workflow.visit': async ({ visitId, to }) => {
      const visit = store.get('visits', visitId);
      if (!visit) throw new ServiceError('NOT_FOUND', `No visit ${visitId}`);
      const answer = await sync.online((client) => client.transitionVisit(visit.campaign_id, visitId, to));
      // Apply the server's own status change now, so the screen shows it without waiting for a pull.
      store.applyRemote([answer.change], 'server');
      return { status: answer.status };
    },
    'workflow.report': async ({ reportId, to }) => {
      const report = store.get('reports', reportId);
      if (!report) throw new ServiceError('NOT_FOUND', `No report ${reportId}`);
      // Finalising records the report's block values on the server (see reports.workflow).
      const frozen = to === 'final' ? (resolveReportBlocks(store, reportId) as unknown as Record<string, JsonValue>) : undefined;
      const answer = await sync.online((client) => client.transitionReport(report.campaign_id, reportId, to, frozen ? { frozen } : {}));
      store.applyRemote(answer.changes ?? [answer.change], 'server');
      return { status: answer.status };
    },
    'workflow.held': async ({ campaignId }) => {
      const answer = await sync.online((client) => client.listHeld(campaignId, 'pending'));
      return answer.held.map(
        (held): HeldEditView => ({
          changeId: held.change.id,
          visitId: held.visitId,
          field: `${held.change.table}.${held.change.column}`,
          value: describeValue(held.change.value),
          author: held.change.author,
          pushedBy: held.pushedBy,
          receivedAt: held.receivedAt,
          reason: held.reason,
        }),
      );
    },
    'workflow.decide': async ({ campaignId, changeId, decision }) => sync.online((client) => client.decideHeld(campaignId, changeId, decision)),
  };
}
