/**
 * The district at work, for the dashboard benchmark: appends held-back events to the event
 * store one by one, `<events per second>`, as another gateway would append them (each with
 * its stream's expected revision, through the seeding helper `appendLog`), until it is sent
 * SIGTERM; then prints how many it appended.
 * A process of its own: appends are synchronous SQLite calls, and in the load generator's
 * process they would delay the very requests it times.
 * `node -r @swc-node/register dashboardWriter.ts <events file> <held events JSON> <events per second>`
 */
import { readFileSync } from 'node:fs';
import type { RecordedEnvelope } from '@collegium/domain';
import { createSqliteEventStore } from '@collegium/eventstore';
import { appendLog } from '../../services/projector/src/testing/seed';

const [file, heldFile, rateText] = process.argv.slice(2) as [string, string, string];
const held = JSON.parse(readFileSync(heldFile, 'utf8')) as RecordedEnvelope[];
const store = createSqliteEventStore({ file });
let appended = 0;
let appending = Promise.resolve();

const timer = setInterval(() => {
  const e = held[appended];
  if (!e) return;
  appended += 1;
  appending = appending.then(async () => {
    await appendLog(store, [e]);
  });
}, 1000 / Number(rateText));

process.once('SIGTERM', () => {
  clearInterval(timer);
  void appending.then(async () => {
    await store.close();
    console.log(JSON.stringify({ appended }));
  });
});
console.log('writing');
