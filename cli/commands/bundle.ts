import path from 'node:path';
import { parseArgs } from 'node:util';
import { PASSPHRASE_USAGE, openCliProfile, passphraseOption, readDuoPassphrase } from '../profile';
import { isSealedSource, openSealedSource, sealSource } from '../../db/crypto/duo-file';
import { importBundleSource, writeBundle } from '../../db/store/bundle';
import { fileSource, writeSourceAtomically } from '../../db/store/byte-stream';
import { fileSpool } from '../../db/store/spool';
import { EXIT_OK, UsageError, type CliIo } from '../io';
import { campaignRows, resolveCampaign } from './campaign-names';
import type { Command } from './types';

const USAGE = `veldwerk bundle export --profile DIR --out FILE [--for PEER] [--campaign NAME]
veldwerk bundle import --profile DIR FILE [--campaign NAME] [--allow-new-campaign]

  Exchange changes with a duo partner's laptop by file (USB stick), without network.
  export   writes the changes of this profile into FILE; with --for PEER (the node id that
           "import" printed on this laptop) only what that laptop does not have yet
  import   merges a bundle; a damaged, truncated or foreign-campaign bundle changes nothing,
           and importing the same bundle twice changes nothing

  --profile DIR          profile folder (default: $VELDWERK_PROFILE or the desktop app's profile)
  --campaign NAME        export: only this campaign; import: refuse any other campaign. By id,
                         name or working year; a campaign this profile does not hold yet only
                         by id, with --allow-new-campaign
  --allow-new-campaign   import: accept a campaign this profile does not take part in yet
${PASSPHRASE_USAGE}
  --duo-passphrase-stdin  read the duo file's passphrase from standard input (the line after the
                          profile's passphrase), or name a file holding it in $VELDWERK_DUO_PASSPHRASE_FILE.
                          export encrypts the file under it (required); import needs it for an encrypted file`;

export const bundleCommand: Command = {
  name: 'bundle',
  summary: 'Export or import a bundle of changes for the duo partner (no network needed)',
  usage: USAGE,
  run: async (argv: string[], io: CliIo) => {
    const [action, ...rest] = argv;
    if (action !== 'export' && action !== 'import')
      throw new UsageError(`expected "export" or "import", not ${JSON.stringify(action ?? '')}`);
    const { values, positionals } = parseArgs({
      args: rest,
      options: {
        profile: { type: 'string' },
        out: { type: 'string' },
        for: { type: 'string' },
        campaign: { type: 'string' },
        'allow-new-campaign': { type: 'boolean' },
        ...passphraseOption,
        'duo-passphrase-stdin': { type: 'boolean' },
      },
      strict: true,
      allowPositionals: true,
    });
    const stdinLines =
      values['passphrase-stdin'] || values['duo-passphrase-stdin'] ? (await io.readStdin()).split(/\r?\n/) : undefined;
    const duoPassphrase = await readDuoPassphrase(io, values, stdinLines);
    const open = { ...(stdinLines ? { stdinLines } : {}) };
    if (action === 'export') {
      if (!values.out) throw new UsageError('export needs --out FILE');
      if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
      if (values['allow-new-campaign']) throw new UsageError('--allow-new-campaign is an import option');
      if (duoPassphrase === null)
        throw new UsageError(
          'a duo file is encrypted for the duo: give its passphrase with --duo-passphrase-stdin or VELDWERK_DUO_PASSPHRASE_FILE',
        );
      const profile = await openCliProfile(io, values, open);
      try {
        const campaign = values.campaign ? resolveCampaign(campaignRows(profile.store), values.campaign) : null;
        // Streamed from the log to the file (db/store/bundle-write.ts): a season or sixty-four.
        const written = await writeBundle(profile.store, await fileSpool(), {
          blobs: profile.blobs,
          ...(values.for ? { forPeer: values.for } : {}),
          ...(campaign ? { campaign } : {}),
        });
        const header = written.header;
        try {
          // Written to a temporary name first, so a half-written file never carries the name.
          await writeSourceAtomically(path.resolve(values.out), await sealSource(written.source, duoPassphrase));
        } finally {
          await written.dispose();
        }
        io.stdout(
          `Exported ${header.count} changes and ${header.blobs} document file(s) of ${header.campaigns.length} campaign(s) ` +
            `from node ${header.from} to ${path.resolve(values.out)}.\n`,
        );
      } finally {
        profile.close();
      }
      return EXIT_OK;
    }
    if (positionals.length !== 1) throw new UsageError('import needs exactly one bundle FILE');
    if (values.out || values.for) throw new UsageError('--out and --for are export options');
    const file = fileSource(path.resolve(positionals[0] as string));
    const sealed = await isSealedSource(file);
    if (sealed && duoPassphrase === null)
      throw new UsageError(
        'this duo file is encrypted: give its passphrase with --duo-passphrase-stdin or VELDWERK_DUO_PASSPHRASE_FILE',
      );
    const source = sealed ? await openSealedSource(file, duoPassphrase ?? '') : file;
    const profile = await openCliProfile(io, values, open);
    try {
      const wanted = values.campaign?.trim();
      // A campaign the profile does not hold yet has no name here: by id, and only when allowed explicitly.
      const campaign = wanted
        ? resolveCampaign(campaignRows(profile.store, values['allow-new-campaign'] ? [wanted] : []), wanted)
        : null;
      const result = await importBundleSource(profile.store, source, {
        blobs: profile.blobs,
        ...(campaign ? { campaign } : {}),
        ...(values['allow-new-campaign'] ? { allowNewCampaign: true } : {}),
      });
      io.stdout(
        `Imported a bundle from node ${result.from}: ${result.applied} new changes, ${result.duplicates} already present, ` +
          `${result.deferred} kept for a newer Veldwerk, ${result.conflicts} new conflicts to review, ${result.blobs} document file(s).\n` +
          `To send back only what that laptop lacks: veldwerk bundle export --for ${result.from} --out FILE\n`,
      );
    } finally {
      profile.close();
    }
    return EXIT_OK;
  },
};
