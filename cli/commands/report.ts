import { UsageError, type CliIo } from '../io';
import { REPORT_EXPORT_USAGE, runReportExport } from './report-export';
import type { Command } from './types';

const USAGE = REPORT_EXPORT_USAGE;

/** `veldwerk report ...`: the subcommands live in their own modules (report-export.ts, ...). */
export const reportCommand: Command = {
  name: 'report',
  summary: 'Export a report (Word, Markdown, PDF) after the anonymisation check',
  usage: USAGE,
  run: async (argv: string[], io: CliIo) => {
    const [action, ...rest] = argv;
    if (action === 'export') return runReportExport(rest, io);
    throw new UsageError(`expected "export", not ${JSON.stringify(action ?? '')}`);
  },
};
