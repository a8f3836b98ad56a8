import { randomBytes } from 'node:crypto';
import type { Change, JsonValue } from '../../shared/sync/change';
import { BlobRepository, type BlobRecord } from './blobs';
import { CampaignRepository } from './campaigns';
import {
  ChangeLogRepository,
  type HeldChange,
  type HeldState,
  type LoggedServerChange,
  type OwnHeldChange,
} from './change-log';
import { LanFingerprintRepository } from './lan-fingerprints';
import { LoginBackoffRepository } from './login-backoff';
import { MembershipRepository, type Membership, type Role } from './memberships';
import { migrateServer } from './schema';
import type { SqlDriver, SqlExecutor } from './sql';
import { TokenRepository, type TokenRecord, type TokenSession } from './tokens';
import { UserRepository, type UserRecord } from './users';

export type { BlobRecord } from './blobs';
export { CampaignExistsError } from './campaigns';
export type { HeldChange, HeldState, LoggedServerChange, OwnHeldChange } from './change-log';
export { ROLES, type Membership, type Role } from './memberships';
export type { MemberFingerprint } from './lan-fingerprints';
export type { TokenRecord, TokenSession } from './tokens';
export { UserExistsError, type UserRecord } from './users';

/**
 * Everything the sync server keeps, one repository per aggregate: accounts (users.ts), campaigns
 * (campaigns.ts), memberships (memberships.ts), tokens (tokens.ts), the append-only change log per
 * campaign with the changes held for a coordinator (change-log.ts), and blobs (blobs.ts). Each
 * repository is written once over SqlDriver, which serves both embedded SQLite and PostgreSQL, so
 * both stores behave the same by construction and are tested by one suite.
 *
 * ServerStore is the facade the routes and services use: it opens (and migrates) the database,
 * holds the repositories, and forwards the calls callers make by name.
 */
export class ServerStore {
  readonly users: UserRepository;
  readonly campaigns: CampaignRepository;
  readonly memberships: MembershipRepository;
  readonly tokens: TokenRepository;
  readonly changeLog: ChangeLogRepository;
  readonly blobs: BlobRepository;
  readonly loginBackoff: LoginBackoffRepository;
  readonly lanFingerprints: LanFingerprintRepository;

  private constructor(
    readonly driver: SqlDriver,
    /** Identity of this server database; clients key their cursors by it. */
    readonly serverId: string,
  ) {
    this.users = new UserRepository(driver);
    this.campaigns = new CampaignRepository(driver);
    this.memberships = new MembershipRepository(driver);
    this.tokens = new TokenRepository(driver);
    this.changeLog = new ChangeLogRepository(driver);
    this.blobs = new BlobRepository(driver);
    this.loginBackoff = new LoginBackoffRepository(driver);
    this.lanFingerprints = new LanFingerprintRepository(driver);
  }

  static async open(driver: SqlDriver): Promise<ServerStore> {
    await migrateServer((fn) => driver.transaction(fn));
    const candidate = `srv${randomBytes(8).toString('hex')}`;
    await driver.execute('INSERT INTO server_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
      'server_id',
      candidate,
    ]);
    const rows = await driver.query<{ value: string }>('SELECT value FROM server_meta WHERE key = $1', ['server_id']);
    return new ServerStore(driver, rows[0]?.value ?? candidate);
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.driver.transaction(fn);
  }

  // ---- accounts -------------------------------------------------------------------------

  createUser(input: { email: string; passwordHash: string | null; isAdmin: boolean }): Promise<UserRecord> {
    return this.users.create(input);
  }

  findUserByEmail(email: string): Promise<UserRecord | null> {
    return this.users.findByEmail(email);
  }

  /** The id of the account with this address, read in a transaction; null when there is none. */
  userIdOfEmail(tx: SqlExecutor, email: string): Promise<string | null> {
    return this.users.idOfEmailIn(tx, email);
  }

  findUserById(id: string): Promise<UserRecord | null> {
    return this.users.findById(id);
  }

  setPasswordHash(userId: string, hash: string): Promise<void> {
    return this.users.setPasswordHash(userId, hash);
  }

  setDisabled(userId: string, disabled: boolean): Promise<void> {
    return this.users.setDisabled(userId, disabled);
  }

  // ---- campaigns and memberships --------------------------------------------------------

  createCampaign(id: string, name: string): Promise<void> {
    return this.campaigns.create(id, name);
  }

  campaignExists(id: string): Promise<boolean> {
    return this.campaigns.exists(id);
  }

  addMembership(campaign: string, userId: string, role: Role, scope: string): Promise<void> {
    return this.memberships.add(campaign, userId, role, scope);
  }

  /** Revokes a user's roles in a campaign (all of them, or one role). Returns how many were active. */
  revokeMemberships(campaign: string, userId: string, role?: Role): Promise<number> {
    return this.memberships.revoke(campaign, userId, role);
  }

  activeMemberships(userId: string, campaign?: string): Promise<Membership[]> {
    return this.memberships.active(userId, campaign);
  }

  // ---- tokens ---------------------------------------------------------------------------

  insertToken(token: Omit<TokenRecord, 'used' | 'revoked'>): Promise<void> {
    return this.tokens.insert(token);
  }

  findToken(hash: string): Promise<TokenRecord | null> {
    return this.tokens.find(hash);
  }

  /** The token with its account and the account's active memberships, in one query. */
  findTokenSession(hash: string): Promise<TokenSession | null> {
    return this.tokens.findSession(hash);
  }

  /** Marks a refresh token used; false when it already was (a replayed, possibly stolen, token). */
  consumeToken(hash: string): Promise<boolean> {
    return this.tokens.consume(hash);
  }

  revokeTokenFamily(family: string): Promise<number> {
    return this.tokens.revokeFamily(family);
  }

  revokeUserTokens(userId: string): Promise<number> {
    return this.tokens.revokeUser(userId);
  }

  /** Forgets tokens that expired more than a day ago (housekeeping). */
  purgeExpiredTokens(now = Date.now()): Promise<number> {
    return this.tokens.purgeExpired(now);
  }

  // ---- change log -----------------------------------------------------------------------

  /** Takes the campaign's write lock for the rest of the transaction; returns its last sequence number (null: no such campaign). */
  lockCampaign(tx: SqlExecutor, campaign: string): Promise<number | null> {
    return this.changeLog.lockCampaign(tx, campaign);
  }

  /** The changes with these ids that the campaign already has, in its log or held aside. */
  knownChanges(tx: SqlExecutor, campaign: string, ids: readonly string[]): Promise<Map<string, Change>> {
    return this.changeLog.knownChanges(tx, campaign, ids);
  }

  /** Appends changes to the campaign's log after lastSeq (the caller holds the campaign lock). Returns the new last sequence number. */
  appendChanges(
    tx: SqlExecutor,
    campaign: string,
    lastSeq: number,
    changes: readonly Change[],
    pushedBy: string,
  ): Promise<number> {
    return this.changeLog.append(tx, campaign, lastSeq, changes, pushedBy);
  }

  allChanges(tx: SqlExecutor, campaign: string): Promise<Change[]> {
    return this.changeLog.allChanges(tx, campaign);
  }

  /** A page of the log after afterSeq and the campaign's last sequence number, in one read. */
  pageAfter(
    campaign: string,
    afterSeq: number,
    limit: number,
  ): Promise<{ changes: LoggedServerChange[]; lastSeq: number }> {
    return this.changeLog.pageAfter(campaign, afterSeq, limit);
  }

  changesAfter(campaign: string, afterSeq: number, limit: number): Promise<LoggedServerChange[]> {
    return this.changeLog.changesAfter(campaign, afterSeq, limit);
  }

  lastSeq(campaign: string): Promise<number> {
    return this.changeLog.lastSeq(campaign);
  }

  lastSeqs(campaigns: readonly string[]): Promise<Map<string, number>> {
    return this.changeLog.lastSeqs(campaigns);
  }

  /** The newest timestamp in any log: the server clock starts after it. */
  newestHlc(): Promise<string | null> {
    return this.changeLog.newestHlc();
  }

  /** The current value and timestamp of one column for many rows of a table (see change-log.ts). */
  /** Binds a node id to an account if it is not bound yet; answers the account it is bound to. */
  bindNode(tx: SqlExecutor, node: string, userId: string): Promise<string> {
    return this.changeLog.bindNode(tx, node, userId);
  }

  nodeOwners(tx: SqlExecutor, nodes: readonly string[]): Promise<Map<string, string>> {
    return this.changeLog.nodeOwners(tx, nodes);
  }

  /** Of these rows of a table, those that another campaign's log already has: row id → that campaign. */
  rowsOfOtherCampaigns(
    tx: SqlExecutor,
    campaign: string,
    table: string,
    rowIds: readonly string[],
  ): Promise<Map<string, string>> {
    return this.changeLog.rowsOfOtherCampaigns(tx, campaign, table, rowIds);
  }

  latestValues(
    tx: SqlExecutor,
    campaign: string,
    table: string,
    column: string,
    rowIds: readonly string[],
  ): Promise<Map<string, { value: JsonValue; hlc: string }>> {
    return this.changeLog.latestValues(tx, campaign, table, column, rowIds);
  }

  // ---- held changes (edits of approved visits) ------------------------------------------

  holdChanges(
    tx: SqlExecutor,
    campaign: string,
    held: readonly { change: Change; visitId: string; reason: string }[],
    pushedBy: string,
  ): Promise<void> {
    return this.changeLog.hold(tx, campaign, held, pushedBy);
  }

  listHeld(campaign: string, state?: HeldState): Promise<HeldChange[]> {
    return this.changeLog.listHeld(campaign, state);
  }

  findHeld(tx: SqlExecutor, campaign: string, changeId: string): Promise<HeldChange | null> {
    return this.changeLog.findHeld(tx, campaign, changeId);
  }

  decideHeld(
    tx: SqlExecutor,
    campaign: string,
    changeId: string,
    state: 'accepted' | 'rejected',
    decidedBy: string,
    editedText: string | null = null,
  ): Promise<void> {
    return this.changeLog.decideHeld(tx, campaign, changeId, state, decidedBy, editedText);
  }

  listOwnHeld(campaign: string, pushedBy: string, limit: number): Promise<OwnHeldChange[]> {
    return this.changeLog.listOwnHeld(campaign, pushedBy, limit);
  }

  pendingHeld(tx: SqlExecutor, campaign: string): Promise<Change[]> {
    return this.changeLog.pendingHeld(tx, campaign);
  }

  fieldValues(tx: SqlExecutor, campaign: string, table: string, rowId: string, column: string): Promise<JsonValue[]> {
    return this.changeLog.fieldValues(tx, campaign, table, rowId, column);
  }

  rowLogged(tx: SqlExecutor, campaign: string, table: string, rowId: string): Promise<boolean> {
    return this.changeLog.rowLogged(tx, campaign, table, rowId);
  }

  // ---- blobs ----------------------------------------------------------------------------

  findBlob(campaign: string, sha256: string): Promise<BlobRecord | null> {
    return this.blobs.find(campaign, sha256);
  }

  /** Stores bytes at offset start of a blob being uploaded; the caller checked start against what was received. */
  appendBlobChunk(campaign: string, sha256: string, size: number, start: number, data: Buffer): Promise<BlobRecord> {
    return this.blobs.appendChunk(campaign, sha256, size, start, data);
  }

  readBlobChunks(campaign: string, sha256: string): Promise<Buffer[]> {
    return this.blobs.readChunks(campaign, sha256);
  }

  markBlobComplete(campaign: string, sha256: string): Promise<void> {
    return this.blobs.markComplete(campaign, sha256);
  }

  discardBlob(campaign: string, sha256: string): Promise<void> {
    return this.blobs.discard(campaign, sha256);
  }
}
