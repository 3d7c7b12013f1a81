/**
 * The read store contract against a real MongoDB server, run only when MONGODB_URL names one
 * (ARCHITECTURE rule 7): no server can be installed on the development machines, and a fake
 * would prove nothing about MongoDB's ordering, null handling or transactions.
 *
 *   MONGODB_URL='mongodb://localhost:27017/?replicaSet=rs0' npx jest infra/readstore/src/mongodb.int
 *
 * Each store gets a database of its own, dropped afterwards. On a replica set the contract runs
 * twice: in the default (transaction) mode and forced into the standalone fallback.
 */
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { readStoreContract, type ReadStoreFixture } from './contract';
import { collectionNameOf, createMongoReadStore, findToMongo, POSITION_FIELD, type MongoReadStoreOptions } from './mongodb';
import { CheckpointMismatchError, type Document, type ProjectionSpec, type ReadStore } from './port';

const url = process.env['MONGODB_URL'];

const freshDatabase = (): string => `collegium_rs_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

const dropDatabase = async (serverUrl: string, database: string): Promise<void> => {
  const client = new MongoClient(serverUrl);
  try {
    await client.db(database).dropDatabase();
  } finally {
    await client.close();
  }
};

const fixtureFor =
  (serverUrl: string, commitMode: MongoReadStoreOptions['commitMode']) =>
  async (): Promise<ReadStoreFixture> => {
    const database = freshDatabase();
    const open = (): ReadStore => createMongoReadStore({ url: serverUrl, database, commitMode });
    return { store: open(), reopen: async () => open(), cleanup: () => dropDatabase(serverUrl, database) };
  };

const spec: ProjectionSpec = {
  name: 'attendance',
  version: 1,
  collections: [
    { name: 'sessions', indexes: [['communityId', 'startsAt'], ['startsAt'], ['status']] },
    { name: 'counters', indexes: [] },
  ],
};

const session = (i: number): Document => ({
  _id: `session-${String(i).padStart(6, '0')}`,
  communityId: `community-${i % 10}`,
  startsAt: `2024-09-${String(1 + (i % 28)).padStart(2, '0')}`,
  status: i % 3 === 0 ? 'held' : 'planned',
});

const upserts = (docs: readonly Document[]) => docs.map((doc) => ({ collection: 'sessions', id: doc._id, doc }));

if (url === undefined || url === '') {
  const reason = 'MONGODB_URL is not set (no MongoDB server on this machine; set it to a replica set or standalone server to run the contract)';
  console.warn(`mongodb read store tests skipped: ${reason}`);
  describe.skip(`mongodb read store: skipped because ${reason}`, () => {
    it('runs the read store contract against a real MongoDB server', () => undefined);
  });
} else {
  readStoreContract('mongodb (commit mode from the server)', fixtureFor(url, 'auto'));
  readStoreContract('mongodb (idempotent commit mode forced)', fixtureFor(url, 'idempotent'));

  describe('mongodb read store', () => {
    let database: string;
    let raw: MongoClient;
    const opened: ReadStore[] = [];
    const open = (commitMode: MongoReadStoreOptions['commitMode'] = 'auto'): ReadStore => {
      const store = createMongoReadStore({ url, database, commitMode });
      opened.push(store);
      return store;
    };

    beforeEach(async () => {
      database = freshDatabase();
      raw = new MongoClient(url);
      await raw.connect();
    });

    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
      await raw.db(database).dropDatabase();
      await raw.close();
    });

    it('creates one collection per generation and collection, with indexes that end in _id', async () => {
      const { activeGeneration } = await open().register(spec);
      const name = collectionNameOf('attendance', activeGeneration, 'sessions');

      const names = (await raw.db(database).listCollections({}, { nameOnly: true }).toArray()).map((each) => each.name).sort();
      expect(names).toEqual(['generations', 'projections', collectionNameOf('attendance', activeGeneration, 'counters'), name].sort());
      const indexes = await raw.db(database).collection(name).indexes();
      expect(indexes.map((index) => index.key)).toEqual([{ _id: 1 }, { communityId: 1, startsAt: 1, _id: 1 }, { startsAt: 1, _id: 1 }, { status: 1, _id: 1 }]);
    });

    it('answers an ascending keyset page from an index, without a blocking sort', async () => {
      const store = open();
      const { activeGeneration } = await store.register(spec);
      await store.commit('attendance', activeGeneration, upserts(Array.from({ length: 500 }, (_, i) => session(i))), 0, 1);
      const { query, sort, limit } = findToMongo(
        { communityId: 'community-4' },
        { sort: [{ field: 'startsAt', direction: 'asc' }], limit: 7, after: { values: ['2024-09-10'], id: 'session-000200' } },
      );

      const explained = await raw
        .db(database)
        .collection(collectionNameOf('attendance', activeGeneration, 'sessions'))
        .find(query, { sort, ...(limit !== undefined ? { limit } : {}) })
        .explain('queryPlanner');

      const plan = JSON.stringify((explained['queryPlanner'] as { winningPlan: unknown }).winningPlan);
      expect(plan).toMatch(/"stage":"IXSCAN"/);
      expect(plan).not.toMatch(/"stage":"SORT"/);
    });

    it('shows a commit on one store to another, and a swap of generations', async () => {
      const writer = open();
      const reader = open();
      const { activeGeneration } = await writer.register(spec);
      await writer.commit('attendance', activeGeneration, upserts([session(0), session(1)]), 0, 2);
      expect(await reader.find('attendance', 'sessions', { status: 'held' })).toEqual([session(0)]);

      const next = await writer.createGeneration({ ...spec, version: 2 });
      await writer.commit('attendance', next, upserts([session(3), session(6)]), 0, 7);
      await writer.activate('attendance', next, 2);

      expect(await reader.find('attendance', 'sessions', { status: 'held' })).toEqual([session(3), session(6)]);
      await expect(reader.getManyIn('attendance', activeGeneration, 'sessions', [session(0)._id])).rejects.toThrow(/no generation/);
      const left = (await raw.db(database).listCollections({}, { nameOnly: true }).toArray()).map((each) => each.name);
      expect(left.filter((name) => name.startsWith(`rm.attendance.${activeGeneration}.`))).toEqual([]);
    });

    it('lets exactly one of two stores committing from the same checkpoint win', async () => {
      const a = open();
      const b = open();
      const { activeGeneration } = await a.register(spec);

      const results = await Promise.allSettled([
        a.commit('attendance', activeGeneration, upserts([session(1)]), 0, 1),
        b.commit('attendance', activeGeneration, upserts([session(2)]), 0, 1),
      ]);

      expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(results.find((result) => result.status === 'rejected')).toMatchObject({ reason: expect.any(CheckpointMismatchError) });
      expect(await b.count('attendance', 'sessions', {})).toBe(1);
    });

    it('in idempotent mode, finishes a batch a crashed writer left half written without rewriting its documents', async () => {
      const store = open('idempotent');
      const { activeGeneration } = await store.register(spec);
      await store.commit('attendance', activeGeneration, upserts([session(1), session(2)]), 0, 10);
      // What a writer that crashed after its first document of batch 10 → 11 left behind.
      const sessions = raw.db(database).collection<{ _id: string }>(collectionNameOf('attendance', activeGeneration, 'sessions'));
      await sessions.replaceOne({ _id: session(1)._id }, { ...session(1), status: 'crashed', [POSITION_FIELD]: 11 });

      await store.commit('attendance', activeGeneration, upserts([{ ...session(1), status: 'replayed' }, { ...session(2), status: 'replayed' }]), 10, 11);

      expect(await store.get('attendance', 'sessions', session(1)._id)).toEqual({ ...session(1), status: 'crashed' });
      expect(await store.get('attendance', 'sessions', session(2)._id)).toEqual({ ...session(2), status: 'replayed' });
      expect(await store.checkpoint('attendance', activeGeneration)).toBe(11);
      expect(await sessions.findOne({ _id: session(2)._id })).toMatchObject({ [POSITION_FIELD]: 11 });
    });
  });
}
