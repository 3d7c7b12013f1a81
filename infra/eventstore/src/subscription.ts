/**
 * The catch-up-then-live subscription loop both embedded adapters share: it only ever reads
 * the global log from the last delivered position, so stored and live events go through the
 * same path and none can be delivered twice or skipped.
 */
import type { GlobalPosition, RecordedEvent, SubscribeOptions, Subscription } from './port';

export const DEFAULT_SUBSCRIPTION_BATCH = 1000;

/** Wakes waiting subscriptions when this process appended something. */
export interface ChangeSignal {
  /** Bumped on every append; a reader compares it to know whether it may have missed one. */
  readonly version: () => number;
  readonly notify: () => void;
  readonly listen: (listener: () => void) => () => void;
}

export const createChangeSignal = (): ChangeSignal => {
  let version = 0;
  const listeners = new Set<() => void>();
  return {
    version: () => version,
    notify: () => {
      version++;
      for (const listener of [...listeners]) listener();
    },
    listen: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};

export interface SubscriptionSource {
  readonly readAll: (after: GlobalPosition, limit: number) => Promise<RecordedEvent[]>;
  readonly signal: ChangeSignal;
  /** Re-read this often while idle, to see appends made by other processes; undefined: never. */
  readonly pollIntervalMs?: number | undefined;
}

/** A handler failure with nobody listening must not stall a projector silently. */
const reportUnheard = (error: unknown): void => {
  void Promise.reject(error);
};

export const startSubscription = (
  source: SubscriptionSource,
  after: GlobalPosition,
  handler: (batch: readonly RecordedEvent[]) => Promise<void>,
  options: SubscribeOptions = {},
): Subscription => {
  const batchSize = options.batchSize ?? DEFAULT_SUBSCRIPTION_BATCH;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError(`subscribe: batchSize must be a positive integer, got ${batchSize}`);
  let closed = false;
  let wakeIdle: (() => void) | undefined;

  // Resolves on the next local append, the next poll, or close; `seen` closes the window
  // between an empty read and starting to wait, in which an append could otherwise be missed.
  const idle = (seen: number): Promise<void> =>
    new Promise<void>((resolve) => {
      if (closed || source.signal.version() !== seen) return resolve();
      let timer: NodeJS.Timeout | undefined;
      const wake = (): void => {
        if (timer !== undefined) clearTimeout(timer);
        stopListening();
        wakeIdle = undefined;
        resolve();
      };
      const stopListening = source.signal.listen(wake);
      wakeIdle = wake;
      if (source.pollIntervalMs !== undefined) timer = setTimeout(wake, source.pollIntervalMs);
    });

  const run = async (): Promise<void> => {
    let position = after;
    while (!closed) {
      const seen = source.signal.version();
      const batch = await source.readAll(position, batchSize);
      if (closed) return;
      const last = batch[batch.length - 1];
      if (last === undefined) {
        await idle(seen);
        continue;
      }
      await handler(batch);
      position = last.position;
    }
  };

  const running = run().catch((error: unknown) => {
    closed = true;
    if (!options.onError) return reportUnheard(error);
    try {
      options.onError(error);
    } catch (failure) {
      reportUnheard(failure);
    }
  });

  return {
    // Awaiting close() from inside the handler would wait for itself: close without awaiting there.
    close: async () => {
      closed = true;
      wakeIdle?.();
      await running;
    },
  };
};
