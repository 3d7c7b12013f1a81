/**
 * A second process for the SQLite contention test: increments a shared counter document
 * `count` times, one commit per increment, re-reading the checkpoint after each conflict as a
 * projector would. Prints how many conflicts it met.
 * Usage: node -r @swc-node/register committer.ts <file> <projection> <label> <count>
 */
import { incrementCounter } from './counter';
import { createSqliteReadStore } from '../sqlite';

const main = async (): Promise<void> => {
  const [file, projection, label, count] = process.argv.slice(2);
  if (!file || !projection || !label || !count) throw new Error('usage: committer.ts <file> <projection> <label> <count>');
  const store = createSqliteReadStore({ file, busyTimeoutMs: 10_000 });
  let conflicts = 0;
  for (let n = 0; n < Number(count); n++) conflicts += await incrementCounter(store, projection, label);
  await store.close();
  process.stdout.write(JSON.stringify({ conflicts }));
};

main().catch((error: unknown) => {
  process.stderr.write(String(error instanceof Error ? error.stack : error));
  process.exit(1);
});
