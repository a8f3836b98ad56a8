import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from '../support/profile';
import { median, round } from '../support/stats';

/**
 * Issue 13's table at several sizes of a season (`npm run bench -- --only scale --scale 1,4,16`;
 * without --scale: 1, and 1,4 with --full). Each size runs in its own processes
 * (tests/bench/_scale-one.ts), so a peak memory figure belongs to that step alone. Every row carries
 * its baseline measured in the same run (a raw better-sqlite3 bulk insert of the same rows, a raw
 * insert of the same note text, raw FTS5 on the same index) and, across sizes, its growth exponent:
 * the slope of log(time) over log(size), 0 for flat, 1 for linear.
 */
const run1 = promisify(execFile);
const child = path.join(import.meta.dirname, '_scale-one.ts');
const tsx = path.join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsx');

async function phase(name: string, dir: string, scale: number): Promise<Record<string, unknown>> {
  const { stdout } = await run1(tsx, [child, name, dir, String(scale)], { maxBuffer: 16 * 2 ** 20 });
  const line = stdout.trim().split('\n').at(-1) ?? '{}';
  return JSON.parse(line) as Record<string, unknown>;
}

/** The least-squares slope of log(y) over log(x): how a figure grows with the size. */
export function growthExponent(points: readonly { x: number; y: number }[]): number | null {
  const usable = points.filter((point) => point.x > 0 && point.y > 0);
  if (usable.length < 2) return null;
  const xs = usable.map((point) => Math.log(point.x));
  const ys = usable.map((point) => Math.log(point.y));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const sxx = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  if (sxx === 0) return null;
  const sxy = xs.reduce((sum, x, index) => sum + (x - mx) * (ys[index]! - my), 0);
  return round(sxy / sxx, 2);
}

interface SizeResult {
  readonly scale: number;
  readonly rows: Record<string, number>;
  readonly detail: Record<string, unknown>;
}

async function measureSize(scale: number, importRuns: number): Promise<SizeResult> {
  const work = tempDir(`veldwerk-bench-scale-${scale}-`);
  try {
    const prepared = (await phase('prepare', work.dir, scale)) as {
      changes: number;
      exportMs: number;
      exportPeakRssMiB: number;
      rawBulkInsertMedianMs: number;
    };
    const imports: { importMs: number; peakRssMiB: number }[] = [];
    for (let index = 0; index < importRuns; index += 1)
      imports.push((await phase('import', work.dir, scale)) as { importMs: number; peakRssMiB: number });
    const synced = (await phase('sync', work.dir, scale)) as { uploadMs: number; firstSyncMs: number };
    const screens = (await phase('screens', work.dir, scale)) as {
      syncStatusMedianMs: number;
      board: { medianMs: number };
      capture: { medianMs: number };
      autosave: { p50Ms: number; p99Ms: number; rawInsertP50Ms: number };
      search: { medianMs: number; rawFts5MedianMs: number };
    };
    const importMs = median(imports.map((entry) => entry.importMs));
    return {
      scale,
      rows: {
        changes: prepared.changes,
        duoExportMs: prepared.exportMs,
        duoExportPeakRssMiB: prepared.exportPeakRssMiB,
        duoImportMs: importMs,
        duoImportRatioVsRaw: round(importMs / prepared.rawBulkInsertMedianMs, 2),
        duoImportPeakRssMiB: Math.max(...imports.map((entry) => entry.peakRssMiB)),
        firstSyncMs: synced.firstSyncMs,
        firstSyncRatioVsRaw: round(synced.firstSyncMs / prepared.rawBulkInsertMedianMs, 2),
        uploadMs: synced.uploadMs,
        syncStatusMs: screens.syncStatusMedianMs,
        swotBoardMs: screens.board.medianMs,
        swotCaptureMs: screens.capture.medianMs,
        autosaveP50Ms: screens.autosave.p50Ms,
        autosaveP50RatioVsRaw: round(screens.autosave.p50Ms / screens.autosave.rawInsertP50Ms, 2),
        autosaveP99Ms: screens.autosave.p99Ms,
        searchMs: screens.search.medianMs,
        searchRatioVsRawFts5: round(screens.search.medianMs / screens.search.rawFts5MedianMs, 2),
      },
      detail: { prepared, imports, screens, synced },
    };
  } finally {
    work.remove();
  }
}

export async function run(options: { full: boolean; scale?: readonly number[] }): Promise<Record<string, unknown>> {
  const scales = options.scale?.length ? options.scale : options.full ? [1, 4] : [1];
  const sizes: SizeResult[] = [];
  for (const scale of scales) {
    process.stderr.write(`  scale ${scale}…\n`);
    sizes.push(await measureSize(scale, scale <= 4 ? 3 : 1));
  }
  const names = Object.keys(sizes[0]?.rows ?? {});
  const table = Object.fromEntries(
    names.map((name) => [
      name,
      {
        ...Object.fromEntries(sizes.map((size) => [`${size.scale}x`, size.rows[name]])),
        growthExponent: growthExponent(sizes.map((size) => ({ x: size.scale, y: size.rows[name] ?? 0 }))),
      },
    ]),
  );
  return {
    scales,
    goals: {
      duoImportRatioVsRaw: '≤ 2.5 at every size, flat',
      duoImportPeakRssMiB: '≤ 500',
      firstSyncRatioVsRaw: '≤ 3 (and ≤ 3 s at 1x), flat',
      autosaveP50RatioVsRaw: '≤ 2',
      autosaveP99Ms: '≤ 5 at 16x',
      swotBoardMs: '≤ 50 at 16x',
      swotCaptureMs: '≤ 10 at every size',
      searchRatioVsRawFts5: '≤ 2 at every size',
      syncStatusMs: 'flat (growth exponent about 0)',
    },
    table,
    detail: sizes.map((size) => ({ scale: size.scale, ...size.detail })),
  };
}
