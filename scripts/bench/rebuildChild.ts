/**
 * Rebuilds every projection from an event store file into a fresh read store file in its
 * own process, so its peak resident memory (VmHWM) is the rebuild's alone. Prints JSON.
 *
 * Besides the time it reports where the main thread's time went, since the main thread
 * (reading, folding, serializing) is the rebuild's critical path: on a core, runnable but
 * waiting for a core (the writer thread, the checkpointer and V8's garbage-collection
 * helpers share the machine), and waiting for the writer thread's previous commit.
 */
import { readFileSync } from 'node:fs';
import { PROJECTIONS } from '@collegium/projections';
import { createSqliteEventStore } from '@collegium/eventstore';
import { createSqliteReadStore } from '@collegium/readstore';
import { REBUILD_CACHE_MB, REBUILD_READ_CACHE_MB, rebuildAll, type RebuildProgress } from '../../services/projector/src/rebuild';

const peakRssMb = (): number => {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) / 1024 : process.memoryUsage().rss / 1024 / 1024;
};

/** The main thread's time on a core and runnable without one, in ms (Linux schedstat; null elsewhere). */
const mainThreadSchedule = (): { onCpuMs: number; waitingForCoreMs: number } | null => {
  try {
    const [onCpuNs, runnableNs] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').trim().split(' ').map(Number);
    return { onCpuMs: (onCpuNs as number) / 1e6, waitingForCoreMs: (runnableNs as number) / 1e6 };
  } catch {
    return null;
  }
};

const main = async (): Promise<void> => {
  const [eventsFile, readFile] = process.argv.slice(2) as [string, string];
  const store = createSqliteEventStore({ file: eventsFile, cacheMb: REBUILD_CACHE_MB });
  // As `npm run rebuild` opens it: commits on a writer thread while the next window is staged.
  const readStore = createSqliteReadStore({ file: readFile, writerThread: true, cacheMb: REBUILD_READ_CACHE_MB });
  const head = await store.headPosition();
  let last: RebuildProgress | null = null;
  const scheduleBefore = mainThreadSchedule();
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  await rebuildAll(store, readStore, PROJECTIONS, (progress) => (last = progress));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  const scheduleAfter = mainThreadSchedule();
  const main =
    scheduleBefore && scheduleAfter
      ? { onCpuMs: scheduleAfter.onCpuMs - scheduleBefore.onCpuMs, waitingForCoreMs: scheduleAfter.waitingForCoreMs - scheduleBefore.waitingForCoreMs }
      : null;
  const { commitWaitMs = 0, commits = 0, handedBack = 0, readBack = 0, awaitedBack = 0 } = (last as RebuildProgress | null) ?? {};
  console.log(JSON.stringify({ events: head, ms, peakRssMb: peakRssMb(), processCpuMs: (cpu.user + cpu.system) / 1000, main, commitWaitMs, commits, handedBack, readBack, awaitedBack }));
  await readStore.close();
  await store.close();
};

void main();
