/** Joins the class names of an element, skipping the absent ones (a CSS module's class may be undefined). Hand-written
 *  because it is one line; clsx would do the same. */
export function cx(...names: ReadonlyArray<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}
