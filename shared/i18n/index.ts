import { en } from './en';
import { nlBE, type Messages } from './nl-BE';

export const LANGUAGES = ['nl-BE', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'nl-BE';

export const catalogs: Record<Language, Messages> = { 'nl-BE': nlBE, en };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export type { Messages };

/**
 * Looks up a dotted key ("errors.fields.nameRequired") in a catalog.
 * Answers undefined when the key does not name a string.
 */
export function lookupMessage(messages: Messages, key: string): string | undefined {
  let node: unknown = messages;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.prototype.hasOwnProperty.call(node, part))
      return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}
