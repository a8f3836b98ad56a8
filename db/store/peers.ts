import type { LocalStore } from './store';

/**
 * Who works on a laptop, as far as this profile can tell: the member named as author of that
 * laptop's newest changes (a member id, or an email address the members list knows). The duo
 * exchange shows the partner's laptop by this name instead of its node id.
 */
export function memberNameOfNode(store: LocalStore, node: string): string | null {
  for (const author of store.recentAuthorsOfNode(node, 200)) {
    const byId = store.get('members', author);
    if (byId?.name) return byId.name;
    const byEmail = store.list('members', { email: author })[0];
    if (byEmail?.name) return byEmail.name;
  }
  return null;
}
