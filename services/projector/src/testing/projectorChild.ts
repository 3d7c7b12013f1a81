/**
 * A projector process for the crash test: projects every projection from the event
 * store file into the read store file in small batches, all projections together as the
 * live projector does (one commit per batch for all), then prints "caught up" and exits.
 * The test kills it with SIGKILL at random moments and starts it again.
 */
import { PROJECTIONS } from '@collegium/projections';
import { createSqliteEventStore } from '@collegium/eventstore';
import { createSqliteReadStore } from '@collegium/readstore';
import { catchUpTogether, specOf, type Lane } from '../projector';

const [eventsFile, readFile] = process.argv.slice(2);
if (!eventsFile || !readFile) throw new Error('usage: projectorChild <events.sqlite> <read.sqlite>');

const main = async (): Promise<void> => {
  const store = createSqliteEventStore({ file: eventsFile });
  const readStore = createSqliteReadStore({ file: readFile });
  const lanes: Lane[] = [];
  for (const projection of PROJECTIONS) lanes.push({ projection, generation: (await readStore.register(specOf(projection))).activeGeneration, cache: new Map() });
  await catchUpTogether(store, readStore, lanes, {
    batchSize: 17,
    // Each committed batch is announced, so the test can kill the process mid-way however fast the machine is.
    onProgress: (checkpoint, projections) => console.log(`committed ${projections.join('+')} ${checkpoint}`),
  });
  console.log('caught up');
  await readStore.close();
  await store.close();
};

void main();
