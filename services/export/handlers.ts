import type { Profile } from '../../db/profile';
import type { exportChannels, ExportFormat, ReportExportResult } from '../../shared/contract/export';
import { exportLabels, translator } from '../../shared/export/labels';
import { reportPrintView } from '../../shared/export/html';
import { ServiceError } from '../errors';
import type { HandlersOf } from '../handler';
import { requireAuthor } from '../identity';
import type { JobRegistry } from '../jobs';
import { requireReport } from '../reports/reports';
import { decide, requireResolved, reviewExport, reword, undecide } from './review';
import { exportFileName, renderExport, writeFileAtomically, type PdfPrinter } from './write';

/** What only the desktop app can do for an export: ask where to save, and print to PDF. */
export interface ExportHost {
  /** Asks where to save; null when the user cancelled. */
  readonly chooseSavePath: (suggestedName: string, format: ExportFormat) => Promise<string | null>;
  readonly printPdf: PdfPrinter;
}

type ExportHandlers = HandlersOf<typeof exportChannels>;

export function createExportHandlers(profile: Profile, jobs: JobRegistry, host?: ExportHost): ExportHandlers {
  const store = profile.store;
  const authorFor = (reportId: string) => requireAuthor(profile, requireReport(store, reportId).campaign_id);
  return {
    'export.review': (input) => reviewExport(profile, { ...input, teamName: '-' }).review,
    'export.decide': (input) => ({ id: decide(profile, input, authorFor(input.reportId)) }),
    'export.undecide': (input) => ({ id: undecide(profile, input.reportId, input.key, authorFor(input.reportId)) }),
    'export.reword': (input) => {
      reword(profile, input, authorFor(input.reportId));
      return { sectionId: input.sectionId };
    },
    'export.printView': (input) => {
      const reviewed = reviewExport(profile, input);
      requireResolved(reviewed);
      return reportPrintView(reviewed.doc, exportLabels(translator(input.language)), input.language);
    },
    'export.start': (input) => {
      const reviewed = reviewExport(profile, input);
      requireResolved(reviewed);
      if (input.format === 'pdf' && !host) {
        throw new ServiceError(
          'CONFLICT',
          'PDF is printed by the desktop app; in the browser, open the print view and print it to PDF.',
        );
      }
      const fileName = exportFileName(reviewed.doc.title, input.format);
      const jobId = jobs.start<ReportExportResult>(
        'reportExport',
        async (progress) => {
          // Where to save is asked first (as a Save As does): a cancel renders nothing.
          const target =
            input.destination === 'dialog' && host ? await host.chooseSavePath(fileName, input.format) : null;
          const base = { format: input.format, fileName };
          if (input.destination === 'dialog' && host && !target)
            return { ...base, bytes: 0, fontFallback: null, path: null, base64: null, cancelled: true };
          progress('render', 0, 2);
          const rendered = await renderExport(
            input.format,
            reviewed.doc,
            exportLabels(translator(input.language)),
            input.language,
            host?.printPdf,
          );
          progress('save', 1, 2);
          const result = { ...base, bytes: rendered.bytes.byteLength, fontFallback: rendered.fontFallback };
          if (target) {
            writeFileAtomically(target, rendered.bytes);
            progress('done', 2, 2);
            return { ...result, path: target, base64: null, cancelled: false };
          }
          progress('done', 2, 2);
          return { ...result, path: null, base64: Buffer.from(rendered.bytes).toString('base64'), cancelled: false };
        },
        (error) => ({
          message: error instanceof Error ? error.message : String(error),
          code: error instanceof ServiceError ? error.code : null,
        }),
      );
      return { jobId };
    },
    'jobs.reportExport': ({ jobId }) => {
      const job = jobs.get<ReportExportResult>(jobId, 'reportExport');
      if (!job) throw new ServiceError('NOT_FOUND', `No export job ${jobId}`);
      return job;
    },
  };
}
