/**
 * The write path against a real (in-memory) event store: optimistic concurrency with a
 * bounded retry, and idempotency keys.
 */
import { createMemoryEventStore, WrongExpectedRevisionError, type EventStore } from '@collegium/eventstore';
import { event, type Command, type Decider, type DomainEvent } from '@collegium/domain';
import { ConflictError, execute } from './execute';

type Count = Command<'Increment', { by: number }>;
type Counted = DomainEvent<'Incremented', { by: number; total: number }>;

const counter: Decider<Count, Counted, number> = {
  initialState: () => 0,
  decide: (c, total) => [event('Incremented', { by: c.data.by, total: total + c.data.by })],
  evolve: (total, e) => e.data.total,
};

const metadata = (idempotencyKey?: string) => ({
  actor: { id: 'teacher-1', role: 'teacher' as const },
  tenant: { districtId: 'district-1' },
  now: '2025-10-01T09:00:00.000Z',
  correlationId: 'c-1',
  idempotencyKey,
});

let ids = 0;
const deps = (store: EventStore, conflictRetries = 3) => ({ store, newId: () => `id-${++ids}`, conflictRetries });
const spec = (by: number) => ({ stream: 'counter-1', decider: counter, command: () => ({ type: 'Increment' as const, data: { by }, metadata: metadata() }) });

/** A store whose appends lose the race `times` times: another writer moves the stream first. */
const racingStore = (times: number): EventStore => {
  const store = createMemoryEventStore();
  let lost = 0;
  return {
    ...store,
    append: async (stream, events, expected, options) => {
      if (lost < times) {
        lost++;
        await store.append(stream, [{ ...events[0]!, eventId: `rival-${lost}`, data: { by: 100, total: 100 * lost } }], 'any');
        throw new WrongExpectedRevisionError(stream, expected, lost - 1);
      }
      return store.append(stream, events, expected, options);
    },
  };
};

describe('execute', () => {
  it('re-decides against fresh state after losing a race, and succeeds', async () => {
    const store = racingStore(2);
    const outcome = await execute(deps(store), metadata(), spec(1));
    expect(outcome.revision).toBe(2);
    const events = await store.readStream('counter-1');
    // Decided on the state after both rival writes, not on the stale one.
    expect(events.at(-1)?.data).toEqual({ by: 1, total: 201 });
  });

  it('gives up with CONFLICT after the bounded number of retries, appending nothing of its own', async () => {
    const store = racingStore(10);
    await expect(execute(deps(store, 2), metadata(), spec(1))).rejects.toBeInstanceOf(ConflictError);
    expect((await store.readStream('counter-1')).every((e) => e.eventId.startsWith('rival-'))).toBe(true);
  });

  it('returns the first result for a retried idempotency key and appends nothing', async () => {
    const store = createMemoryEventStore();
    const once = { ...spec(5), command: () => ({ type: 'Increment' as const, data: { by: 5 }, metadata: metadata('key-1') }) };
    const first = await execute(deps(store), metadata('key-1'), once);
    const again = await execute(deps(store), metadata('key-1'), once);
    expect(again).toMatchObject({ duplicate: true, revision: first.revision, position: first.position });
    expect(again.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
    expect(await store.readStream('counter-1')).toHaveLength(1);
  });
});
