/**
 * The one contract every lease adapter passes (ARCHITECTURE rule 7). Expiry is exercised with
 * real time and short TTLs, so each adapter's own notion of time (SQLite timestamps, Redis PX)
 * is what is tested.
 */
import type { LeaseHandle, LeaseOptions } from './port';

export interface LeaseFixture {
  /** Called once before the suite (start a server, make a folder). */
  setup(): Promise<void>;
  /** A lease on shared storage: two owners of one name must see each other. */
  open(options: LeaseOptions): LeaseHandle;
  teardown(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const leaseContract = (adapter: string, fixture: LeaseFixture): void => {
  describe(`${adapter} lease contract`, () => {
    const opened: LeaseHandle[] = [];
    let counter = 0;
    /** Leases of a name unique to the test, so tests never see each other's leases. */
    const leasesOf = (ttlMs: number, ...owners: string[]): LeaseHandle[] => {
      const name = `lease-${++counter}-${Date.now()}`;
      const leases = owners.map((owner) => fixture.open({ name, owner, ttlMs }));
      opened.push(...leases);
      return leases;
    };
    const pair = (ttlMs = 10_000): [LeaseHandle, LeaseHandle] => leasesOf(ttlMs, 'a', 'b') as [LeaseHandle, LeaseHandle];

    beforeAll(() => fixture.setup());
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((lease) => lease.close()));
    });
    afterAll(() => fixture.teardown());

    it('gives a free lease to the first owner and refuses it to a second', async () => {
      const [a, b] = pair();
      expect(await a.holder()).toBeNull();
      expect(await a.acquire()).toBe(true);
      expect(await b.acquire()).toBe(false);
      expect(await b.holder()).toBe('a');
    });

    it('lets the holder acquire again (a restart with the same id) and renew', async () => {
      const [a, b] = pair();
      expect(await a.acquire()).toBe(true);
      expect(await a.acquire()).toBe(true);
      expect(await a.renew()).toBe(true);
      expect(await b.renew()).toBe(false);
      expect(await a.holder()).toBe('a');
    });

    it('lets one of many owners acquiring at once win', async () => {
      const leases = leasesOf(10_000, ...Array.from({ length: 8 }, (_, i) => `owner-${i}`));
      const won = await Promise.all(leases.map((lease) => lease.acquire()));
      expect(won.filter(Boolean)).toHaveLength(1);
      expect(await leases[0]?.holder()).toBe(leases[won.indexOf(true)]?.owner);
    });

    it('frees the lease on release by its holder, and ignores a release by another owner', async () => {
      const [a, b] = pair();
      await a.acquire();
      await b.release();
      expect(await a.holder()).toBe('a');
      await a.release();
      expect(await b.holder()).toBeNull();
      expect(await b.acquire()).toBe(true);
    });

    it('expires without renewal, and the old owner can neither renew nor release the new owner\'s lease', async () => {
      const [a, b] = pair(200);
      expect(await a.acquire()).toBe(true);
      await sleep(300);
      expect(await a.holder()).toBeNull();
      expect(await b.acquire()).toBe(true);
      expect(await a.renew()).toBe(false);
      await a.release();
      expect(await a.holder()).toBe('b');
      expect(await a.acquire()).toBe(false);
    });

    it('counts an expired lease as lost even when nobody took it', async () => {
      const [a] = pair(150);
      await a.acquire();
      await sleep(250);
      expect(await a.renew()).toBe(false);
      expect(await a.acquire()).toBe(true);
    });

    it('stays held past its TTL while renewed', async () => {
      const [a, b] = pair(300);
      await a.acquire();
      for (let i = 0; i < 5; i++) {
        await sleep(100);
        expect(await a.renew()).toBe(true);
      }
      expect(await b.acquire()).toBe(false);
      expect(await b.holder()).toBe('a');
    });

    it('keeps leases of different names apart', async () => {
      const [a] = pair();
      const [other] = leasesOf(10_000, 'b');
      expect(await a.acquire()).toBe(true);
      expect(await other?.acquire()).toBe(true);
      expect(await other?.holder()).toBe('b');
    });
  });
};
