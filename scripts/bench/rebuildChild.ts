/**
 * Rebuilds every projection from an event store file into a fresh read store file in its
 * own process, so its peak resident memory (VmHWM) is the rebuild's alone. Prints JSON.
 */
import { readFileSync } from 'node:fs';
import { PROJECTIONS } from '@collegium/projections';
import { createSqliteEventStore } from '@collegium/eventstore';
import { createSqliteReadStore } from '@collegium/readstore';
import { REBUILD_CACHE_MB, rebuildAll } from '../../services/projector/src/runner';

const peakRssMb = (): number => {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) / 1024 : process.memoryUsage().rss / 1024 / 1024;
};

const main = async (): Promise<void> => {
  const [eventsFile, readFile] = process.argv.slice(2) as [string, string];
  const store = createSqliteEventStore({ file: eventsFile, cacheMb: REBUILD_CACHE_MB });
  // As `npm run rebuild` opens it: commits on a writer thread while the next window is staged.
  const readStore = createSqliteReadStore({ file: readFile, writerThread: true });
  const head = await store.headPosition();
  const started = process.hrtime.bigint();
  await rebuildAll(store, readStore, PROJECTIONS);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(JSON.stringify({ events: head, ms, peakRssMb: peakRssMb() }));
  await readStore.close();
  await store.close();
};

void main();
