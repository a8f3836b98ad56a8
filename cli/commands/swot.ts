import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isLanguage, type Language } from '../../shared/i18n';
import {
  SwotInputError,
  scoreSwot,
  swotScopeSchema,
  type SwotScope,
  type SwotScoreResult,
} from '../../shared/swot/score';
import { isQuadrant } from '../../shared/swot/quadrants';
import { suggestForScope, type ScopeSuggestLemma } from '../../shared/swot/suggest-scope';
import { PASSPHRASE_USAGE, openCliProfile, passphraseOption } from '../profile';
import { ServiceError } from '../../services/errors';
import { toScoringScope } from '../../services/swot/handlers';
import { readScope, resolveScope } from '../../services/swot/scope';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from '../io';
import { JsonSyntaxError, describeSchemaIssues, parseJsonText } from './swot-input';
import type { Command } from './types';

const USAGE = `veldwerk swot score FILE [--lang nl-BE|en]
veldwerk swot score --profile DIR --sector S --group G [--campaign C] [--lang nl-BE|en]

  Scores a SWOT scope exactly as the team's method prescribes and prints the result as JSON.
  FILE is a JSON file, or - to read it from standard input:
    {"group": "...", "conversations": ["c1", ...],
     "items": [{"id": "...", "conversation": "c1",
                "quadrant": "strengths|weaknesses|opportunities|threats",
                "text": "...", "lemma": "name or null"}]}

  With --profile, the scope is read from a profile's records: --sector is the sector's code,
  name or id (e.g. IC), --group the respondent group's name or id (e.g. Personeel), --campaign
  the campaign's name or id (needed only when the profile holds more than one campaign).

  --lang L   language of the "display" field: nl-BE (default, 6,3) or en (6.3)
${PASSPHRASE_USAGE}

  Exit codes: 0 scored; 2 bad arguments or bad input (the reason on stderr, nothing on stdout).

veldwerk swot suggest FILE
veldwerk swot suggest --profile DIR --sector S --group G [--campaign C]

  Reads the same input as score and prints, as JSON, suggestions for the items without a lemma:
  the proposed groups (members, proposed name, confidence, shared words) with the best existing
  lemmas for each group, and the best existing lemmas for each item (lemma, score, shared
  words). Groups are cut at a quantile of the items' pairwise similarities (groupQuantile),
  learned from the items that already have a lemma. Nothing is changed: these are proposals.
  Exit codes as for score.`;

/** Input that cannot be scored: the message is for the user, the exit code is 2. */
export class SwotFileError extends Error {
  override readonly name = 'SwotFileError';
}

/** Turns the text of a scope file into a checked scope; throws SwotFileError on any problem. */
export function parseScopeText(text: string): SwotScope {
  let data: unknown;
  try {
    data = parseJsonText(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw new SwotFileError(error.message);
    throw error;
  }
  const parsed = swotScopeSchema.safeParse(data);
  if (!parsed.success)
    throw new SwotFileError(`the input does not have the expected shape:\n${describeSchemaIssues(parsed.error, data)}`);
  return parsed.data;
}

/**
 * Scores a scope and renders the result as the CLI prints it (pretty JSON, two spaces).
 * A future `--profile` mode builds the scope from the store's records and calls this too.
 */
export function renderScore(scope: SwotScope, language: Language = 'nl-BE'): string {
  let result: SwotScoreResult;
  try {
    result = scoreSwot(scope, { language });
  } catch (error) {
    if (error instanceof SwotInputError) throw new SwotFileError(`the input cannot be scored:\n${error.message}`);
    throw error;
  }
  return `${JSON.stringify(result, null, 2)}\n`;
}

/** Suggestions for the unclustered items of a scope, rendered as the CLI prints them. */
export function renderSuggestions(scope: SwotScope): string {
  try {
    scoreSwot(scope); // the same checks as score: unknown conversations, blank texts, duplicate ids…
  } catch (error) {
    if (error instanceof SwotInputError) throw new SwotFileError(`the input cannot be used:\n${error.message}`);
    throw error;
  }
  // scoreSwot refused unknown quadrants above; the type guard says so to the compiler.
  const items = scope.items.flatMap((item) =>
    isQuadrant(item.quadrant)
      ? [
          {
            id: item.id,
            text: item.text,
            quadrant: item.quadrant,
            lemmaId: item.lemma === null ? null : `${item.quadrant}:${item.lemma}`,
          },
        ]
      : [],
  );
  // In the file a lemma is its name; it belongs to the quadrant of its items.
  const lemmas = new Map<string, ScopeSuggestLemma>();
  for (const item of items)
    if (item.lemmaId !== null && !lemmas.has(item.lemmaId))
      lemmas.set(item.lemmaId, {
        id: item.lemmaId,
        name: item.lemmaId.slice(item.quadrant.length + 1),
        quadrant: item.quadrant,
      });
  const result = suggestForScope({ items, lemmas: [...lemmas.values()] });
  const byId = new Map(scope.items.map((item) => [item.id, item]));
  const lemmaOut = (suggestion: { lemmaId: string; name: string; score: number; terms: readonly string[] }) => ({
    lemma: suggestion.name,
    score: suggestion.score,
    terms: suggestion.terms,
  });
  const output = {
    group: scope.group,
    groupQuantile: result.groupQuantile,
    groups: result.groups.map((group) => ({
      quadrant: group.quadrant,
      proposedName: group.name,
      confidence: group.confidence,
      terms: group.terms,
      members: group.itemIds.map((id) => ({ id, text: byId.get(id)?.text ?? '' })),
      bestLemmas: group.bestLemmas.map(lemmaOut),
    })),
    items: result.hints.map((hint) => ({
      id: hint.itemId,
      text: byId.get(hint.itemId)?.text ?? '',
      quadrant: byId.get(hint.itemId)?.quadrant,
      bestLemmas: hint.lemmas.map(lemmaOut),
    })),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}

async function readSource(source: string, io: CliIo): Promise<string> {
  if (source === '-') return io.readStdin();
  try {
    return await readFile(source, 'utf8');
  } catch (error) {
    const reason =
      error instanceof Error && 'code' in error && error.code === 'ENOENT'
        ? 'no such file'
        : error instanceof Error
          ? error.message
          : String(error);
    throw new SwotFileError(`cannot read the file: ${reason}`);
  }
}

/** The scope of a profile's sector and respondent group, built from its records. */
async function scopeFromProfile(
  io: CliIo,
  values: { profile: string; 'passphrase-stdin'?: boolean | undefined },
  query: { campaign?: string; sector: string; group: string },
): Promise<SwotScope> {
  const profile = await openCliProfile(io, values);
  try {
    const ids = resolveScope(profile.store, query);
    return toScoringScope(readScope(profile.store, ids.campaignId, ids.sectorId, ids.groupId)).scope;
  } catch (error) {
    if (error instanceof ServiceError) throw new SwotFileError(error.message);
    throw error;
  } finally {
    profile.close();
  }
}

async function score(argv: string[], io: CliIo): Promise<number> {
  return runOnScope('score', argv, io, (scope, language) => renderScore(scope, language));
}

async function suggest(argv: string[], io: CliIo): Promise<number> {
  return runOnScope('suggest', argv, io, (scope) => renderSuggestions(scope));
}

/** Reads a scope from FILE, standard input or a profile, and prints what `render` makes of it. */
async function runOnScope(
  name: 'score' | 'suggest',
  argv: string[],
  io: CliIo,
  render: (scope: SwotScope, language: Language) => string,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      lang: { type: 'string' },
      profile: { type: 'string' },
      sector: { type: 'string' },
      group: { type: 'string' },
      campaign: { type: 'string' },
      ...passphraseOption,
    },
    strict: true,
    allowPositionals: true,
  });
  const language = values.lang ?? 'nl-BE';
  if (!isLanguage(language)) throw new UsageError(`--lang must be nl-BE or en, not "${language}"`);
  if (values.profile !== undefined) {
    if (positionals.length > 0) throw new UsageError('give either a FILE or --profile, not both');
    if (!values.sector || !values.group) throw new UsageError('with --profile, name the --sector and the --group');
    try {
      if (!existsSync(values.profile)) throw new SwotFileError(`no profile folder ${values.profile}`);
      const scope = await scopeFromProfile(
        io,
        { ...values, profile: values.profile },
        {
          sector: values.sector,
          group: values.group,
          ...(values.campaign ? { campaign: values.campaign } : {}),
        },
      );
      io.stdout(render(scope, language));
      return EXIT_OK;
    } catch (error) {
      if (!(error instanceof SwotFileError)) throw error;
      io.stderr(`veldwerk swot ${name}: ${values.profile}: ${error.message}\n`);
      return EXIT_USAGE;
    }
  }
  if (values.sector !== undefined || values.group !== undefined || values.campaign !== undefined)
    throw new UsageError('--sector, --group and --campaign go with --profile');
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0
        ? `name the FILE to ${name} (or - for standard input), or a --profile`
        : `expected one FILE, got ${positionals.length}`,
    );
  const source = positionals[0] as string;
  try {
    const output = render(parseScopeText(await readSource(source, io)), language);
    io.stdout(output);
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof SwotFileError)) throw error;
    io.stderr(`veldwerk swot ${name}: ${source === '-' ? 'standard input' : source}: ${error.message}\n`);
    return EXIT_USAGE;
  }
}

export const swotCommand: Command = {
  name: 'swot',
  summary:
    'Score a SWOT scope, or suggest groups and lemmas for it, from a JSON file or a profile (veldwerk swot score|suggest FILE | --profile DIR ...)',
  usage: USAGE,
  run: async (argv: string[], io: CliIo) => {
    const [subcommand, ...rest] = argv;
    if (subcommand === 'score') return score(rest, io);
    if (subcommand === 'suggest') return suggest(rest, io);
    throw new UsageError(
      subcommand === undefined ? 'name a subcommand: score or suggest' : `unknown subcommand "${subcommand}"`,
    );
  },
};
