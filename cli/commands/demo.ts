import { parseArgs } from 'node:util';
import { PASSPHRASE_USAGE, openCliProfile, passphraseOption } from '../profile';
import { generateDemo, type DemoSize } from '../../db/demo/demo';
import { EXIT_OK, UsageError, type CliIo } from '../io';
import type { Command } from './types';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Fill a profile with a realistic synthetic campaign (for trying the app and for benchmarks)',
  usage: `veldwerk demo --profile DIR [--size small|season] [--scale N] [--seed N]

  --profile DIR   profile folder (default: $VELDWERK_PROFILE or the desktop app's profile)
  --size S        small (3 visits) or season (25 organisations, 25 visits, ~80 conversations,
                  ~3,000 SWOT items, notes of ~5,000 pages); default small
  --scale N       N times the organisations of the size (and so visits, items, notes); default 1
  --seed N        the same seed gives the same content (default 2015)
${PASSPHRASE_USAGE}`,
  run: async (argv: string[], io: CliIo) => {
    const { values } = parseArgs({
      args: argv,
      options: {
        profile: { type: 'string' },
        size: { type: 'string' },
        seed: { type: 'string' },
        scale: { type: 'string' },
        ...passphraseOption,
      },
      strict: true,
      allowPositionals: false,
    });
    const size = values.size ?? 'small';
    if (size !== 'small' && size !== 'season') throw new UsageError(`--size must be small or season, not "${size}"`);
    const seed = values.seed === undefined ? 2015 : Number(values.seed);
    if (!Number.isSafeInteger(seed) || seed < 0)
      throw new UsageError(`--seed must be a whole number, not "${values.seed}"`);
    const scale = values.scale === undefined ? 1 : Number(values.scale);
    if (!Number.isSafeInteger(scale) || scale < 1 || scale > 64)
      throw new UsageError(`--scale must be a whole number from 1 to 64, not "${values.scale}"`);
    const profile = await openCliProfile(io, values);
    try {
      const started = Date.now();
      const summary = generateDemo(profile.store, { size: size as DemoSize, seed, scale });
      io.stdout(
        `Demo campaign ${summary.campaignId} written to ${profile.dir} in ${((Date.now() - started) / 1000).toFixed(1)} s:\n` +
          `  ${summary.organisations} organisations, ${summary.visits} visits, ${summary.conversations} conversations,\n` +
          `  ${summary.swotItems} SWOT items, ${summary.lemmas} lemmas, ${summary.notes} notes ` +
          `(${Math.round(summary.noteCharacters / 1800)} pages of 1,800 characters)\n`,
      );
    } finally {
      profile.close();
    }
    return EXIT_OK;
  },
};
