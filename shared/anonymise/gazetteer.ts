import { findPatterns, isPersonName, NOT_NAME_WORDS, TITLE_PREFIX } from './patterns';
import { foldKey } from './fold';

/**
 * The gazetteer: every name in the campaign's own records that identifies an organisation or a
 * person, with the short forms a team writes ("De Foyer" for "Integratiecentrum De Foyer"), plus
 * the regions (which identify an organisation where a region has only one of a sector) and the
 * sectors (which tell the check what sector a sentence speaks of).
 */
export type EntryKind = 'organisation' | 'member' | 'person' | 'email' | 'region' | 'sector';

export interface GazetteerEntry {
  readonly kind: EntryKind;
  /** The term as written in the records. */
  readonly term: string;
  /** The folded term the matcher looks for. */
  readonly key: string;
  /** The record it stands for (organisation, member, region, sector id; the term itself for names found in texts). */
  readonly refId: string;
  /**
   * 'exact': the text must have the term's own capitals (acronyms: "IC", "AgII");
   * 'capital': the match must start with a capital (short forms and surnames that are also words: "Sleutel", "Smet");
   * 'any': case does not matter (full names).
   */
  readonly casing: 'exact' | 'capital' | 'any';
  /** Organisations: their sector; regions: organisations per sector id. */
  readonly sectorId?: string;
  readonly organisationsBySector?: Readonly<Record<string, number>>;
}

export interface GazetteerSource {
  readonly sectors: ReadonlyArray<{ readonly id: string; readonly code: string; readonly name: string }>;
  readonly regions: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly organisations: ReadonlyArray<{
    readonly id: string;
    readonly name: string;
    readonly sectorId: string;
    readonly regionId: string;
    readonly contact?: string | null;
  }>;
  readonly members: ReadonlyArray<{ readonly id: string; readonly name: string; readonly email?: string | null }>;
  /**
   * Free texts of the campaign where names and e-mail addresses are mined: notes, good practices,
   * documents' titles. (The conversations' participants are counts per stakeholder category, without
   * names; the people met are in the notes and in the organisations' contact fields.)
   */
  readonly texts: readonly string[];
}

export interface Gazetteer {
  readonly entries: readonly GazetteerEntry[];
  /** Folded words that never start a person name: the built-in list plus the campaign's sector, region and shared organisation words. */
  readonly notNames: ReadonlySet<string>;
}

const ARTICLES = new Set(['de', 'het', "'t", 'den', 'een']);
const MIN_SHORT_FORM = 4;

function words(text: string): string[] {
  return text.split(/[\s,;:()/&+]+/u).filter((word) => word.length > 0);
}

function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

/**
 * Short forms of an organisation's name: what is left when the words it shares with other
 * organisations, its sector and the regions are taken away ("Integratiecentrum De Foyer" →
 * "De Foyer", "Foyer"), an abbreviation in brackets ("Agentschap Integratie en Inburgering (AgII)"
 * → "AgII") and the acronym of its capitalised words when that has three letters or more.
 */
export function shortForms(
  name: string,
  common: ReadonlySet<string>,
): Array<{ term: string; casing: GazetteerEntry['casing'] }> {
  const forms: Array<{ term: string; casing: GazetteerEntry['casing'] }> = [];
  for (const match of name.matchAll(/\(([^)]{2,20})\)/gu))
    forms.push({ term: (match[1] ?? '').trim(), casing: 'exact' });
  const bare = name.replace(/\([^)]*\)/gu, ' ');
  const all = words(bare);
  const distinct = all.filter((word) => !isCommon(foldKey(word), common));
  if (distinct.length > 0 && distinct.length < all.length) {
    // Keep the article right before the distinctive part: "De Foyer".
    const firstIndex = all.indexOf(distinct[0] ?? '');
    const before = firstIndex > 0 ? all[firstIndex - 1] : undefined;
    const withArticle =
      before && ARTICLES.has(foldKey(before)) && isCapitalised(before) ? [before, ...distinct] : distinct;
    const joined = withArticle.join(' ');
    if (joined.length >= MIN_SHORT_FORM) forms.push({ term: joined, casing: 'capital' });
    const core = distinct.join(' ');
    if (core !== joined && core.length >= MIN_SHORT_FORM) forms.push({ term: core, casing: 'capital' });
  }
  const capitals = all.filter((word) => isCapitalised(word) && !ARTICLES.has(foldKey(word)));
  if (capitals.length >= 3) forms.push({ term: capitals.map((word) => word.charAt(0)).join(''), casing: 'exact' });
  return forms;
}

/**
 * A word is common when it is in the set, or shares its stem with a word of the set
 * ("integratiecentrum" with the sector's "integratiecentra"): the last two letters of the
 * longer word may differ, over a stem of six letters or more.
 */
function isCommon(word: string, common: ReadonlySet<string>): boolean {
  if (common.has(word)) return true;
  if (word.length < 8) return false;
  for (const other of common) {
    if (other.length < 8) continue;
    const stem = Math.min(word.length, other.length) - 2;
    if (word.slice(0, stem) === other.slice(0, stem)) return true;
  }
  return false;
}

/** A person's surname as written after the first name ("An Van den Broeck" → "Van den Broeck"). */
function surname(name: string): string | undefined {
  const parts = name.trim().split(/\s+/u);
  if (parts.length < 2) return undefined;
  const rest = parts.slice(1).join(' ');
  return rest.length >= 3 ? rest : undefined;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
const PHONE_LIKE = /[+\d][\d\s./-]{6,}\d/gu;

/**
 * The contact persons in an organisation's contact field ("An Peeters, 09 223 45 67,
 * an@debrug.be" → "An Peeters"): each piece between separators, without its e-mail addresses and
 * phone numbers, that is a whole person's name.
 */
export function contactPersons(contact: string, notNames: ReadonlySet<string>): string[] {
  return contact
    .replace(EMAIL, ' ')
    .replace(PHONE_LIKE, ' ')
    .split(/[,;\n|/()·:]+|\s[-–—]\s/u)
    .map((piece) => piece.trim().replace(TITLE_PREFIX, ''))
    .filter((piece) => piece.length > 0 && isPersonName(piece, notNames));
}

export function buildGazetteer(source: GazetteerSource): Gazetteer {
  const entries: GazetteerEntry[] = [];
  const seen = new Set<string>();
  const add = (entry: Omit<GazetteerEntry, 'key'>) => {
    const key = foldKey(entry.term);
    if (key.length < 2) return;
    const id = `${entry.kind}\u0000${key}\u0000${entry.refId}`;
    if (seen.has(id)) return;
    seen.add(id);
    entries.push({ ...entry, key });
  };

  // Words shared by two or more organisation names, or belonging to a sector or region, say nothing about one organisation.
  const wordCount = new Map<string, number>();
  for (const organisation of source.organisations) {
    for (const word of new Set(words(organisation.name).map(foldKey)))
      wordCount.set(word, (wordCount.get(word) ?? 0) + 1);
  }
  const common = new Set<string>([...NOT_NAME_WORDS, ...ARTICLES]);
  for (const [word, count] of wordCount) if (count >= 2) common.add(word);
  for (const sector of source.sectors)
    for (const word of words(`${sector.code} ${sector.name}`)) common.add(foldKey(word));
  for (const region of source.regions) for (const word of words(region.name)) common.add(foldKey(word));
  for (const word of ['van', 'en', 'voor', 'vzw', 'npo', 'asbl']) common.add(word);

  const bySector = new Map<string, Map<string, number>>();
  for (const organisation of source.organisations) {
    const counts = bySector.get(organisation.regionId) ?? new Map<string, number>();
    counts.set(organisation.sectorId, (counts.get(organisation.sectorId) ?? 0) + 1);
    bySector.set(organisation.regionId, counts);
    add({
      kind: 'organisation',
      term: organisation.name,
      refId: organisation.id,
      casing: 'any',
      sectorId: organisation.sectorId,
    });
    for (const form of shortForms(organisation.name, common))
      add({
        kind: 'organisation',
        term: form.term,
        refId: organisation.id,
        casing: form.casing,
        sectorId: organisation.sectorId,
      });
    for (const match of (organisation.contact ?? '').matchAll(EMAIL))
      add({ kind: 'email', term: match[0], refId: organisation.id, casing: 'any' });
  }
  for (const member of source.members) {
    add({ kind: 'member', term: member.name, refId: member.id, casing: 'any' });
    const last = surname(member.name);
    if (last) add({ kind: 'member', term: last, refId: member.id, casing: 'capital' });
    if (member.email) add({ kind: 'email', term: member.email, refId: member.id, casing: 'any' });
  }
  const notNames = new Set(common);
  const addPerson = (name: string) => {
    add({ kind: 'person', term: name, refId: name, casing: 'any' });
    const last = name.split(/\s+/u).at(-1);
    if (last && last.length >= MIN_SHORT_FORM && !notNames.has(foldKey(last)))
      add({ kind: 'person', term: last, refId: name, casing: 'capital' });
  };
  for (const organisation of source.organisations)
    for (const name of contactPersons(organisation.contact ?? '', notNames)) addPerson(name);
  for (const text of source.texts) {
    for (const hit of findPatterns(text, notNames)) {
      if (hit.kind === 'email') add({ kind: 'email', term: hit.text, refId: hit.text, casing: 'any' });
      if (hit.kind !== 'person') continue;
      // "mevrouw An Peeters" → the name without the title, and its surname on its own.
      addPerson(hit.text.replace(TITLE_PREFIX, ''));
    }
  }
  for (const region of source.regions) {
    const counts = Object.fromEntries(bySector.get(region.id) ?? new Map<string, number>());
    add({ kind: 'region', term: region.name, refId: region.id, casing: 'capital', organisationsBySector: counts });
  }
  for (const sector of source.sectors) {
    add({ kind: 'sector', term: sector.name, refId: sector.id, casing: 'any' });
    add({ kind: 'sector', term: sector.code, refId: sector.id, casing: 'exact' });
  }
  return { entries, notNames };
}
