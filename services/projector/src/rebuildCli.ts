/**
 * `npm run rebuild -- <projection|all>`: rebuilds projections into fresh generations of
 * the configured read store and swaps them in atomically, so a running gateway keeps
 * answering from the old generation meanwhile. Shows a progress bar with events/s.
 */
import { SingleBar, Presets } from 'cli-progress';
import { ConfigError, loadConfig } from '@collegium/config';
import { PROJECTIONS, type Projection } from '@collegium/projections';
import { openEventStore, openReadStore } from '@collegium/wiring';
import { REBUILD_CACHE_MB, REBUILD_READ_CACHE_MB, rebuildAll, type RebuildProgress } from './rebuild';

const chosen = (name: string | undefined): Projection[] => {
  if (!name || name === 'all') return [...PROJECTIONS];
  const found = PROJECTIONS.filter((p) => p.name === name);
  if (found.length === 0) {
    console.error(`Unknown projection "${name}". Known: all, ${PROJECTIONS.map((p) => p.name).join(', ')}`);
    process.exit(2);
  }
  return found;
};

const main = async (): Promise<void> => {
  const config = loadConfig();
  const projections = chosen(process.argv[2]);
  const store = await openEventStore(config, { cacheMb: REBUILD_CACHE_MB });
  // Commits run on a second thread while the next window is staged.
  const readStore = await openReadStore(config, { writerThread: true, cacheMb: REBUILD_READ_CACHE_MB });
  const head = await store.headPosition();
  // One pass over the log feeds every chosen projection: reading and decoding it is a quarter of the work.
  const names = projections.map((p) => p.name).join(', ');
  const bar = new SingleBar(
    { format: `${names} [{bar}] {percentage}% | {value}/{total} | {rate} events/s | {duration}s`, hideCursor: true },
    Presets.shades_classic,
  );
  bar.start(Math.max(head, 1), 0, { rate: 0 });
  const started = Date.now();
  const update = (p: RebuildProgress): void => {
    bar.setTotal(Math.max(p.head, 1));
    bar.update(p.checkpoint, { rate: Math.round(p.events / Math.max((Date.now() - started) / 1000, 0.001)) });
  };
  const checkpoint = await rebuildAll(store, readStore, projections, update);
  bar.update(checkpoint);
  bar.stop();
  console.log(`${names}: rebuilt to position ${checkpoint} in ${((Date.now() - started) / 1000).toFixed(1)} s and activated`);
  await readStore.close();
  await store.close();
};

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
