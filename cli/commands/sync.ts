import { parseArgs } from 'node:util';
import { PASSPHRASE_USAGE, openCliProfile, passphraseOption } from '../profile';
import { syncBlobs } from '../../services/sync/client/blobs';
import { SyncEngine, SyncRoundError } from '../../services/sync/client/engine';
import { SyncHttpClient } from '../../services/sync/client/http';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from '../io';
import { campaignRows, resolveCampaign } from './campaign-names';
import type { Command } from './types';

export const syncCommand: Command = {
  name: 'sync',
  summary: "Sync a profile with the central server once: push local changes, pull everyone else's",
  usage: `veldwerk sync --server URL (--token TOKEN | --email EMAIL) [--profile DIR] [--campaign NAME ...]

  --server URL     the sync server, e.g. http://127.0.0.1:8787
  --token TOKEN    an access token (default: $VELDWERK_TOKEN)
  --email EMAIL    log in instead; the password is read from standard input (first line)
  --profile DIR    profile folder (default: $VELDWERK_PROFILE or the desktop app's profile)
  --campaign NAME  only this campaign, by id, name or working year (repeatable; default: every
                   campaign you are a member of)
${PASSPHRASE_USAGE}`,
  run: async (argv: string[], io: CliIo) => {
    const { values } = parseArgs({
      args: argv,
      options: {
        server: { type: 'string' },
        token: { type: 'string' },
        email: { type: 'string' },
        profile: { type: 'string' },
        campaign: { type: 'string', multiple: true },
        ...passphraseOption,
      },
      strict: true,
      allowPositionals: false,
    });
    if (!values.server) throw new UsageError('--server URL is required');
    const token = values.token ?? io.env.VELDWERK_TOKEN;
    if (!token && !values.email)
      throw new UsageError('Give --token (or VELDWERK_TOKEN), or --email with the password on standard input');
    const client = new SyncHttpClient({
      baseUrl: values.server,
      credentials: { accessToken: token ?? null, refreshToken: null },
    });
    // With --passphrase-stdin the profile's passphrase is the first line and the password the second.
    const stdinLines = !token && values.email ? (await io.readStdin()).split(/\r?\n/) : undefined;
    if (stdinLines && values.email) {
      const password = stdinLines[values['passphrase-stdin'] ? 1 : 0] ?? '';
      await client.login(values.email.trim().toLowerCase(), password);
    }
    const profile = await openCliProfile(io, values, {
      ...(stdinLines ? { stdinLines } : {}),
    });
    try {
      // Campaigns by id, name or working year: the profile's, and the server's memberships (a first sync).
      let campaigns: string[] | null = null;
      if (values.campaign) {
        const rows = campaignRows(
          profile.store,
          (await client.me()).memberships.map((entry) => entry.campaign),
        );
        campaigns = [...new Set(values.campaign.map((wanted) => resolveCampaign(rows, wanted)))];
      }
      const engine = new SyncEngine({
        replica: profile.store,
        client,
        ...(campaigns ? { campaigns } : {}),
      });
      let lastLine = '';
      engine.onStatus((status) => {
        if (status.state !== 'syncing' || !status.progress) return;
        const { phase, campaign, done, total } = status.progress;
        const line = `${phase === 'push' ? 'pushed' : 'pulled'} ${done}${total !== null ? ` of ${total}` : ''} changes of ${campaign}`;
        if (line !== lastLine) io.stderr(`${line}\n`);
        lastLine = line;
      });
      try {
        const report = await engine.syncOnce();
        io.stdout(
          `Synced ${report.campaigns.length} campaign(s) with ${client.baseUrl}: sent ${report.pushed} change(s), received ${report.pulled}` +
            `${report.duplicates ? `, ${report.duplicates} already on the server` : ''}${report.held ? `, ${report.held} held for the coordinator (visit already approved)` : ''}.\n`,
        );
        for (const refused of report.refused) io.stdout(`  not applied on the server: ${refused.reason}\n`);
        if (report.setAside > 0)
          io.stdout(
            `  ${report.setAside} received change(s) could not be applied on this laptop and were set aside.\n`,
          );
        const files = await syncBlobs(
          profile.store,
          profile.blobs,
          client,
          (await client.me()).serverId,
          report.campaigns,
        );
        io.stdout(
          `Documents: ${files.uploaded} file(s) sent, ${files.downloaded} received${files.missing.length ? `, ${files.missing.length} not uploaded by anyone yet` : ''}.\n`,
        );
        return EXIT_OK;
      } catch (error) {
        if (error instanceof SyncRoundError) {
          // The other campaigns synced all the same: say what did, then what did not.
          const report = error.report;
          io.stdout(
            `Synced ${report.campaigns.length} campaign(s) with ${client.baseUrl}: sent ${report.pushed} change(s), received ${report.pulled}.\n`,
          );
          for (const problem of report.problems)
            io.stderr(
              `veldwerk sync: ${problem.campaign ? `${problem.campaign} (${problem.phase}): ` : ''}${problem.message} [${problem.code}]\n`,
            );
          return EXIT_FAILURE;
        }
        const status = engine.status;
        io.stderr(
          `veldwerk sync: ${status.state === 'offline' || status.state === 'error' ? status.reason : error instanceof Error ? error.message : String(error)}\n`,
        );
        return EXIT_FAILURE;
      }
    } finally {
      profile.close();
    }
  },
};
