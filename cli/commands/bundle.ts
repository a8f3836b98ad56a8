import path from 'node:path';
import { parseArgs } from 'node:util';
import { PASSPHRASE_USAGE, openCliProfile, passphraseOption, readDuoPassphrase } from '../profile';
import { isSealedSource, openSealedSource, sealSource, sealedWith } from '../../db/crypto/duo-file';
import { duoOpener, pairSealFor } from '../../services/duo/pair-seal';
import { writeBundle } from '../../db/store/bundle';
import { describeDuoSigner, importDuoSource, mayAddCampaignOf, signDuoSource } from '../../services/duo/duo-files';
import { openSignedSource } from '../../services/duo/signed-file';
import { loadOrCreateIdentity, shortFingerprint } from '../../services/lan/identity';
import { fileSource, writeSourceAtomically } from '../../db/store/byte-stream';
import { fileSpool } from '../../db/store/spool';
import { EXIT_OK, UsageError, type CliIo } from '../io';
import { campaignRows, resolveCampaign } from './campaign-names';
import type { Command } from './types';

const USAGE = `veldwerk bundle export --profile DIR --out FILE [--for PEER] [--campaign NAME]
veldwerk bundle inspect --profile DIR FILE
veldwerk bundle import --profile DIR FILE [--campaign NAME] [--allow-new-campaign] [--trust-signer FINGERPRINT]

  Exchange changes with a duo partner's laptop by file (USB stick), without network. The file is
  the app's duo file: signed with this laptop's key (the maker is named inside) and encrypted.
  export   writes the changes of this profile into FILE; with --for PEER (the node id that
           "import" printed on this laptop) only what that laptop does not have yet
  inspect  says who made FILE (member, laptop, fingerprint, date) and whether this laptop knows
           that maker, without importing anything
  import   merges a duo file; an unsigned, forged, damaged, truncated or foreign-campaign file
           changes nothing, and importing the same file twice changes nothing. The first file of
           a laptop is imported only with --trust-signer and the fingerprint that laptop shows
           (export prints it): compare it with the person first

  --profile DIR          profile folder (default: $VELDWERK_PROFILE or the desktop app's profile)
  --campaign NAME        export: only this campaign; import: refuse any other campaign. By id,
                         name or working year; a campaign this profile does not hold yet only
                         by id, with --allow-new-campaign
  --allow-new-campaign   import: accept a campaign this profile does not take part in yet
  --trust-signer FP      import: trust the maker's laptop with this fingerprint (64 hex digits)
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
    if (action !== 'export' && action !== 'import' && action !== 'inspect')
      throw new UsageError(`expected "export", "inspect" or "import", not ${JSON.stringify(action ?? '')}`);
    const { values, positionals } = parseArgs({
      args: rest,
      options: {
        profile: { type: 'string' },
        out: { type: 'string' },
        for: { type: 'string' },
        campaign: { type: 'string' },
        'allow-new-campaign': { type: 'boolean' },
        'trust-signer': { type: 'string' },
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
      if (values['allow-new-campaign'] || values['trust-signer'])
        throw new UsageError('--allow-new-campaign and --trust-signer are import options');
      const profile = await openCliProfile(io, values, open);
      try {
        // For a partner paired over the network (--for its node) no passphrase is needed: the file is
        // sealed with the pairing key the two laptops share (services/duo/pair-seal.ts).
        const seal =
          duoPassphrase !== null
            ? { passphrase: duoPassphrase }
            : values.for
              ? await pairSealFor(profile, values.for)
              : null;
        if (!seal)
          throw new UsageError(
            'a duo file is encrypted for the duo: give its passphrase with --duo-passphrase-stdin or VELDWERK_DUO_PASSPHRASE_FILE (or --for a partner this laptop is paired with)',
          );
        const campaign = values.campaign ? resolveCampaign(campaignRows(profile.store), values.campaign) : null;
        // Streamed from the log to the file (db/store/bundle-write.ts): a season or sixty-four.
        const written = await writeBundle(profile.store, await fileSpool(), {
          blobs: profile.blobs,
          ...(values.for ? { forPeer: values.for } : {}),
          ...(campaign ? { campaign } : {}),
        });
        const header = written.header;
        try {
          // Signed as this laptop (the same duo file as the app's), then encrypted; written to a
          // temporary name first, so a half-written file never carries the name.
          const signed = await signDuoSource(profile, written.source, header.campaigns);
          await writeSourceAtomically(path.resolve(values.out), await sealSource(signed, seal));
        } finally {
          await written.dispose();
        }
        const identity = await loadOrCreateIdentity(profile.dir);
        io.stdout(
          `Exported ${header.count} changes and ${header.blobs} document file(s) of ${header.campaigns.length} campaign(s) ` +
            `from node ${header.from} to ${path.resolve(values.out)}.\n` +
            `Signed by this laptop, fingerprint ${identity.fingerprint} (${shortFingerprint(identity.fingerprint)}).\n` +
            ('passphrase' in seal
              ? 'Encrypted with the duo passphrase.\n'
              : `Encrypted with the pairing key of laptop ${values.for}: only that laptop opens it.\n`),
        );
      } finally {
        profile.close();
      }
      return EXIT_OK;
    }
    if (positionals.length !== 1) throw new UsageError(`${action} needs exactly one duo FILE`);
    if (values.out || values.for) throw new UsageError('--out and --for are export options');
    const trustSigner = values['trust-signer']?.trim().toLowerCase() ?? null;
    if (trustSigner !== null && !/^[0-9a-f]{64}$/.test(trustSigner))
      throw new UsageError("--trust-signer takes the maker laptop's fingerprint: 64 hexadecimal digits");
    const file = fileSource(path.resolve(positionals[0] as string));
    const sealed = await isSealedSource(file);
    if (sealed && duoPassphrase === null && (await sealedWith(file)).kind === 'passphrase')
      throw new UsageError(
        'this duo file is encrypted: give its passphrase with --duo-passphrase-stdin or VELDWERK_DUO_PASSPHRASE_FILE',
      );
    const profile = await openCliProfile(io, values, open);
    try {
      const source = sealed ? await openSealedSource(file, await duoOpener(profile, duoPassphrase ?? undefined)) : file;
      // Who made it, shown before anything is imported (refuses an unsigned or forged file).
      const { header } = await openSignedSource(source);
      const shown = describeDuoSigner(profile, header);
      io.stdout(
        `Made by ${shown.maker.name ?? 'nobody chosen as "I am"'} on laptop ${shown.maker.node}, ${shown.maker.createdAt}\n` +
          `  fingerprint ${shown.maker.fingerprint} (${shown.maker.fingerprintShort})\n` +
          `  ${shown.trust === 'known' ? 'a laptop this profile knows' : shown.trust === 'new' ? 'a laptop this profile does not know yet' : 'a known laptop that now names other members'}\n`,
      );
      if (action === 'inspect') return EXIT_OK;
      if (shown.trust !== 'known' && trustSigner !== shown.maker.fingerprint)
        throw new Error(
          `Not imported: compare the fingerprint above with the one that laptop showed when it exported the file, ` +
            `then import again with --trust-signer ${shown.maker.fingerprint}`,
        );
      const wanted = values.campaign?.trim();
      // A campaign the profile does not hold yet has no name here: by id, and only when allowed explicitly.
      const campaign = wanted
        ? resolveCampaign(campaignRows(profile.store, values['allow-new-campaign'] ? [wanted] : []), wanted)
        : null;
      const result = await importDuoSource(profile, source, trustSigner, {
        blobs: profile.blobs,
        ...(campaign ? { campaign } : {}),
        ...(values['allow-new-campaign'] ? { allowNewCampaign: true } : {}),
        // As in the app: a new campaign whose team (in the file) has this profile's person may come in.
        ...(campaign || values['allow-new-campaign'] ? {} : { mayAddCampaign: mayAddCampaignOf(profile) }),
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
