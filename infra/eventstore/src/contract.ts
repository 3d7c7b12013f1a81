/**
 * The one test suite every event store adapter runs (ARCHITECTURE rule 7). It assumes only
 * what the port promises: positions grow in commit order but need not start at 1 or be
 * contiguous, and the store may already hold other tests' events (stream ids are unique per
 * test, and reads of the global log start at the head seen when the test began).
 *
 * Call it from an `*.int.spec.ts`; it uses jest's globals and imports nothing at load time,
 * so exporting it from the package index costs production code nothing.
 */
import { randomUUID } from 'node:crypto';
import {
  DuplicateEventIdError,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type GlobalPosition,
  type NewEvent,
  type ProjectedEvent,
  type RecordedEvent,
} from './port';

export interface EventStoreFixture {
  readonly store: EventStore;
  /** Opens the same storage again after `store.close()`: given only by durable adapters. */
  readonly reopen?: () => Promise<EventStore>;
  readonly cleanup: () => Promise<void>;
}

const metadata = (overrides: Partial<EventMetadata> = {}): EventMetadata => ({
  actor: { id: 'teacher-1', role: 'teacher' },
  tenant: { districtId: 'district-1', institutionId: 'school-7' },
  correlationId: 'correlation-1',
  ...overrides,
});

const newEvent = (type: string, data: unknown = {}, recordedAt = '2024-09-02T09:00:00.000Z', meta: EventMetadata = metadata()): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  metadata: meta,
  recordedAt,
});

const numbered = (count: number, from = 0): NewEvent[] => Array.from({ length: count }, (_, i) => newEvent('Numbered', { n: from + i }));

/** Every event after `after`, read page by page. */
const readEverything = async (store: EventStore, after: GlobalPosition, pageSize = 1000): Promise<RecordedEvent[]> => {
  const all: RecordedEvent[] = [];
  for (let page = await store.readAll(after, pageSize); page.length > 0; page = await store.readAll(after, pageSize)) {
    all.push(...page);
    after = (page[page.length - 1] as RecordedEvent).position;
  }
  return all;
};

const isStrictlyIncreasing = (values: readonly number[]): boolean => values.every((value, i) => i === 0 || value > (values[i - 1] as number));

const waitFor = async (condition: () => boolean, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const deferred = (): { promise: Promise<void>; resolve: () => void } => {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

const rejectionOf = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
};

/** Appends with optimistic concurrency, re-reading the revision after each conflict: what a command handler does. */
const appendWithRetry = async (store: EventStore, streamId: string, event: NewEvent): Promise<AppendResult> => {
  for (;;) {
    const current = await store.readStream(streamId);
    const expected = current.length === 0 ? 'noStream' : (current[current.length - 1] as RecordedEvent).revision;
    try {
      return await store.append(streamId, [event], expected);
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
  }
};

export function eventStoreContract(name: string, create: () => Promise<EventStoreFixture>): void {
  describe(`event store contract: ${name}`, () => {
    let fixture: EventStoreFixture;
    let store: EventStore;
    let stream: (label: string) => string;
    const opened: EventStore[] = [];

    beforeEach(async () => {
      fixture = await create();
      store = fixture.store;
      opened.push(store);
      const run = randomUUID();
      stream = (label) => `${label}-${run}`;
    });

    afterEach(async () => {
      for (const each of opened.splice(0)) await each.close();
      await fixture.cleanup();
    });

    describe('readEvents', () => {
      it('returns the events with the given ids in log order, skipping unknown ids', async () => {
        const a = newEvent('A');
        const b = newEvent('B');
        const c = newEvent('C');
        await store.append(stream('evidence'), [a, b, c], 'noStream');
        const found = await store.readEvents([c.eventId, 'no-such-event', a.eventId]);
        expect(found.map((e) => e.eventId)).toEqual([a.eventId, c.eventId]);
        expect(found[1]).toMatchObject({ type: 'C', streamId: stream('evidence'), revision: 2 });
        expect(await store.readEvents([])).toEqual([]);
      });
    });

    describe('append and readStream', () => {
      it('reads back what was appended, with revisions, positions and metadata', async () => {
        const id = stream('community');
        const meta = metadata({ causationId: 'cause-1', idempotencyKey: 'key-1', tenant: { districtId: 'district-9' } });
        const created = newEvent('CommunityCreated', { communityId: 'c-1', members: ['a', 'b'], nested: { ok: true, n: 1.5 } }, '2024-09-01T08:00:00.000Z', meta);
        const enrolled = newEvent('MemberEnrolled', { memberId: 'm-1' }, '2024-09-01T08:00:01.000Z');

        const result = await store.append(id, [created, enrolled], 'noStream');

        expect(result).toMatchObject({ streamId: id, firstRevision: 0, lastRevision: 1, duplicate: false });
        expect(result.lastPosition).toBeGreaterThan(result.firstPosition);
        expect(result.firstPosition).toBeGreaterThan(0);
        const read = await store.readStream(id);
        expect(read).toEqual([
          { ...created, streamId: id, revision: 0, position: result.firstPosition },
          { ...enrolled, streamId: id, revision: 1, position: result.lastPosition },
        ]);
        expect(read[0]?.metadata).toEqual(meta);
      });

      it('continues a stream from its last revision', async () => {
        const id = stream('plan');
        const first = await store.append(id, numbered(2), 'noStream');
        const second = await store.append(id, numbered(3, 2), first.lastRevision);

        expect(second).toMatchObject({ firstRevision: 2, lastRevision: 4 });
        expect(second.firstPosition).toBeGreaterThan(first.lastPosition);
        expect((await store.readStream(id)).map((e) => [e.revision, e.data])).toEqual([0, 1, 2, 3, 4].map((n) => [n, { n }]));
      });

      it('reads an unknown stream as empty', async () => {
        expect(await store.readStream(stream('nobody'))).toEqual([]);
      });

      it('rejects an empty append and records nothing', async () => {
        const head = await store.headPosition();
        await expect(store.append(stream('empty'), [], 'any', { idempotencyKey: stream('key') })).rejects.toThrow(Error);
        expect(await store.headPosition()).toBe(head);
        expect(await store.findByIdempotencyKey(stream('key'))).toBeNull();
      });

      it('reads a range of revisions', async () => {
        const id = stream('meeting');
        await store.append(id, numbered(6), 'noStream');

        expect((await store.readStream(id, { fromRevision: 2 })).map((e) => e.revision)).toEqual([2, 3, 4, 5]);
        expect((await store.readStream(id, { toRevision: 1 })).map((e) => e.revision)).toEqual([0, 1]);
        expect((await store.readStream(id, { fromRevision: 1, toRevision: 3 })).map((e) => e.revision)).toEqual([1, 2, 3]);
        expect(await store.readStream(id, { fromRevision: 6 })).toEqual([]);
      });

      it('reads a stream as of an instant (recordedUntil is inclusive)', async () => {
        const id = stream('report');
        const days = ['2024-09-02T09:00:00.000Z', '2024-10-01T09:00:00.000Z', '2024-10-01T09:00:00.001Z', '2025-05-30T12:00:00.000Z'];
        let expected: number | 'noStream' = 'noStream';
        for (const [n, day] of days.entries()) {
          expected = (await store.append(id, [newEvent('Step', { n }, day)], expected)).lastRevision;
        }

        const asOf = async (instant: string): Promise<unknown[]> => (await store.readStream(id, { recordedUntil: instant })).map((e) => e.data);
        expect(await asOf('2024-09-01T23:59:59.999Z')).toEqual([]);
        expect(await asOf('2024-10-01T09:00:00.000Z')).toEqual([{ n: 0 }, { n: 1 }]);
        expect(await asOf('2024-12-31T00:00:00.000Z')).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
        expect(await asOf('2030-01-01T00:00:00.000Z')).toHaveLength(4);
        expect((await store.readStream(id, { recordedUntil: '2024-12-31T00:00:00.000Z', fromRevision: 1 })).map((e) => e.revision)).toEqual([1, 2]);
      });

      it('compares instants written in other ISO forms by time, not by text', async () => {
        const id = stream('offsets');
        await store.append(id, [newEvent('Early', {}, '2024-10-01T09:00:00Z'), newEvent('Late', {}, '2024-10-01T12:30:00+03:00')], 'noStream');

        const read = await store.readStream(id);
        expect(read.map((e) => e.recordedAt)).toEqual(['2024-10-01T09:00:00.000Z', '2024-10-01T09:30:00.000Z']);
        expect((await store.readStream(id, { recordedUntil: '2024-10-01T12:15:00+03:00' })).map((e) => e.type)).toEqual(['Early']);
      });

      it('rejects an event whose recordedAt is no instant, appending nothing', async () => {
        const id = stream('bad-date');
        await expect(store.append(id, [newEvent('Fine'), newEvent('Broken', {}, 'next Tuesday')], 'any')).rejects.toThrow(RangeError);
        expect(await store.readStream(id)).toEqual([]);
      });
    });

    describe('expected revision', () => {
      it("rejects 'noStream' on an existing stream and appends nothing", async () => {
        const id = stream('community');
        await store.append(id, numbered(2), 'noStream');
        const head = await store.headPosition();

        const error = await rejectionOf(store.append(id, numbered(1), 'noStream'));

        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId: id, expected: 'noStream', actual: 1 });
        expect(await store.readStream(id)).toHaveLength(2);
        expect(await store.headPosition()).toBe(head);
      });

      it('rejects a stale revision and appends nothing', async () => {
        const id = stream('plan');
        await store.append(id, numbered(3), 'noStream');
        const head = await store.headPosition();

        const error = await rejectionOf(store.append(id, numbered(2), 1));

        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ expected: 1, actual: 2 });
        expect(await store.readStream(id)).toHaveLength(3);
        expect(await store.headPosition()).toBe(head);
      });

      it('rejects a revision on a stream that does not exist (actual -1)', async () => {
        const id = stream('ghost');
        await expect(store.append(id, numbered(1), 0)).rejects.toMatchObject({ name: 'WrongExpectedRevisionError', actual: -1 });
        expect(await store.readStream(id)).toEqual([]);
      });

      it("appends with 'any' whether or not the stream exists", async () => {
        const id = stream('log');
        expect(await store.append(id, numbered(1), 'any')).toMatchObject({ firstRevision: 0, lastRevision: 0 });
        expect(await store.append(id, numbered(2, 1), 'any')).toMatchObject({ firstRevision: 1, lastRevision: 2 });
        expect((await store.readStream(id)).map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
      });
    });

    describe('global log', () => {
      it('orders events of all streams by strictly increasing position, in commit order', async () => {
        const start = await store.headPosition();
        const [a, b, c] = [stream('a'), stream('b'), stream('c')];
        const order: string[] = [];
        const revisions = new Map<string, number>();
        for (let round = 0; round < 5; round++) {
          for (const id of [a, b, c, b]) {
            const event = newEvent('Step', { id, round });
            const result = await store.append(id, [event], revisions.get(id) ?? 'noStream');
            revisions.set(id, result.lastRevision);
            order.push(event.eventId);
          }
        }

        const all = await store.readAll(start, 1000);
        expect(all.map((e) => e.eventId)).toEqual(order);
        expect(isStrictlyIncreasing(all.map((e) => e.position))).toBe(true);
        expect(all.filter((e) => e.streamId === b).map((e) => e.revision)).toEqual([...Array(10).keys()]);
      });

      it('pages through the log with after + limit, returning every event exactly once', async () => {
        const start = await store.headPosition();
        for (let i = 0; i < 7; i++) await store.append(stream(`s${i % 3}`), numbered(i + 1), 'any');
        const everything = await store.readAll(start, 1000);
        expect(everything).toHaveLength(28);

        const pages: RecordedEvent[][] = [];
        let after = start;
        for (let page = await store.readAll(after, 5); page.length > 0; page = await store.readAll(after, 5)) {
          expect(page.length).toBeLessThanOrEqual(5);
          pages.push(page);
          after = (page[page.length - 1] as RecordedEvent).position;
        }
        expect(pages).toHaveLength(6);
        expect(pages.flat()).toEqual(everything);
        expect(new Set(pages.flat().map((e) => e.eventId)).size).toBe(28);
      });

      it('reads the same events for projections, page by page, without their metadata', async () => {
        const start = await store.headPosition();
        for (let i = 0; i < 4; i++) await store.append(stream(`p${i % 2}`), numbered(i + 2), 'any');
        const full = await store.readAll(start, 1000);
        const projected: ProjectedEvent[] = [];
        let after = start;
        for (let page = await store.readAllForProjection(after, 3); page.length > 0; page = await store.readAllForProjection(after, 3)) {
          expect(page.length).toBeLessThanOrEqual(3);
          projected.push(...page);
          after = (page[page.length - 1] as ProjectedEvent).position;
        }
        expect(full).toHaveLength(14);
        // An adapter may keep the metadata (it is never read); every other field is as readAll gives it.
        expect(projected.map(({ metadata: _ignored, ...rest }: ProjectedEvent & { metadata?: unknown }) => rest)).toEqual(full.map(({ metadata: _ignored, ...rest }) => rest));
        expect(await store.readAllForProjection(full[full.length - 1]!.position, 10)).toEqual([]);
      });

      it('reads nothing after the head, and the head is the last appended position', async () => {
        await store.append(stream('x'), numbered(2), 'noStream');
        const last = await store.append(stream('y'), numbered(3), 'noStream');

        expect(await store.headPosition()).toBe(last.lastPosition);
        expect(await store.readAll(last.lastPosition, 10)).toEqual([]);
        expect((await store.readAll(last.firstPosition, 10)).map((e) => e.revision)).toEqual([1, 2]);
      });
    });

    describe('idempotency', () => {
      it('answers a retried append with the first result and appends nothing', async () => {
        const id = stream('community');
        const key = stream('request');
        const first = await store.append(id, numbered(2), 'noStream', { idempotencyKey: key });
        const head = await store.headPosition();

        // The retry carries the same stale expectation and fresh event ids, as a resent request would.
        const retry = await store.append(id, numbered(2), 'noStream', { idempotencyKey: key });

        expect(first.duplicate).toBe(false);
        expect(retry).toEqual({ ...first, duplicate: true });
        expect(await store.headPosition()).toBe(head);
        expect(await store.readStream(id)).toHaveLength(2);
        expect(await store.findByIdempotencyKey(key)).toEqual(first);
      });

      it('appends under a different key, and knows no unused key', async () => {
        const id = stream('plan');
        const first = await store.append(id, numbered(1), 'noStream', { idempotencyKey: stream('one') });
        const second = await store.append(id, numbered(1, 1), first.lastRevision, { idempotencyKey: stream('two') });

        expect(second).toMatchObject({ firstRevision: 1, duplicate: false });
        expect(await store.readStream(id)).toHaveLength(2);
        expect(await store.findByIdempotencyKey(stream('three'))).toBeNull();
      });

      it('does not record the key of a rejected append', async () => {
        const id = stream('meeting');
        const key = stream('request');
        await store.append(id, numbered(1), 'noStream');
        await expect(store.append(id, numbered(1), 'noStream', { idempotencyKey: key })).rejects.toBeInstanceOf(WrongExpectedRevisionError);

        expect(await store.findByIdempotencyKey(key)).toBeNull();
        expect(await store.append(id, numbered(1), 0, { idempotencyKey: key })).toMatchObject({ firstRevision: 1, duplicate: false });
      });
    });

    describe('event ids', () => {
      it('rejects an event id stored already, appending nothing of the batch', async () => {
        const stored = newEvent('First');
        await store.append(stream('one'), [stored], 'noStream');
        const head = await store.headPosition();

        const error = await rejectionOf(store.append(stream('two'), [newEvent('Fresh'), { ...stored }], 'any'));

        expect(error).toBeInstanceOf(DuplicateEventIdError);
        expect(error).toMatchObject({ eventId: stored.eventId });
        expect(await store.readStream(stream('two'))).toEqual([]);
        expect(await store.headPosition()).toBe(head);
      });

      it('rejects the same event id twice in one batch', async () => {
        const event = newEvent('Twice');
        await expect(store.append(stream('one'), [event, event], 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
        expect(await store.readStream(stream('one'))).toEqual([]);
      });
    });

    describe('volume', () => {
      it('stores a stream of 100,000 events appended 1,000 at a time and reads it back in order', async () => {
        const id = stream('big');
        const start = await store.headPosition();
        let expected: number | 'noStream' = 'noStream';
        for (let batch = 0; batch < 100; batch++) {
          expected = (await store.append(id, numbered(1000, batch * 1000), expected)).lastRevision;
        }

        const read = await store.readStream(id);
        expect(read).toHaveLength(100_000);
        expect(read.every((event, i) => event.revision === i && (event.data as { n: number }).n === i)).toBe(true);
        expect(isStrictlyIncreasing(read.map((e) => e.position))).toBe(true);
        const all = await readEverything(store, start, 10_000);
        expect(all).toHaveLength(100_000);
        expect(all[99_999]?.revision).toBe(99_999);
      });
    });

    describe('concurrent writers', () => {
      it('lets exactly one of many appends with the same expected revision win', async () => {
        const id = stream('contested');
        await store.append(id, numbered(1), 'noStream');

        const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, n) => store.append(id, [newEvent('Attempt', { n })], 0)));

        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const losers = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
        expect(losers).toHaveLength(19);
        expect(losers.every((reason) => reason instanceof WrongExpectedRevisionError)).toBe(true);
        expect((await store.readStream(id)).map((e) => e.revision)).toEqual([0, 1]);
      });

      it('gives every retrying writer its own revision, none lost or repeated', async () => {
        const id = stream('retried');
        const events = Array.from({ length: 15 }, (_, n) => newEvent('Retry', { n }));

        const results = await Promise.all(events.map((event) => appendWithRetry(store, id, event)));

        expect(results.map((r) => r.firstRevision).sort((x, y) => x - y)).toEqual([...Array(15).keys()]);
        const read = await store.readStream(id);
        expect(new Set(read.map((e) => e.eventId))).toEqual(new Set(events.map((e) => e.eventId)));
      });

      it('lands concurrent appends to different streams with unique increasing positions', async () => {
        const start = await store.headPosition();
        const ids = Array.from({ length: 50 }, (_, i) => stream(`parallel-${i}`));

        const results = await Promise.all(ids.map((id) => store.append(id, numbered(3), 'noStream')));

        const all = await store.readAll(start, 1000);
        expect(all).toHaveLength(150);
        expect(isStrictlyIncreasing(all.map((e) => e.position))).toBe(true);
        expect(new Set(results.flatMap((r) => [r.firstPosition, r.lastPosition])).size).toBe(100);
        for (const [i, id] of ids.entries()) {
          expect(all.filter((e) => e.streamId === id).map((e) => e.position)).toEqual(
            (await store.readStream(id)).map((e) => e.position),
          );
          expect(results[i]).toMatchObject({ streamId: id, firstRevision: 0, lastRevision: 2 });
        }
      });
    });

    describe('subscribe', () => {
      it('delivers stored events, then live ones, in order and exactly once, and stops after close', async () => {
        const start = await store.headPosition();
        const id = stream('live');
        await store.append(id, numbered(3), 'noStream');
        const seen: RecordedEvent[] = [];

        const subscription = store.subscribe(start, async (batch) => {
          seen.push(...batch);
        });
        await waitFor(() => seen.length >= 3);
        await store.append(id, numbered(2, 3), 2);
        await store.append(stream('other'), numbered(1, 5), 'noStream');
        await waitFor(() => seen.length >= 6);
        await subscription.close();
        await store.append(id, numbered(1, 6), 4);
        await pause(300);

        expect(seen.map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 2, 3, 4, 5]);
        expect(isStrictlyIncreasing(seen.map((e) => e.position))).toBe(true);
      });

      it('starts after the given position and respects batchSize', async () => {
        const id = stream('paged');
        const first = await store.append(id, numbered(4), 'noStream');
        await store.append(id, numbered(7, 4), first.lastRevision);
        const batches: number[][] = [];

        const subscription = store.subscribe(
          first.lastPosition,
          async (batch) => {
            batches.push(batch.map((e) => (e.data as { n: number }).n));
          },
          { batchSize: 3 },
        );
        await waitFor(() => batches.flat().length >= 7);
        await subscription.close();

        expect(batches.flat()).toEqual([4, 5, 6, 7, 8, 9, 10]);
        expect(batches.every((batch) => batch.length <= 3)).toBe(true);
      });

      it('runs one handler call at a time, and close waits for the running one', async () => {
        const start = await store.headPosition();
        const id = stream('slow');
        await store.append(id, numbered(1), 'noStream');
        const release = deferred();
        let running = 0;
        let mostAtOnce = 0;
        let calls = 0;

        const subscription = store.subscribe(start, async () => {
          running++;
          calls++;
          mostAtOnce = Math.max(mostAtOnce, running);
          if (calls === 2) await release.promise;
          else await pause(5);
          running--;
        }, { batchSize: 1 });
        await waitFor(() => calls === 1);
        await store.append(id, numbered(3, 1), 0);
        await waitFor(() => calls === 2);
        let closed = false;
        const closing = subscription.close().then(() => (closed = true));
        await pause(50);
        expect(closed).toBe(false);
        release.resolve();
        await closing;

        expect(running).toBe(0);
        expect(mostAtOnce).toBe(1);
        expect(calls).toBe(2);
      });

      it('reports a failing handler to onError and delivers nothing more', async () => {
        const start = await store.headPosition();
        const id = stream('failing');
        const failure = new Error('projection broke');
        const errors: unknown[] = [];
        let calls = 0;

        const subscription = store.subscribe(
          start,
          async () => {
            calls++;
            throw failure;
          },
          { batchSize: 1, onError: (error) => errors.push(error) },
        );
        await store.append(id, numbered(3), 'noStream');
        await waitFor(() => errors.length === 1);
        await store.append(id, numbered(1, 3), 2);
        await pause(200);
        await subscription.close();

        expect(errors).toEqual([failure]);
        expect(calls).toBe(1);
      });
    });

    it('refuses work once closed, and a durable adapter reopened finds everything again', async () => {
      const id = stream('durable');
      const key = stream('key');
      const appended = await store.append(id, numbered(3), 'noStream', { idempotencyKey: key });
      const before = await store.readStream(id);
      await store.close();
      opened.splice(opened.indexOf(store), 1);

      await expect(store.readStream(id)).rejects.toThrow();
      await expect(store.append(id, numbered(1), 'any')).rejects.toThrow();
      await store.close();
      if (!fixture.reopen) return;

      const reopened = await fixture.reopen();
      opened.push(reopened);

      expect(await reopened.readStream(id)).toEqual(before);
      expect(await reopened.headPosition()).toBe(appended.lastPosition);
      expect(await reopened.findByIdempotencyKey(key)).toEqual(appended);
      expect(await reopened.append(id, numbered(1, 3), appended.lastRevision)).toMatchObject({ firstRevision: 3 });
      expect((await reopened.append(id, numbered(1), 'any')).firstPosition).toBeGreaterThan(appended.lastPosition);
    });
  });
}
