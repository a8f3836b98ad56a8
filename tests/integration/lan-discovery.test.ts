import { afterEach, describe, expect, it } from 'vitest';
import { LanDiscovery } from '../../services/lan/discovery';

// Two laptops find each other by multicast DNS (bonjour-service), on a port of this test's own
// so that nothing else on the network answers: each sees the other's fingerprint and the address
// it listens on, never its own, and a laptop that stops is gone.

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (stops.length) await stops.pop()?.();
});

const mdnsPort = 42_000 + (process.pid % 2000);

function laptop(fingerprint: string, port: number): LanDiscovery {
  const discovery = new LanDiscovery(fingerprint, () => undefined, { mdnsPort });
  discovery.announce({ fingerprint, host: '127.0.0.1', port });
  discovery.browse();
  stops.push(() => discovery.stop());
  return discovery;
}

describe('finding the duo partner on the network', () => {
  it('sees the other laptop with its fingerprint and listening address, not itself', async () => {
    const a = laptop('a'.repeat(64), 40_001);
    const b = laptop('b'.repeat(64), 40_002);
    await expect
      .poll(() => a.list(), { timeout: 15_000 })
      .toEqual([expect.objectContaining({ fingerprint: 'b'.repeat(64), host: '127.0.0.1', port: 40_002 })]);
    await expect.poll(() => b.find('a'.repeat(64))?.port, { timeout: 15_000 }).toBe(40_001);
    expect(b.find('b'.repeat(64))).toBeUndefined();
    await a.stop();
    await expect.poll(() => b.find('a'.repeat(64)), { timeout: 15_000 }).toBeUndefined();
  });
});
