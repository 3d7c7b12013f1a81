/**
 * Delivery loop of the EventStoreDB subscription, kept free of the client so it is unit tested
 * with plain async iterables: it batches what a catch-up subscription yields, hands the batches
 * to the handler one call at a time, and when the source fails or ends (the server dropped the
 * subscription) opens a new one after the last delivered position, waiting a bounded backoff.
 *
 * "Nothing lost, nothing twice" rests on two facts: a source opened after position p yields
 * every event after p in position order, and the loop drops anything at or below the last
 * delivered position (a source may resume inclusively and repeat the last event).
 */
import type { GlobalPosition, Subscription } from '../port';

export interface Positioned {
  readonly position: GlobalPosition;
}

/** One server subscription: its events, and a way to stop it (a pending read then ends or fails). */
export interface EventSource<E> extends AsyncIterable<E> {
  close(): Promise<void>;
}

export interface Backoff {
  /** Wait before the first resubscription. */
  readonly initialMs: number;
  /** Upper bound: the wait doubles per consecutive failure up to this. */
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 100, maxMs: 5000 };

export interface ResubscribingOptions<E extends Positioned> {
  /** Opens a subscription yielding the events after `after`, in position order. */
  readonly open: (after: GlobalPosition) => EventSource<E>;
  readonly after: GlobalPosition;
  readonly batchSize: number;
  readonly handler: (batch: readonly E[]) => Promise<void>;
  readonly backoff?: Backoff;
  /** Told of every drop before the wait; `attempt` counts drops since the last delivery. */
  readonly onDrop?: (error: unknown, attempt: number, delayMs: number) => void;
  /** Called when the handler throws; the subscription stops after it. */
  readonly onError?: ((error: unknown) => void) | undefined;
  /** Injected by tests to avoid real waits. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Wait before resubscribing after the `attempt`-th consecutive drop (1-based): doubling, capped. */
export const backoffDelay = (attempt: number, backoff: Backoff): number =>
  Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));

const NOT_READY = Symbol('not ready');

const nextTurn = (): Promise<typeof NOT_READY> => new Promise((resolve) => setImmediate(() => resolve(NOT_READY)));

/**
 * Groups a source into batches of at most `size`: a batch closes when it is full or when the
 * source has nothing more ready within one event-loop turn. A catch-up read thus fills whole
 * batches while a live tail still delivers each new event at once.
 */
export async function* readyBatches<E>(source: AsyncIterable<E>, size: number): AsyncGenerator<E[]> {
  const iterator = source[Symbol.asyncIterator]();
  let batch: E[] = [];
  let turn: Promise<typeof NOT_READY> | undefined;
  const pull = (): Promise<IteratorResult<E>> => {
    const next = iterator.next();
    // While the consumer runs a handler nobody awaits this read yet; a failure must not count as unhandled.
    next.catch(() => undefined);
    return next;
  };
  let pending = pull();
  for (;;) {
    let result: IteratorResult<E> | typeof NOT_READY;
    try {
      result = turn === undefined ? await pending : await Promise.race([pending, turn]);
    } catch (error) {
      // The events before a failure are good: hand them over, so a resubscription starts after them.
      if (batch.length > 0) yield batch;
      throw error;
    }
    if (result === NOT_READY) {
      turn = undefined;
      const full = batch;
      batch = [];
      yield full;
      continue;
    }
    if (result.done === true) {
      if (batch.length > 0) yield batch;
      return;
    }
    batch.push(result.value);
    pending = pull();
    if (batch.length >= size) {
      turn = undefined;
      const full = batch;
      batch = [];
      yield full;
    } else {
      turn ??= nextTurn();
    }
  }
}

/** Marks a failure of the handler, which stops the loop, apart from failures of the source, which resubscribe. */
class HandlerFailure {
  constructor(readonly cause: unknown) {}
}

/** A handler failure with nobody listening must not stall a projector silently. */
const reportUnheard = (error: unknown): void => {
  void Promise.reject(error);
};

export const startResubscribing = <E extends Positioned>(options: ResubscribingOptions<E>): Subscription => {
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  let closed = false;
  let current: EventSource<E> | undefined;
  let wakeSleeper: (() => void) | undefined;

  const sleep = (ms: number): Promise<void> =>
    new Promise<void>((resolve) => {
      wakeSleeper = resolve;
      void (options.sleep ?? ((wait) => new Promise<void>((done) => setTimeout(done, wait))))(ms).then(resolve);
    }).finally(() => (wakeSleeper = undefined));

  /** Runs one subscription until it fails or ends; returns the failure (undefined: it ended or we closed it). */
  const consume = async (source: EventSource<E>, state: { position: GlobalPosition; drops: number }): Promise<unknown> => {
    try {
      for await (const batch of readyBatches(source, options.batchSize)) {
        if (closed) return undefined;
        const fresh = batch.filter((event) => event.position > state.position);
        const last = fresh[fresh.length - 1];
        if (last === undefined) continue;
        try {
          await options.handler(fresh);
        } catch (error) {
          throw new HandlerFailure(error);
        }
        state.position = last.position;
        state.drops = 0;
      }
      return undefined;
    } catch (error) {
      if (error instanceof HandlerFailure) throw error;
      return error;
    } finally {
      current = undefined;
      await source.close().catch(() => undefined);
    }
  };

  const openAndConsume = async (state: { position: GlobalPosition; drops: number }): Promise<unknown> => {
    let source: EventSource<E>;
    try {
      source = options.open(state.position);
    } catch (error) {
      return error;
    }
    current = source;
    return consume(source, state);
  };

  const run = async (): Promise<void> => {
    const state = { position: options.after, drops: 0 };
    while (!closed) {
      const failure = await openAndConsume(state);
      if (closed) return;
      state.drops++;
      const delay = backoffDelay(state.drops, backoff);
      options.onDrop?.(failure ?? new Error('The server ended the subscription'), state.drops, delay);
      await sleep(delay);
    }
  };

  const running = run().catch((failure: unknown) => {
    closed = true;
    const error = failure instanceof HandlerFailure ? failure.cause : failure;
    if (!options.onError) return reportUnheard(error);
    try {
      options.onError(error);
    } catch (secondary) {
      reportUnheard(secondary);
    }
  });

  return {
    // Awaiting close() from inside the handler would wait for itself: close without awaiting there.
    close: async () => {
      closed = true;
      wakeSleeper?.();
      await current?.close().catch(() => undefined);
      await running;
    },
  };
};
