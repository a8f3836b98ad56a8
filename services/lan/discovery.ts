import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { Bonjour, type Browser, type Service } from 'bonjour-service';

/*
 * Finding the duo partner on the same network: DNS-SD over multicast DNS (`bonjour-service`),
 * only while the duo dialog is open. A laptop announces a random instance name, the port it
 * listens on, and in its TXT record its certificate fingerprint (a pseudonymous device id, like
 * Syncthing's) and the one address it listens on; never a name or an e-mail address. The
 * fingerprint lets the other laptop tell its paired partner from any other laptop before it
 * connects, and the TLS handshake must then present that same certificate.
 */

export const SERVICE_TYPE = 'veldwerk-duo';
const TXT_VERSION = '1';

export interface DiscoveryOptions {
  /** The multicast DNS port; 5353 unless a test keeps to its own. */
  readonly mdnsPort?: number;
}

export interface Announcement {
  readonly fingerprint: string;
  readonly host: string;
  readonly port: number;
}

/** A laptop seen on the network: where it listens and which certificate it says it has. */
export interface Discovered {
  readonly fingerprint: string;
  readonly host: string;
  readonly port: number;
  readonly seenAt: number;
}

function discoveredOf(service: Service, now: number): Discovered | null {
  const txt = (service.txt ?? {}) as Record<string, unknown>;
  const fingerprint = typeof txt.fp === 'string' ? txt.fp : '';
  const announced = typeof txt.a === 'string' ? txt.a : '';
  if (txt.v !== TXT_VERSION || !/^[0-9a-f]{64}$/u.test(fingerprint)) return null;
  if (!(service.port > 0 && service.port < 65_536)) return null;
  // The address it listens on, as announced; else the address its answer came from.
  const host = isIP(announced) !== 0 ? announced : (service.referer?.address ?? service.addresses?.[0] ?? '');
  if (isIP(host) === 0) return null;
  return { fingerprint, host, port: service.port, seenAt: now };
}

/** Announces this laptop and watches for others until stop(). */
export class LanDiscovery {
  private readonly bonjour: Bonjour;
  private browser: Browser | null = null;
  private readonly seen = new Map<string, Discovered>();
  private stopped = false;

  constructor(
    private readonly ownFingerprint: string,
    private readonly onChange: () => void,
    options: DiscoveryOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    // Errors of the multicast socket (no network, port taken) leave discovery empty, never the app broken:
    // the typed address and the duo file still work.
    this.bonjour = new Bonjour(options.mdnsPort !== undefined ? { port: options.mdnsPort } : {}, () => undefined);
  }

  announce(announcement: Announcement): void {
    this.bonjour.publish({
      name: `veldwerk-${randomBytes(6).toString('hex')}`,
      type: SERVICE_TYPE,
      port: announcement.port,
      txt: { v: TXT_VERSION, fp: announcement.fingerprint, a: announcement.host },
      disableIPv6: true,
    });
  }

  browse(): void {
    if (this.browser) return;
    this.browser = this.bonjour.find({ type: SERVICE_TYPE });
    this.browser.on('up', (service) => this.add(service));
    this.browser.on('txt-update', (service) => this.add(service));
    this.browser.on('down', (service) => {
      const gone = discoveredOf(service, this.now());
      if (gone && this.seen.delete(gone.fingerprint)) this.onChange();
    });
  }

  private add(service: Service): void {
    if (this.stopped) return;
    const found = discoveredOf(service, this.now());
    if (!found || found.fingerprint === this.ownFingerprint) return;
    const known = this.seen.get(found.fingerprint);
    this.seen.set(found.fingerprint, found);
    if (!known || known.host !== found.host || known.port !== found.port) this.onChange();
  }

  /** Asks the network again (the dialog's "search again"). */
  refresh(): void {
    this.browser?.update();
  }

  list(): Discovered[] {
    return [...this.seen.values()].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint));
  }

  find(fingerprint: string): Discovered | undefined {
    return this.seen.get(fingerprint);
  }

  /** Withdraws the announcement (a goodbye packet) and closes the multicast socket. */
  stop(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.stopped = true;
    this.browser?.stop();
    return new Promise<void>((resolve) => {
      this.bonjour.unpublishAll(() => this.bonjour.destroy(() => resolve()));
    });
  }
}
