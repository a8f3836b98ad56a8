import path from 'node:path';
import { parseArgs } from 'node:util';
import { PASSPHRASE_USAGE, openCliProfile, passphraseOption } from '../profile';
import { EXPORT_FORMATS, MAX_K, MIN_K, anonymityKSchema, type ExportFormat } from '../../shared/contract/export';
import { DEFAULT_K } from '../../shared/anonymise/check';
import { exportLabels, translator } from '../../shared/export/labels';
import { isLanguage } from '../../shared/i18n';
import { chromiumPath, chromiumPrinter } from '../../services/export/chromium-pdf';
import { requireResolved, reviewExport } from '../../services/export/review';
import { renderExport, writeFileAtomically } from '../../services/export/write';
import { ServiceError } from '../../services/errors';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from '../io';

export const REPORT_EXPORT_USAGE = `veldwerk report export --profile DIR --report ID --format docx|md|pdf --out FILE
                       [--values live|frozen] [--sections ID,ID] [--team NAME] [--lang nl-BE|en] [--k N]

  Exports a report after the anonymisation check: refused (exit 1, the hits on stderr) while a
  hit is neither replaced, reworded nor allowed (decide them in the app's export dialog).
  The file is written to a temporary file beside FILE and renamed, so a failure never leaves a
  half-written FILE.

  --format F    docx (Word), md (Markdown) or pdf (needs a Chromium: $VELDWERK_CHROMIUM or /usr/bin/chromium)
  --values V    live (default; marked "concept") or frozen (a final report's values)
  --sections    only these section ids, comma separated (default: all)
  --team NAME   the team's name on the title page and in the document properties (default: "Inspectieteam")
  --k N         small cells: a figure for fewer than N organisations is a hit (default 3)
${PASSPHRASE_USAGE}`;

/** `veldwerk report export`: exit 0 written, 1 refused or failed, 2 bad arguments. */
export async function runReportExport(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      profile: { type: 'string' },
      report: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      values: { type: 'string' },
      sections: { type: 'string' },
      team: { type: 'string' },
      lang: { type: 'string' },
      k: { type: 'string' },
      ...passphraseOption,
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  if (!values.report) throw new UsageError('export needs --report ID (veldwerk report list shows them)');
  if (!values.out) throw new UsageError('export needs --out FILE');
  const format = values.format ?? 'docx';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be docx, md or pdf, not ${JSON.stringify(format)}`);
  const valueChoice = values.values ?? 'live';
  if (valueChoice !== 'live' && valueChoice !== 'frozen') throw new UsageError('--values must be live or frozen');
  const language = values.lang ?? 'nl-BE';
  if (!isLanguage(language)) throw new UsageError('--lang must be nl-BE or en');
  // The same schema as the export dialog and the services (shared/contract/export.ts).
  const k = anonymityKSchema.safeParse(values.k === undefined ? DEFAULT_K : Number(values.k));
  if (!k.success) throw new UsageError(`--k must be a whole number from ${MIN_K} to ${MAX_K}`);
  const out = path.resolve(values.out);
  let printer: Awaited<ReturnType<typeof chromiumPrinter>> = null;
  if (format === 'pdf') {
    printer = await chromiumPrinter();
    if (!printer) {
      io.stderr(
        chromiumPath()
          ? 'PDF export needs playwright-core to drive Chromium, and it is not installed here. Export docx or md instead.\n'
          : 'PDF export needs a Chromium: none at $VELDWERK_CHROMIUM or /usr/bin/chromium. Install one (apt-get install chromium) or export docx or md instead.\n',
      );
      return EXIT_FAILURE;
    }
  }
  const profile = await openCliProfile(io, values);
  try {
    const reviewed = reviewExport(profile, {
      reportId: values.report,
      values: valueChoice,
      sectionIds: values.sections
        ? values.sections
            .split(',')
            .map((id) => id.trim())
            .filter(Boolean)
        : null,
      language,
      teamName: values.team ?? 'Inspectieteam',
      k: k.data,
    });
    try {
      requireResolved(reviewed);
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      io.stderr(`${error.message}\n`);
      for (const hit of reviewed.unresolved)
        io.stderr(`  ${hit.kind}\t${hit.where}\t${hit.context.before}[${hit.text}]${hit.context.after}\n`);
      return EXIT_FAILURE;
    }
    const rendered = await renderExport(
      format as ExportFormat,
      reviewed.doc,
      exportLabels(translator(language)),
      language,
      printer?.printer,
    );
    writeFileAtomically(out, rendered.bytes);
    if (rendered.fontFallback)
      io.stderr(
        `The font ${rendered.fontFallback.missing} is not installed; the PDF is set in ${rendered.fontFallback.used} instead.\n`,
      );
    io.stdout(
      `Exported ${reviewed.doc.title} (${format}, ${rendered.bytes.byteLength} bytes, ${reviewed.review.hits.length} hit(s) decided) to ${out}.\n`,
    );
    return EXIT_OK;
  } catch (error) {
    if (error instanceof ServiceError) {
      io.stderr(`${error.message}\n`);
      return EXIT_FAILURE;
    }
    throw error;
  } finally {
    profile.close();
    await printer?.close();
  }
}
