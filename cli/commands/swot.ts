import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isLanguage, type Language } from '../../shared/i18n';
import { SwotInputError, scoreSwot, swotScopeSchema, type SwotScope, type SwotScoreResult } from '../../shared/swot/score';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from '../io';
import { JsonSyntaxError, describeSchemaIssues, parseJsonText } from './swot-input';
import type { Command } from './types';

const USAGE = `veldwerk swot score FILE [--lang nl-BE|en]

  Scores a SWOT scope exactly as the team's method prescribes and prints the result as JSON.
  FILE is a JSON file, or - to read it from standard input:
    {"group": "...", "conversations": ["c1", ...],
     "items": [{"id": "...", "conversation": "c1",
                "quadrant": "strengths|weaknesses|opportunities|threats",
                "text": "...", "lemma": "name or null"}]}

  --lang L   language of the "display" field: nl-BE (default, 6,3) or en (6.3)

  Exit codes: 0 scored; 2 bad arguments or bad input (the reason on stderr, nothing on stdout).`;

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
  if (!parsed.success) throw new SwotFileError(`the input does not have the expected shape:\n${describeSchemaIssues(parsed.error, data)}`);
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

async function readSource(source: string, io: CliIo): Promise<string> {
  if (source === '-') return io.readStdin();
  try {
    return await readFile(source, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error);
    throw new SwotFileError(`cannot read the file: ${reason}`);
  }
}

async function score(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { lang: { type: 'string' } }, strict: true, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'name the FILE to score (or - for standard input)' : `expected one FILE, got ${positionals.length}`);
  const language = values.lang ?? 'nl-BE';
  if (!isLanguage(language)) throw new UsageError(`--lang must be nl-BE or en, not "${language}"`);
  const source = positionals[0] as string;
  try {
    const output = renderScore(parseScopeText(await readSource(source, io)), language);
    io.stdout(output);
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof SwotFileError)) throw error;
    io.stderr(`veldwerk swot score: ${source === '-' ? 'standard input' : source}: ${error.message}\n`);
    return EXIT_USAGE;
  }
}

export const swotCommand: Command = {
  name: 'swot',
  summary: 'Score a SWOT scope from a JSON file (veldwerk swot score FILE)',
  usage: USAGE,
  run: async (argv: string[], io: CliIo) => {
    const [subcommand, ...rest] = argv;
    if (subcommand === 'score') return score(rest, io);
    throw new UsageError(subcommand === undefined ? 'name a subcommand: score' : `unknown subcommand "${subcommand}"`);
  },
};
