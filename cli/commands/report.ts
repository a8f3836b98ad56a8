import { parseArgs } from 'node:util';
import { PASSPHRASE_USAGE, openCliProfile, passphraseOption } from '../profile';
import { resolveBlocks } from '../../services/reports/blocks';
import { listReports, listSections, reportDetail } from '../../services/reports/reports';
import type { ResolvedBlock } from '../../shared/contract/reports';
import { catalogs, isLanguage, type Language } from '../../shared/i18n';
import { blocksOf } from '../../shared/report/blocks';
import { sectionJson, sectionText } from '../../shared/report/document';
import { reportMarkdown } from '../../shared/export/markdown';
import { exportLabels, translator } from '../../shared/export/labels';
import { loadExport } from '../../services/export/load';
import { blockKey } from '../../shared/report/model';
import { EXIT_OK, UsageError, type CliIo } from '../io';
import { REPORT_EXPORT_USAGE, runReportExport } from './report-export';
import type { Command } from './types';

const USAGE = `veldwerk report list --profile DIR [--campaign C]

  Lists the reports of the profile's campaigns: id, kind, scope, status, pen holder, sections
  and the last edit.

veldwerk report show --profile DIR --report ID [--format md|json] [--lang nl-BE|en]

  Prints a report with its live blocks resolved from the records (a final report: the values
  frozen when it was finalised). ID is the report's id or an unambiguous start of it.
  --format md (default) prints Markdown; json prints the report, each section's document
  (ProseMirror JSON), its plain text and the resolved value of each block by block key.

  Exit codes: 0 done; 1 the profile or report cannot be read; 2 bad arguments.
${PASSPHRASE_USAGE}

${REPORT_EXPORT_USAGE}`;

function languageOf(value: string | undefined): Language {
  if (value === undefined) return 'nl-BE';
  if (!isLanguage(value)) throw new UsageError(`--lang must be nl-BE or en, not "${value}"`);
  return value;
}

async function list(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { profile: { type: 'string' }, campaign: { type: 'string' }, ...passphraseOption },
    strict: true,
    allowPositionals: false,
  });
  if (!values.profile) throw new UsageError('--profile DIR is required');
  const profile = await openCliProfile(io, values);
  try {
    const campaigns = profile.store
      .list('campaigns', {})
      .filter((campaign) => !values.campaign || campaign.id === values.campaign || campaign.name === values.campaign);
    if (values.campaign && campaigns.length === 0) throw new Error(`No campaign "${values.campaign}" in this profile.`);
    const lines: string[] = [];
    for (const campaign of campaigns) {
      const reports = listReports(profile.store, campaign.id);
      lines.push(
        `${campaign.name ?? campaign.id} (${campaign.id}): ${reports.length} ${reports.length === 1 ? 'report' : 'reports'}`,
      );
      for (const report of reports) {
        const scope = report.scopeName ? ` ${report.scopeName}` : '';
        const edit = report.lastEditAt
          ? `, last edit ${report.lastEditAt.slice(0, 16).replace('T', ' ')} by ${report.lastEditByName ?? report.lastEditBy ?? '?'}`
          : '';
        lines.push(
          `  ${report.id}  ${report.kind}${scope}  "${report.title}"  ${report.status}  pen holder: ${report.penHolderName ?? '—'}  ${report.sectionCount} ${report.sectionCount === 1 ? 'section' : 'sections'}${edit}`,
        );
      }
    }
    io.stdout(`${lines.join('\n')}\n`);
    return EXIT_OK;
  } finally {
    profile.close();
  }
}

async function show(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      profile: { type: 'string' },
      report: { type: 'string' },
      format: { type: 'string' },
      lang: { type: 'string' },
      ...passphraseOption,
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.profile) throw new UsageError('--profile DIR is required');
  if (!values.report) throw new UsageError('--report ID is required');
  const format = values.format ?? 'md';
  if (format !== 'md' && format !== 'json') throw new UsageError(`--format must be md or json, not "${format}"`);
  const language = languageOf(values.lang);
  const profile = await openCliProfile(io, values);
  try {
    const store = profile.store;
    const wanted = values.report;
    const candidates = store
      .list('reports', {})
      .filter((report) => report.id === wanted || report.id.startsWith(wanted));
    const report =
      candidates.find((candidate) => candidate.id === wanted) ?? (candidates.length === 1 ? candidates[0] : undefined);
    if (!report)
      throw new Error(
        candidates.length > 1
          ? `"${wanted}" starts more than one report id: ${candidates.map((row) => row.id).join(', ')}`
          : `No report "${wanted}" in this profile (veldwerk report list shows them).`,
      );
    const detail = reportDetail(profile, report.id);
    if (format === 'json') {
      const sections = listSections(store, report.id).map((section) => {
        const state = store.textState('report_sections', section.id, 'body');
        return { id: section.id, title: section.title ?? '', content: sectionJson(state), text: sectionText(state) };
      });
      const blocks = sections.flatMap((section) => blocksOf(section.content));
      const resolved = resolveBlocks(store, report.campaign_id, report.id, blocks, language);
      const byKey = new Map<string, ResolvedBlock>();
      blocks.forEach((block, index) => byKey.set(blockKey(block), resolved[index] as ResolvedBlock));
      io.stdout(
        `${JSON.stringify({ report: detail.report, frozen: detail.frozen, sections, blocks: Object.fromEntries(byKey) }, null, 2)}\n`,
      );
    } else {
      // The one Markdown writer, over the export model (live values; a final report's frozen ones).
      const loaded = loadExport(profile, {
        reportId: report.id,
        values: report.status === 'final' ? 'frozen' : 'live',
        sectionIds: null,
        language,
        teamName: '',
      });
      const text = catalogs[language].reportText;
      const labels = exportLabels(translator(language));
      const front = [
        `${text.status}: ${detail.report.status}${detail.report.penHolderName ? ` · ${text.penHolder}: ${detail.report.penHolderName}` : ''}`,
        ...(detail.frozen ? ['', `*${text.frozenNote}*`] : []),
      ];
      io.stdout(reportMarkdown(loaded.doc, labels, front));
    }
    return EXIT_OK;
  } finally {
    profile.close();
  }
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'list the reports of a profile, print one with its live blocks resolved, or export it (docx, md, pdf)',
  usage: USAGE,
  run: async (argv, io) => {
    const [sub, ...rest] = argv;
    if (sub === 'list') return list(rest, io);
    if (sub === 'show') return show(rest, io);
    if (sub === 'export') return runReportExport(rest, io);
    throw new UsageError(
      sub === undefined
        ? 'name a subcommand: list, show or export'
        : `unknown subcommand "${sub}" (list, show or export)`,
    );
  },
};
