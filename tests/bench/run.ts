// `npm run bench [-- --full] [-- --only NAME] [-- --scale 1,4,16]`: runs every benchmark module in this folder and prints
// one JSON document. Each module exports `run({ full })` and reports medians and ratios measured in
// the same run; nothing here asserts a time (the machines are small and noisy).
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

interface BenchModule {
  run(options: { full: boolean; scale?: readonly number[] }): Promise<Record<string, unknown>>;
}

const { values } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    only: { type: 'string', multiple: true },
    // Sizes of a season for the scale benchmark (tests/bench/scale.ts), e.g. 1,4,16.
    scale: { type: 'string' },
  },
  strict: true,
});
const scale = values.scale?.split(',').map((part) => {
  const factor = Number(part.trim());
  if (!Number.isInteger(factor) || factor < 1)
    throw new Error(`--scale takes whole numbers of at least 1, not "${part}"`);
  return factor;
});
const here = import.meta.dirname;
const names = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts' && !file.endsWith('.test.ts') && !file.startsWith('_'))
  .map((file) => file.replace(/\.ts$/, ''))
  .filter((name) => !values.only || values.only.includes(name))
  .sort();

const results: Record<string, unknown> = {};
for (const name of names) {
  const started = Date.now();
  process.stderr.write(`bench ${name}…\n`);
  try {
    const module = (await import(pathToFileURL(path.join(here, `${name}.ts`)).href)) as BenchModule;
    results[name] = {
      ...(await module.run({ full: values.full ?? false, ...(scale ? { scale } : {}) })),
      wallSeconds: (Date.now() - started) / 1000,
    };
  } catch (error) {
    results[name] = { error: error instanceof Error ? error.message : String(error) };
    process.exitCode = 1;
  }
}

const report = {
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  },
  full: values.full ?? false,
  results,
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
