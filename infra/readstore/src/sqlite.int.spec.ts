import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { readStoreContract } from './contract';
import { CheckpointMismatchError, type Document, type ProjectionSpec, type ReadStore } from './port';
import { createSqliteReadStore, tableNameOf } from './sqlite';
import { incrementCounter } from './testing/counter';

const tempDir = (): string => mkdtempSync(path.join(os.tmpdir(), 'collegium-rs-'));

readStoreContract('sqlite', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'read.sqlite');
  return {
    store: createSqliteReadStore({ file }),
    reopen: async () => createSqliteReadStore({ file }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

// The same contract with every commit run by the writer thread (as a rebuild runs them).
readStoreContract('sqlite, commits on a writer thread', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'read.sqlite');
  return {
    store: createSqliteReadStore({ file, writerThread: true }),
    reopen: async () => createSqliteReadStore({ file, writerThread: true }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

const spec = (version = 1): ProjectionSpec => ({
  name: 'attendance',
  version,
  collections: [
    { name: 'sessions', indexes: [['communityId', 'startsAt'], ['status']] },
    { name: 'counters', indexes: [] },
  ],
});

const session = (i: number): Document => ({
  _id: `session-${String(i).padStart(6, '0')}`,
  communityId: `community-${i % 100}`,
  startsAt: `2024-09-${String(1 + (i % 28)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:00`,
  status: i % 3 === 0 ? 'held' : 'planned',
  attendees: i % 17,
  copyOfCommunityId: `community-${i % 100}`,
});

const upserts = (docs: readonly Document[]) => docs.map((doc) => ({ collection: 'sessions', id: doc._id, doc }));

const withRawDatabase = <T>(file: string, use: (db: Database.Database) => T): T => {
  const db = new Database(file, { readonly: true });
  try {
    return use(db);
  } finally {
    db.close();
  }
};

const median = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const timed = async (run: () => Promise<unknown>): Promise<number> => {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
};

describe('sqlite read store', () => {
  let dir: string;
  let file: string;
  const opened: ReadStore[] = [];
  const open = (): ReadStore => {
    const store = createSqliteReadStore({ file });
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    dir = tempDir();
    file = path.join(dir, 'nested', 'deeper', 'read.sqlite');
  });

  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the missing directory, a WAL database, one table per collection and indexes that end in _id', async () => {
    const store = open();
    const { activeGeneration } = await store.register(spec());
    const sessions = tableNameOf('attendance', activeGeneration, 'sessions');

    withRawDatabase(file, (db) => {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).toEqual(['generations', 'projections', 'rm_attendance_1_counters', 'rm_attendance_1_sessions']);
      const indexed = db.prepare(`SELECT name FROM pragma_index_info(?)`).pluck();
      expect(indexed.all(`${sessions}_ix0`)).toEqual(['f0_communityId', 'f1_startsAt', '_id']);
      expect(indexed.all(`${sessions}_ix1`)).toEqual(['f2_status', '_id']);
    });
  });

  it('keeps apart names that only differ in characters SQL names cannot hold', () => {
    expect(tableNameOf('a-b', 1, 'x')).not.toBe(tableNameOf('a.b', 1, 'x'));
    expect(tableNameOf('a-b', 1, 'x')).toMatch(/^rm_a_b_[0-9a-f]{8}_1_x$/);
  });

  it('answers a filter and sort on indexed fields from the index, without sorting', async () => {
    const store = open();
    const { activeGeneration } = await store.register(spec());
    const table = tableNameOf('attendance', activeGeneration, 'sessions');

    // The shape the adapter generates for find({ communityId }, { sort: startsAt desc, after }).
    const plan = withRawDatabase(file, (db) =>
      db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT doc FROM "${table}" WHERE "f0_communityId" = ? AND (("f1_startsAt" < ? OR "f1_startsAt" IS NULL) OR ("f1_startsAt" = ? AND _id > ?)) ORDER BY "f1_startsAt" DESC, _id ASC LIMIT ?`,
        )
        .all('c', 'x', 'x', 'y', 10)
        .map((row) => (row as { detail: string }).detail)
        .join('\n'),
    );

    expect(plan).toMatch(/USING INDEX .*_ix0 \(f0_communityId=/);
    expect(plan).not.toMatch(/SCAN/);
  });

  it('shows a commit on one connection to another, and a swap of generations', async () => {
    const writer = open();
    const reader = open();
    const { activeGeneration } = await writer.register(spec());
    expect(await reader.find('attendance', 'sessions', { status: 'held' })).toEqual([]);

    await writer.commit('attendance', activeGeneration, upserts([session(0), session(1)]), 0, 2);
    expect(await reader.find('attendance', 'sessions', { status: 'held' })).toEqual([session(0)]);

    const next = await writer.createGeneration(spec(2));
    await writer.commit('attendance', next, upserts([session(3), session(6)]), 0, 7);
    expect(await reader.count('attendance', 'sessions', { status: 'held' })).toBe(1);
    await writer.activate('attendance', next, 2);

    expect(await reader.find('attendance', 'sessions', { status: 'held' })).toEqual([session(3), session(6)]);
    expect(await reader.status('attendance')).toEqual({ name: 'attendance', version: 2, activeGeneration: next, checkpoint: 7 });
    await expect(reader.getManyIn('attendance', activeGeneration, 'sessions', ['session-000000'])).rejects.toThrow(/no generation/);
  });

  it('lets exactly one of two connections committing from the same checkpoint win', async () => {
    const a = open();
    const b = open();
    const { activeGeneration } = await a.register(spec());

    const results = await Promise.allSettled([
      a.commit('attendance', activeGeneration, upserts([session(1)]), 0, 1),
      b.commit('attendance', activeGeneration, upserts([session(2)]), 0, 1),
    ]);

    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({ reason: expect.any(CheckpointMismatchError) });
    expect(await b.count('attendance', 'sessions', {})).toBe(1);
  });

  it('loses no increment and counts none twice with another process committing to the same file', async () => {
    const store = open();
    await store.register(spec());
    const script = path.join(__dirname, 'testing', 'committer.ts');
    const child = spawn(process.execPath, ['-r', '@swc-node/register', script, file, 'attendance', 'child', '300'], {
      cwd: path.resolve(__dirname, '../../..'),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    let childRunning = true;
    void exited.then(() => (childRunning = false));

    // Increment for as long as the child lives, so the two processes really contend.
    let mine = 0;
    while (childRunning || mine < 100) {
      await incrementCounter(store, 'attendance', 'parent');
      mine++;
      // Every call above settles in microtasks; yield so the child's exit event can arrive.
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await exited).toBe(0);

    expect(stderr).toBe('');
    const counter = (await store.get('attendance', 'counters', 'shared')) as { value: number; by: string[] } | null;
    expect(counter?.value).toBe(mine + 300);
    expect(counter?.by.filter((label) => label === 'child')).toHaveLength(300);
    expect((await store.status('attendance'))?.checkpoint).toBe(mine + 300);
    expect(JSON.parse(stdout)).toEqual({ conflicts: expect.any(Number) });
    // Both processes did get turns in the middle of each other's run.
    const by = counter?.by ?? [];
    expect(by.slice(by.indexOf('child'), by.lastIndexOf('child')).includes('parent')).toBe(true);
  }, 60_000);

  it('finds by an indexed field much faster than by the same values in a plain field', async () => {
    const store = open();
    const { activeGeneration } = await store.register(spec());
    const docs = Array.from({ length: 100_000 }, (_, i) => session(i));
    for (let from = 0; from < docs.length; from += 10_000) {
      await store.commit('attendance', activeGeneration, upserts(docs.slice(from, from + 10_000)), from, from + 10_000);
    }
    const byIndex = (): Promise<Document[]> => store.find('attendance', 'sessions', { communityId: 'community-42' });
    const byScan = (): Promise<Document[]> => store.find('attendance', 'sessions', { copyOfCommunityId: 'community-42' });
    expect(await byIndex()).toHaveLength(1000);
    expect(await byScan()).toEqual(await byIndex());

    const indexed: number[] = [];
    const scanned: number[] = [];
    for (let run = 0; run < 5; run++) {
      indexed.push(await timed(byIndex));
      scanned.push(await timed(byScan));
    }

    // A ratio, not a duration: the machine running the tests may be busy.
    expect(median(scanned) / median(indexed)).toBeGreaterThan(3);
  }, 60_000);
});
