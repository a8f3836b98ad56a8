import type { z } from 'zod';
import { contract, isChannelName, type ChannelName } from '../shared/contract/channels';
import { fail, ok, type ContractIssue, type Result } from '../shared/contract/result';
import { en } from '../shared/i18n/en';
import { lookupMessage } from '../shared/i18n';
import type { Handler, Handlers } from './handler';
import { ChangeRejectedError } from '../db/store/errors';
import { ServiceError } from './errors';

export type Dispatch = (channel: unknown, payload: unknown) => Promise<Result<unknown>>;

export interface DispatchOptions {
  /** Where unexpected errors go; the caller only ever sees a generic INTERNAL error. */
  readonly onInternalError?: (channel: string, error: unknown) => void;
}

function toIssues(error: z.ZodError): ContractIssue[] {
  const seen = new Set<string>();
  const issues: ContractIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    // One field can fail several checks with the same message (format and range): say it once.
    if (seen.has(`${path}\0${issue.message}`)) continue;
    seen.add(`${path}\0${issue.message}`);
    const resolved = lookupMessage(en, issue.message);
    issues.push(resolved ? { path, message: resolved, key: issue.message } : { path, message: issue.message });
  }
  return issues;
}

/** The input field of a refused column: the contract spells columns in camelCase (sort_order: sortOrder). */
function refusedField(error: ChangeRejectedError): ContractIssue[] {
  const column = error.field?.column;
  if (!column) return [];
  const path = column.replace(/_([a-z0-9])/g, (_match, char: string) => char.toUpperCase());
  return [{ path, message: lookupMessage(en, 'errors.fields.refused') ?? error.message, key: 'errors.fields.refused' }];
}

/**
 * The single entry point of every contract call, whatever the transport: refuses unknown
 * channels, validates the payload with the channel's schema, runs the handler and wraps the
 * answer in the { ok, value | error } envelope. Never throws.
 */
export function createDispatch(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  return async (channel, payload) => {
    if (!isChannelName(channel)) {
      return fail(
        'UNKNOWN_CHANNEL',
        `Unknown channel: ${typeof channel === 'string' ? JSON.stringify(channel.slice(0, 80)) : typeof channel}`,
      );
    }
    const parsed = contract[channel].input.safeParse(payload ?? {});
    if (!parsed.success) {
      const issues = toIssues(parsed.error);
      const summary = issues
        .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
        .join('; ');
      return fail('INVALID_INPUT', `Invalid payload for ${channel}: ${summary}`, issues);
    }
    try {
      const handler = handlers[channel] as Handler<ChannelName>;
      return ok(await handler(parsed.data as never));
    } catch (error) {
      if (error instanceof ServiceError) return fail(error.code, error.message, error.issues, error.reason);
      // Validation derives its limits from the sync registry, so the store should never refuse a
      // valid input; if it does, the user still learns which field, never a generic INTERNAL.
      if (error instanceof ChangeRejectedError) return fail('INVALID_INPUT', error.message, refusedField(error));
      options.onInternalError?.(channel, error);
      return fail('INTERNAL', `Internal error while handling ${channel}`);
    }
  };
}
