/**
 * The shared contract against a real EventStoreDB server, run only when EVENTSTORE_URL names
 * one, e.g.
 *   docker run --rm -p 2113:2113 eventstore/eventstore:24.10 --insecure --run-projections=None
 *   EVENTSTORE_URL='esdb://localhost:2113?tls=false' npx jest infra/eventstore/src/eventstoredb
 * There is no server on the development machines and no stand-in for one: without the
 * variable the suite is reported as skipped, with the reason in its title.
 * The contract uses fresh stream ids per test, so runs never collide on a shared server.
 */
import { eventStoreContract } from './contract';
import { createEventStoreDbEventStore } from './eventstoredb/eventstoredb';

const connectionString = process.env.EVENTSTORE_URL;

if (connectionString) {
  // Over the network the contract's volume test (100,000 events, each with its id claim) takes
  // longer than the workspace's 30 s default.
  jest.setTimeout(180_000);
  const open = async () => createEventStoreDbEventStore({ connectionString });
  eventStoreContract('eventstoredb', async () => ({ store: await open(), reopen: open, cleanup: async () => undefined }));
} else {
  const reason = 'EVENTSTORE_URL is not set, so there is no EventStoreDB server to run against';
  console.warn(`eventstoredb.int.spec: the EventStoreDB contract suite is skipped: ${reason}.`);
  describe.skip(`event store contract: eventstoredb (skipped: ${reason})`, () => {
    it('runs the event store contract against a real EventStoreDB server', () => undefined);
  });
}
