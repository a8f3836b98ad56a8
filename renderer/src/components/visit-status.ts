import status from './status.module.css';

/** The colour class of a visit's status pill (planning list, month view, visits); a visit without one is planned. */
export function visitStatusClass(visitStatus: string | null | undefined): string | undefined {
  return status[`visit-${visitStatus ?? 'planned'}`];
}
