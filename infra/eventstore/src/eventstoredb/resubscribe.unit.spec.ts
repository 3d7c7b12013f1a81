/**
 * The resubscribe loop against plain async iterables that stand in for server subscriptions
 * and fail on cue: a test of our loop, not a fake EventStoreDB.
 */
import { backoffDelay, readyBatches, startResubscribing, type EventSource, type ResubscribingOptions } from './resubscribe';

interface Event {
  readonly position: number;
}

interface Plan {
  /** Throw after yielding this many events (the server dropped the subscription). */
  readonly failAfter?: number;
  /** End cleanly after yielding this many events (the server closed the stream). */
  readonly endAfter?: number;
  /** Resume inclusively: repeat the event at `after`, as a read from a position does. */
  readonly inclusive?: boolean;
}

/** A growing log, and sources reading it after a position; each open follows the next plan. */
const fakeLog = (positions: number[], plans: Plan[] = []) => {
  const log: Event[] = positions.map((position) => ({ position }));
  const wakers = new Set<() => void>();
  const opened: number[] = [];
  const closedSources: number[] = [];

  const open = (after: number): EventSource<Event> => {
    const plan = plans.shift() ?? {};
    const id = opened.push(after);
    let closed = false;
    async function* events(): AsyncGenerator<Event> {
      let yielded = 0;
      for (let index = 0; !closed; ) {
        const event = log[index];
        if (event === undefined) {
          await new Promise<void>((resolve) => wakers.add(resolve));
          continue;
        }
        index++;
        if (plan.inclusive ? event.position < after : event.position <= after) continue;
        if (yielded === plan.failAfter) throw new Error(`dropped after ${yielded}`);
        if (yielded === plan.endAfter) return;
        yielded++;
        yield event;
      }
    }
    return {
      [Symbol.asyncIterator]: events,
      close: async () => {
        closed = true;
        closedSources.push(id);
        for (const wake of [...wakers]) wake();
        wakers.clear();
      },
    };
  };

  const append = (...more: number[]): void => {
    log.push(...more.map((position) => ({ position })));
    for (const wake of [...wakers]) wake();
    wakers.clear();
  };

  return { open, append, opened, closedSources };
};

const waitFor = async (condition: () => boolean, timeoutMs = 2000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
};

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the loop collecting deliveries; waits are recorded, not slept. */
const run = (source: ReturnType<typeof fakeLog>, overrides: Partial<ResubscribingOptions<Event>> = {}) => {
  const batches: number[][] = [];
  const drops: { message: string; attempt: number; delayMs: number }[] = [];
  const subscription = startResubscribing<Event>({
    open: source.open,
    after: 0,
    batchSize: 100,
    handler: async (batch) => {
      batches.push(batch.map((event) => event.position));
    },
    backoff: { initialMs: 10, maxMs: 40 },
    onDrop: (error, attempt, delayMs) => drops.push({ message: (error as Error).message, attempt, delayMs }),
    sleep: async () => undefined,
    ...overrides,
  });
  return { subscription, batches, drops, delivered: () => batches.flat() };
};

describe('backoffDelay', () => {
  it('doubles per consecutive drop and stays at the bound', () => {
    const backoff = { initialMs: 100, maxMs: 1000 };
    expect([1, 2, 3, 4, 5, 6, 1000].map((attempt) => backoffDelay(attempt, backoff))).toEqual([100, 200, 400, 800, 1000, 1000, 1000]);
  });
});

describe('readyBatches', () => {
  it('fills batches from what is ready and never exceeds the size', async () => {
    async function* ready(): AsyncGenerator<number> {
      for (let n = 1; n <= 7; n++) yield n;
    }
    const batches: number[][] = [];
    for await (const batch of readyBatches(ready(), 3)) batches.push(batch);
    expect(batches).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('hands over what it has when the source goes quiet, instead of waiting for a full batch', async () => {
    async function* live(): AsyncGenerator<number> {
      yield 1;
      yield 2;
      await pause(30);
      yield 3;
    }
    const batches: number[][] = [];
    for await (const batch of readyBatches(live(), 10)) batches.push(batch);
    expect(batches).toEqual([[1, 2], [3]]);
  });

  it('passes on a failure of the source after the events before it, even those of the same turn', async () => {
    async function* failing(): AsyncGenerator<number> {
      yield 1;
      yield 2;
      throw new Error('dropped');
    }
    const batches: number[][] = [];
    await expect(
      (async () => {
        for await (const batch of readyBatches(failing(), 10)) batches.push(batch);
      })(),
    ).rejects.toThrow('dropped');
    expect(batches).toEqual([[1, 2]]);
  });
});

describe('startResubscribing', () => {
  it('resubscribes after a drop from the last delivered position, losing and repeating nothing', async () => {
    const source = fakeLog([10, 20, 30, 40, 50], [{ failAfter: 2 }, { failAfter: 1 }]);
    const { subscription, delivered, drops } = run(source);

    await waitFor(() => delivered().length >= 5);
    source.append(60, 70);
    await waitFor(() => delivered().length >= 7);
    await subscription.close();

    expect(delivered()).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(source.opened).toEqual([0, 20, 30]);
    expect(drops.map((drop) => drop.message)).toEqual(['dropped after 2', 'dropped after 1']);
  });

  it('drops events a resumed source repeats at or below the last delivered position', async () => {
    const source = fakeLog([10, 20, 30], [{ failAfter: 2 }, { inclusive: true }]);
    const { subscription, delivered } = run(source);

    await waitFor(() => delivered().length >= 3);
    await pause(20);
    await subscription.close();

    expect(delivered()).toEqual([10, 20, 30]);
    expect(source.opened).toEqual([0, 20]);
  });

  it('resubscribes when the server ends the stream without an error', async () => {
    const source = fakeLog([1, 2, 3], [{ endAfter: 1 }]);
    const { subscription, delivered, drops } = run(source);

    await waitFor(() => delivered().length >= 3);
    await subscription.close();

    expect(delivered()).toEqual([1, 2, 3]);
    expect(drops).toEqual([{ message: 'The server ended the subscription', attempt: 1, delayMs: 10 }]);
  });

  it('backs off longer per drop without progress, bounded, and starts over after a delivery', async () => {
    const source = fakeLog([1, 2], [{ failAfter: 0 }, { failAfter: 0 }, { failAfter: 0 }, { failAfter: 0 }, { failAfter: 1 }, { failAfter: 0 }]);
    const { subscription, delivered, drops } = run(source);

    await waitFor(() => delivered().length >= 2);
    await subscription.close();

    expect(delivered()).toEqual([1, 2]);
    expect(drops.map((drop) => drop.delayMs)).toEqual([10, 20, 40, 40, 10, 20]);
    expect(drops.map((drop) => drop.attempt)).toEqual([1, 2, 3, 4, 1, 2]);
  });

  it('counts a source that cannot even be opened as a drop', async () => {
    const source = fakeLog([5]);
    let failures = 1;
    const { subscription, delivered, drops } = run(source, {
      open: (after) => {
        if (failures-- > 0) throw new Error('unavailable');
        return source.open(after);
      },
    });

    await waitFor(() => delivered().length >= 1);
    await subscription.close();

    expect(delivered()).toEqual([5]);
    expect(drops.map((drop) => drop.message)).toEqual(['unavailable']);
  });

  it('delivers in batches of at most batchSize, one handler call at a time', async () => {
    const source = fakeLog(Array.from({ length: 25 }, (_, i) => i + 1));
    let running = 0;
    let mostAtOnce = 0;
    const { subscription, batches } = run(source, {
      batchSize: 4,
      handler: async (batch) => {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        await pause(1);
        batches.push(batch.map((event) => event.position));
        running--;
      },
    });

    await waitFor(() => batches.flat().length >= 25);
    await subscription.close();

    expect(batches.flat()).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(batches.every((batch) => batch.length <= 4)).toBe(true);
    expect(mostAtOnce).toBe(1);
  });

  it('stops for good when the handler fails, reporting it once and closing the source', async () => {
    const source = fakeLog([1, 2, 3]);
    const failure = new Error('projection broke');
    const errors: unknown[] = [];
    let calls = 0;
    const { subscription } = run(source, {
      batchSize: 1,
      handler: async () => {
        calls++;
        throw failure;
      },
      onError: (error) => errors.push(error),
    });

    await waitFor(() => errors.length === 1);
    source.append(4);
    await pause(20);
    await subscription.close();

    expect(errors).toEqual([failure]);
    expect(calls).toBe(1);
    expect(source.opened).toEqual([0]);
    expect(source.closedSources).toEqual([1]);
  });

  it('close waits for the running handler call, then closes the source and delivers nothing more', async () => {
    const source = fakeLog([1]);
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const seen: number[] = [];
    const { subscription } = run(source, {
      handler: async (batch) => {
        seen.push(...batch.map((event) => event.position));
        await released;
      },
    });
    await waitFor(() => seen.length === 1);

    let closed = false;
    const closing = subscription.close().then(() => (closed = true));
    source.append(2);
    await pause(20);
    expect(closed).toBe(false);
    release();
    await closing;

    expect(seen).toEqual([1]);
    expect(source.closedSources).toContain(1);
  });

  it('close interrupts the wait between resubscriptions', async () => {
    const source = fakeLog([], [{ failAfter: 0 }]);
    const { subscription, drops } = run(source, { sleep: () => new Promise<void>(() => undefined) });
    source.append(1);
    await waitFor(() => drops.length === 1);

    await subscription.close();

    expect(source.opened).toEqual([0]);
  });
});
