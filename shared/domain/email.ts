/**
 * The one rule for e-mail addresses (issue 10): an address is compared without its surrounding
 * spaces and without case, everywhere (accounts on the server, logins, members' addresses in
 * authorship and section locks, duplicate-member warnings). Accounts are stored normalised, so
 * two accounts can never differ only in case. The local part is case-insensitive in practice for
 * every provider a team uses, so one address is one person.
 */
export function normalizeEmail(address: string): string {
  return address.trim().toLowerCase();
}

/** Whether two addresses are the same address (an empty or missing one is no address). */
export function sameEmail(a: string | null | undefined, b: string | null | undefined): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const left = normalizeEmail(a);
  return left !== '' && left === normalizeEmail(b);
}
