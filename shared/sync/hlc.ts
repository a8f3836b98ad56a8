/**
 * Hybrid logical clock (Kulkarni et al. 2014): timestamps that follow wall time, never run
 * backwards, and order every event of every node totally. A timestamp is a string that sorts
 * lexicographically in timestamp order:
 *
 *   <wall ms, 15 digits>-<counter, 4 hex digits>-<node id>
 *
 * Ties on wall time and counter are broken by node id, so two nodes never produce equal stamps.
 */

export const NODE_ID_PATTERN = /^[a-z0-9]{8,32}$/;
const HLC_PATTERN = /^(\d{15})-([0-9a-f]{4})-([a-z0-9]{8,32})$/;
const MAX_COUNTER = 0xffff;

/** Changes stamped more than this far ahead of the receiver's wall clock are refused by default (laptop stores, for bundles and peers). */
export const DEFAULT_MAX_DRIFT_MS = 24 * 60 * 60 * 1000;

/**
 * How far a laptop's clock may be from the sync server's: the one setting of allowed skew
 * (`veldwerk server --max-clock-skew`). The server refuses pushes stamped further ahead, and the
 * server tells laptops its value and its time, so a laptop whose clock is off further is told so.
 * Five minutes, as Kerberos allows by default: NTP-synced clocks are far closer.
 */
export const DEFAULT_MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface HlcParts {
  readonly wallMs: number;
  readonly counter: number;
  readonly node: string;
}

export class ClockSkewError extends Error {
  override readonly name = 'ClockSkewError';
  constructor(
    readonly stamp: string,
    readonly aheadMs: number,
  ) {
    super(
      `A change is stamped ${Math.round(aheadMs / 60000)} minutes in the future (${stamp}). ` +
        'The clock of the laptop that made it is wrong; correct its date and time, then sync again.',
    );
  }
}

export class InvalidTimestampError extends Error {
  override readonly name = 'InvalidTimestampError';
}

export function isHlc(value: unknown): value is string {
  return typeof value === 'string' && HLC_PATTERN.test(value);
}

export function parseHlc(stamp: string): HlcParts {
  const match = HLC_PATTERN.exec(stamp);
  if (!match) throw new InvalidTimestampError(`Not a timestamp: ${JSON.stringify(stamp.slice(0, 80))}`);
  return { wallMs: Number(match[1]), counter: parseInt(match[2] as string, 16), node: match[3] as string };
}

export function formatHlc(parts: HlcParts): string {
  if (!NODE_ID_PATTERN.test(parts.node))
    throw new InvalidTimestampError(`Not a node id: ${JSON.stringify(parts.node)}`);
  if (!Number.isSafeInteger(parts.wallMs) || parts.wallMs < 0 || parts.wallMs >= 1e15)
    throw new InvalidTimestampError(`Wall time out of range: ${parts.wallMs}`);
  if (!Number.isInteger(parts.counter) || parts.counter < 0 || parts.counter > MAX_COUNTER)
    throw new InvalidTimestampError(`Counter out of range: ${parts.counter}`);
  return `${String(parts.wallMs).padStart(15, '0')}-${parts.counter.toString(16).padStart(4, '0')}-${parts.node}`;
}

/** Negative, zero or positive as a sorts before, equal to or after b. */
export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface ClockOptions {
  readonly now?: () => number;
  readonly maxDriftMs?: number;
  /** The newest stamp this node has issued or seen, e.g. read back from the store at start-up. */
  readonly last?: string | null;
}

export class HybridLogicalClock {
  private wallMs: number;
  private counter: number;
  private readonly now: () => number;
  readonly maxDriftMs: number;

  constructor(
    readonly node: string,
    options: ClockOptions = {},
  ) {
    if (!NODE_ID_PATTERN.test(node)) throw new InvalidTimestampError(`Not a node id: ${JSON.stringify(node)}`);
    this.now = options.now ?? Date.now;
    this.maxDriftMs = options.maxDriftMs ?? DEFAULT_MAX_DRIFT_MS;
    const last = options.last ? parseHlc(options.last) : null;
    this.wallMs = last?.wallMs ?? 0;
    this.counter = last?.counter ?? 0;
  }

  /** The newest stamp issued or seen (not a new one). */
  peek(): string {
    return formatHlc({ wallMs: this.wallMs, counter: this.counter, node: this.node });
  }

  /** A new stamp for a local event, greater than every stamp issued or seen before. */
  tick(): string {
    const physical = this.now();
    if (physical > this.wallMs) {
      this.wallMs = physical;
      this.counter = 0;
    } else {
      this.bumpCounter();
    }
    return this.peek();
  }

  /**
   * Folds a remote stamp into the clock so later local stamps sort after it.
   * Throws ClockSkewError (and changes nothing) when the stamp is too far in the future.
   */
  receive(remote: string): void {
    const parts = parseHlc(remote);
    const physical = this.now();
    const ahead = parts.wallMs - physical;
    if (ahead > this.maxDriftMs) throw new ClockSkewError(remote, ahead);
    if (parts.wallMs > this.wallMs || (parts.wallMs === this.wallMs && parts.counter > this.counter)) {
      this.wallMs = parts.wallMs;
      this.counter = parts.counter;
    }
  }

  /**
   * Folds a stamp into the clock without the drift check: for stamps a trusted party already
   * bounded by its own clock (the sync server's log), so a laptop whose clock is slow still
   * takes them, and its later stamps follow them.
   */
  observe(remote: string): void {
    const parts = parseHlc(remote);
    if (parts.wallMs > this.wallMs || (parts.wallMs === this.wallMs && parts.counter > this.counter)) {
      this.wallMs = parts.wallMs;
      this.counter = parts.counter;
    }
  }

  /** Throws ClockSkewError when the stamp is too far ahead of this machine's wall clock. */
  checkDrift(remote: string): void {
    const ahead = parseHlc(remote).wallMs - this.now();
    if (ahead > this.maxDriftMs) throw new ClockSkewError(remote, ahead);
  }

  private bumpCounter(): void {
    if (this.counter >= MAX_COUNTER) {
      // 65,536 events in one millisecond: borrow the next millisecond rather than overflow.
      this.wallMs += 1;
      this.counter = 0;
    } else {
      this.counter += 1;
    }
  }
}
