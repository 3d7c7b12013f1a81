import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { eventStoreContract } from './contract';
import { WrongExpectedRevisionError, type EventStore, type ExpectedRevision, type NewEvent, type RecordedEvent } from './port';
import { createSqliteEventStore } from './sqlite';

const tempDir = (): string => mkdtempSync(path.join(os.tmpdir(), 'collegium-es-'));

eventStoreContract('sqlite', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'events.sqlite');
  return {
    store: createSqliteEventStore({ file, pollIntervalMs: 20 }),
    reopen: async () => createSqliteEventStore({ file, pollIntervalMs: 20 }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

const event = (data: unknown): NewEvent => ({
  eventId: randomUUID(),
  type: 'Written',
  schemaVersion: 1,
  data,
  metadata: { actor: { id: 'writer', role: 'system' }, tenant: { districtId: 'district-1' }, correlationId: 'c' },
  recordedAt: '2024-09-02T09:00:00.000Z',
});

const readEverything = async (store: EventStore): Promise<RecordedEvent[]> => {
  const all: RecordedEvent[] = [];
  for (let page = await store.readAll(0, 5000); page.length > 0; page = await store.readAll(all[all.length - 1]?.position ?? 0, 5000)) all.push(...page);
  return all;
};

const isStrictlyIncreasing = (values: readonly number[]): boolean => values.every((value, i) => i === 0 || value > (values[i - 1] as number));

/** One append to a contested stream, retried on conflict as a command handler would. */
const appendContested = async (store: EventStore, streamId: string, next: NewEvent, expected: ExpectedRevision): Promise<number> => {
  for (;;) {
    try {
      return (await store.append(streamId, [next], expected)).lastRevision;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      expected = error.actual === -1 ? 'noStream' : error.actual;
    }
  }
};

const waitFor = async (condition: () => boolean, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('sqlite event store', () => {
  let dir: string;
  let file: string;
  const opened: EventStore[] = [];
  const open = (pollIntervalMs = 20): EventStore => {
    const store = createSqliteEventStore({ file, pollIntervalMs });
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    dir = tempDir();
    file = path.join(dir, 'nested', 'deeper', 'events.sqlite');
  });

  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the missing directory and a WAL database that starts at position 0', async () => {
    const store = open();
    expect(await store.headPosition()).toBe(0);

    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('events', 'idempotency') ORDER BY name").pluck().all()).toEqual([
        'events',
        'idempotency',
      ]);
    } finally {
      raw.close();
    }
  });

  it('keeps one total order and loses no event when two connections write at once', async () => {
    const a = open();
    const b = open();
    const written: string[] = [];
    const writer = async (store: EventStore, label: string): Promise<void> => {
      let shared: ExpectedRevision = 'any';
      for (let n = 0; n < 200; n++) {
        const own = event({ label, n });
        await store.append(`own-${label}`, [own], 'any');
        const contested = event({ label, n });
        shared = await appendContested(store, 'shared', contested, shared);
        written.push(own.eventId, contested.eventId);
      }
    };

    await Promise.all([writer(a, 'a'), writer(b, 'b')]);

    const fromA = await readEverything(a);
    expect(fromA).toHaveLength(800);
    expect(fromA).toEqual(await readEverything(b));
    expect(isStrictlyIncreasing(fromA.map((e) => e.position))).toBe(true);
    expect(new Set(fromA.map((e) => e.eventId))).toEqual(new Set(written));
    expect((await a.readStream('shared')).map((e) => e.revision)).toEqual([...Array(400).keys()]);
  });

  it('reports the head after its own appends and after another connection\'s (the head is remembered between changes)', async () => {
    const a = open();
    const b = open();
    expect(await a.headPosition()).toBe(0);
    await a.append('community-1', [event({ n: 0 })], 'noStream');
    expect(await a.headPosition()).toBe(1);
    expect(await a.headPosition()).toBe(1);
    await b.append('community-2', [event({ n: 1 }), event({ n: 2 })], 'noStream');
    expect(await a.headPosition()).toBe(3);
    // A retried append changes nothing, and the head stays where it was.
    await b.append('community-3', [event({ n: 3 })], 'noStream', { idempotencyKey: 'k' });
    await a.append('community-3', [event({ n: 3 })], 'noStream', { idempotencyKey: 'k' });
    expect(await a.headPosition()).toBe(4);
  });

  it('honours an idempotency key recorded by another connection', async () => {
    const a = open();
    const b = open();
    const first = await a.append('community-1', [event({ n: 0 })], 'noStream', { idempotencyKey: 'district-1/request-1' });

    const retry = await b.append('community-1', [event({ n: 0 })], 'noStream', { idempotencyKey: 'district-1/request-1' });

    expect(retry).toEqual({ ...first, duplicate: true });
    expect(await b.findByIdempotencyKey('district-1/request-1')).toEqual(first);
    expect(await b.readStream('community-1')).toHaveLength(1);
  });

  it('wakes a subscriber on one connection for events appended on another (polling)', async () => {
    const a = open(10);
    const b = open();
    const seen: number[] = [];
    const subscription = a.subscribe(0, async (batch) => {
      seen.push(...batch.map((e) => (e.data as { n: number }).n));
    });

    await b.append('meeting-1', [event({ n: 0 }), event({ n: 1 })], 'noStream');
    await waitFor(() => seen.length >= 2);
    await b.append('meeting-1', [event({ n: 2 })], 1);
    await waitFor(() => seen.length >= 3);
    await subscription.close();

    expect(seen).toEqual([0, 1, 2]);
  });

  it('keeps one total order with another process writing the same file', async () => {
    const store = open(10);
    await store.headPosition(); // schema in place before the child opens the file
    const delivered: RecordedEvent[] = [];
    const subscription = store.subscribe(0, async (batch) => {
      delivered.push(...batch);
    });
    const script = path.join(__dirname, 'testing', 'childWriter.ts');
    const child = spawn(process.execPath, ['-r', '@swc-node/register', script, file, 'child', '1500'], { cwd: path.resolve(__dirname, '../../..') });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    let childRunning = true;
    void exited.then(() => (childRunning = false));

    // Write for as long as the child lives, so the two processes really contend.
    const mine: string[] = [];
    let expected: ExpectedRevision = 'any';
    while (childRunning || mine.length < 100) {
      const next = event({ label: 'parent', n: mine.length });
      expected = await appendContested(store, 'shared', next, expected);
      mine.push(next.eventId);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await exited).toBe(0);
    const theirs = (JSON.parse(stdout) as { written: string[] }).written;
    const all = await readEverything(store);
    await waitFor(() => delivered.length >= all.length, 10_000);
    await subscription.close();

    expect(stderr).toBe('');
    expect(theirs).toHaveLength(1500);
    expect(all).toHaveLength(mine.length + 1500);
    expect(new Set(all.map((e) => e.eventId))).toEqual(new Set([...mine, ...theirs]));
    expect(all.map((e) => e.revision)).toEqual([...all.keys()]);
    expect(isStrictlyIncreasing(all.map((e) => e.position))).toBe(true);
    expect(delivered.map((e) => e.eventId)).toEqual(all.map((e) => e.eventId));
    // Both processes did get turns in the middle of each other's run.
    const writers = all.map((e) => (e.data as { label: string }).label);
    expect(writers.slice(writers.indexOf('child'), writers.lastIndexOf('child')).includes('parent')).toBe(true);
  }, 60_000);
});
