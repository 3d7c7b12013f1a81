/**
 * A leased projector process for the failover test: projects every projection from the event
 * store file into the read store file while it holds the `projector` lease, and says on stdout
 * what it does: `held`, `not held <why>`, and `commit <projection> <checkpoint>` for each batch
 * this process committed, so the test can tell which process wrote. SIGTERM stops it cleanly.
 *
 *   leasedChild <events.sqlite> <read.sqlite> <sqlite:<leases file>|redis:<url>> <owner> <ttlMs>
 */
import { PROJECTIONS } from '@collegium/projections';
import { createSqliteEventStore } from '@collegium/eventstore';
import { createSqliteReadStore, type ReadStore } from '@collegium/readstore';
import { createRedisLease } from '../lease/redis';
import { createSqliteLease } from '../lease/sqlite';
import type { LeaseHandle } from '../lease/port';
import { startLeasedProjector } from '../leased';

const [eventsFile, readFile, leaseAt, owner, ttl] = process.argv.slice(2);
if (!eventsFile || !readFile || !leaseAt || !owner || !ttl) {
  throw new Error('usage: leasedChild <events.sqlite> <read.sqlite> <sqlite:FILE|redis:URL> <owner> <ttlMs>');
}

const openLease = (): LeaseHandle => {
  const options = { name: 'projector', owner, ttlMs: Number(ttl) };
  if (leaseAt.startsWith('sqlite:')) return createSqliteLease({ ...options, file: leaseAt.slice('sqlite:'.length) });
  if (leaseAt.startsWith('redis:')) return createRedisLease({ ...options, redis: leaseAt.slice('redis:'.length) });
  throw new Error(`unknown lease location ${leaseAt}`);
};

/** The read store, announcing each commit once it succeeded, per projection (the live projector commits all of a batch's projections at once). */
const announcingCommits = (readStore: ReadStore): ReadStore => ({
  ...readStore,
  commit: async (projection, generation, changes, from, to) => {
    await readStore.commit(projection, generation, changes, from, to);
    console.log(`commit ${projection} ${to}`);
  },
  openCommit: (targets, from) => {
    const open = readStore.openCommit(targets, from);
    return {
      write: (projection, changes) => open.write(projection, changes),
      abort: () => open.abort(),
      commit: async (to) => {
        await open.commit(to);
        for (const target of targets) console.log(`commit ${target.projection} ${to}`);
      },
    };
  },
});

const main = async (): Promise<void> => {
  const store = createSqliteEventStore({ file: eventsFile });
  const readStore = createSqliteReadStore({ file: readFile });
  const lease = openLease();
  const projector = await startLeasedProjector({
    store,
    readStore: announcingCommits(readStore),
    projections: PROJECTIONS,
    // Small batches: the takeover happens with a backlog left, as in production.
    batchSize: 100,
    lease,
    onLeaseChange: (held, reason) => console.log(held ? 'held' : `not held ${reason}`),
    onError: (name, error) => console.error(`error ${name}`, error),
  });
  console.log('started');
  process.once('SIGTERM', () => {
    void (async () => {
      await projector.stop();
      await lease.close();
      await readStore.close();
      await store.close();
      process.exit(0);
    })();
  });
};

void main();
