import { parseArgs } from 'node:util';
import { ROW_ID_PATTERN } from '../../shared/sync/change';
import { hashPassword, WeakPasswordError } from '../../server/auth/passwords';
import { openServerStore } from '../../server/store/open';
import { findCampaign, findRegion, findSector, NameNotFoundError } from '../../server/named';
import { ROLES, type Role, type ServerStore } from '../../server/store/store';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from '../io';
import type { Command } from './types';

const USAGE = `veldwerk admin <action> (--data DIR | --database-url URL) [options]

Manages the sync server's accounts directly in its store (run it where the server's data lives).

  create-admin     --email E --password-stdin          the first administrator (no default password exists)
  create-campaign  --id ID --name NAME
  add-member       --campaign C --email E --role inspector|region-coordinator|sector-lead|team-lead
                   [--region REGION (region-coordinator)] [--sector SECTOR (sector-lead)]
                   creates the account if needed; give it a password with set-password
  revoke           --email E [--campaign C [--role ROLE]] [--sessions-only]
  set-password     --email E --password-stdin          reads the password from stdin (first line)
                   with --campaign: removes the member's roles there (all, or one role);
                   without: disables the account and ends its sessions (--sessions-only: only ends sessions)
  A campaign is named by its id or its name, a region by its id or name (e.g. Limburg), a sector
  by its id, code or name (e.g. IC); case and accents do not matter. Regions and sectors are
  those the campaign's laptops synced to the server. Unknown names are refused with the choices.
  (--database-url defaults to $DATABASE_URL)`;

const EMAIL = /^[^\s@]{1,200}@[^\s@]{1,100}$/;

function requireValue(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${flag} is required`);
  return value.trim();
}

function email(value: string | undefined): string {
  const normalised = requireValue(value, '--email').toLowerCase();
  if (!EMAIL.test(normalised)) throw new UsageError(`Not an email address: "${normalised}"`);
  return normalised;
}

function campaignId(value: string | undefined, flag: string): string {
  const id = requireValue(value, flag);
  if (!ROW_ID_PATTERN.test(id))
    throw new UsageError(`${flag} may hold only letters, digits and . _ : - (at most 200), not "${id}"`);
  return id;
}

async function passwordFromStdin(io: CliIo, enabled: boolean | undefined): Promise<string> {
  if (!enabled)
    throw new UsageError(
      'Pass --password-stdin and give the password on standard input (e.g. from a password manager); passwords are never command-line arguments.',
    );
  const line = (await io.readStdin()).split(/\r?\n/)[0] ?? '';
  try {
    return await hashPassword(line);
  } catch (error) {
    if (error instanceof WeakPasswordError) throw new UsageError(error.message);
    throw error;
  }
}

async function userOrFail(store: ServerStore, address: string) {
  const user = await store.findUserByEmail(address);
  if (!user) throw new UsageError(`No account with email ${address}`);
  return user;
}

export const adminCommand: Command = {
  name: 'admin',
  summary: 'Manage the sync server: first admin, campaigns, members, passwords, revocation',
  usage: USAGE,
  run: async (argv: string[], io: CliIo) => {
    const [action, ...rest] = argv;
    const { values } = parseArgs({
      args: rest,
      options: {
        data: { type: 'string' },
        'database-url': { type: 'string' },
        email: { type: 'string' },
        id: { type: 'string' },
        name: { type: 'string' },
        campaign: { type: 'string' },
        role: { type: 'string' },
        region: { type: 'string' },
        sector: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        'sessions-only': { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    });
    const actions = ['create-admin', 'create-campaign', 'add-member', 'set-password', 'revoke'];
    if (action === undefined || !actions.includes(action))
      throw new UsageError(`Name an action: ${actions.join(', ')}`);
    const databaseUrl = values['database-url'] ?? io.env.DATABASE_URL;
    if (!databaseUrl && !values.data)
      throw new UsageError(
        "Name the server's data folder (--data DIR) or its PostgreSQL database (--database-url URL).",
      );
    // Read and check everything the user typed before touching the store.
    let hash: string | null = null;
    if (action === 'create-admin' || action === 'set-password')
      hash = await passwordFromStdin(io, values['password-stdin']);
    const store = await openServerStore({
      ...(databaseUrl ? { databaseUrl } : {}),
      ...(values.data ? { dataDir: values.data } : {}),
    });
    try {
      switch (action) {
        case 'create-admin': {
          const address = email(values.email);
          const existing = await store.findUserByEmail(address);
          if (existing) {
            io.stderr(`An account with email ${address} already exists.\n`);
            return EXIT_FAILURE;
          }
          await store.createUser({ email: address, passwordHash: hash, isAdmin: true });
          io.stdout(`Created administrator ${address}.\n`);
          return EXIT_OK;
        }
        case 'create-campaign': {
          const id = campaignId(values.id, '--id');
          const name = requireValue(values.name, '--name');
          if (await store.campaignExists(id)) {
            io.stderr(`Campaign ${id} already exists.\n`);
            return EXIT_FAILURE;
          }
          await store.createCampaign(id, name);
          io.stdout(`Created campaign ${id} (${name}).\n`);
          return EXIT_OK;
        }
        case 'add-member': {
          const given = requireValue(values.campaign, '--campaign');
          const address = email(values.email);
          const role = requireValue(values.role, '--role') as Role;
          if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}, not "${role}"`);
          if (role === 'region-coordinator') requireValue(values.region, '--region');
          else if (role === 'sector-lead') requireValue(values.sector, '--sector');
          else if (values.region !== undefined || values.sector !== undefined)
            throw new UsageError(`--region and --sector belong to region-coordinator and sector-lead, not ${role}`);
          let campaign: string;
          let scope = '';
          let scopeLabel = '';
          try {
            campaign = (await findCampaign(store, given)).id;
            const named =
              role === 'region-coordinator'
                ? await findRegion(store, campaign, (values.region ?? '').trim())
                : role === 'sector-lead'
                  ? await findSector(store, campaign, (values.sector ?? '').trim())
                  : null;
            scope = named?.id ?? '';
            scopeLabel = named?.label ?? '';
          } catch (error) {
            if (!(error instanceof NameNotFoundError)) throw error;
            io.stderr(`${error.message}\n`);
            return EXIT_FAILURE;
          }
          const user =
            (await store.findUserByEmail(address)) ??
            (await store.createUser({ email: address, passwordHash: null, isAdmin: false }));
          await store.addMembership(campaign, user.id, role, scope);
          io.stdout(
            `${address} is ${role}${scopeLabel ? ` of ${scopeLabel}` : ''} in campaign ${campaign}.${user.passwordHash ? '' : ' Set a password with "veldwerk admin set-password".'}\n`,
          );
          return EXIT_OK;
        }
        case 'set-password': {
          const user = await userOrFail(store, email(values.email));
          await store.setPasswordHash(user.id, hash as string);
          const ended = await store.revokeUserTokens(user.id);
          io.stdout(`Password of ${user.email} set; ${ended} old session token(s) ended.\n`);
          return EXIT_OK;
        }
        case 'revoke': {
          const user = await userOrFail(store, email(values.email));
          const messages: string[] = [];
          if (values.campaign !== undefined) {
            let campaign: string;
            try {
              campaign = (await findCampaign(store, requireValue(values.campaign, '--campaign'))).id;
            } catch (error) {
              if (!(error instanceof NameNotFoundError)) throw error;
              io.stderr(`${error.message}\n`);
              return EXIT_FAILURE;
            }
            const role = values.role as Role | undefined;
            if (role !== undefined && !ROLES.includes(role))
              throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
            const count = await store.revokeMemberships(campaign, user.id, role);
            messages.push(
              `removed ${count} role(s) of ${user.email} in campaign ${campaign} (refused from the next request on)`,
            );
          } else {
            if (!values['sessions-only']) {
              await store.setDisabled(user.id, true);
              messages.push(`disabled the account ${user.email}`);
            }
            const ended = await store.revokeUserTokens(user.id);
            messages.push(`ended ${ended} session token(s)`);
          }
          io.stdout(`${messages.join('; ')}.\n`);
          return EXIT_OK;
        }
        default:
          return EXIT_USAGE;
      }
    } finally {
      await store.close();
    }
  },
};
