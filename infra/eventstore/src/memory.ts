/**
 * In-memory adapter for unit tests and demos. Every append runs to completion without
 * awaiting, so within one process it is as atomic as a transaction.
 */
import {
  DuplicateEventIdError,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamId,
  type Subscription,
} from './port';
import { canonicalInstant, checkExpectedRevision, checkReadAll, prepareAppend } from './rules';
import { createChangeSignal, startSubscription } from './subscription';

export const createMemoryEventStore = (): EventStore => {
  /** The global log: the event at position p sits at index p - 1. */
  const log: RecordedEvent[] = [];
  const streams = new Map<StreamId, RecordedEvent[]>();
  const eventIds = new Set<string>();
  const idempotency = new Map<string, AppendResult>();
  const signal = createChangeSignal();
  const subscriptions = new Set<Subscription>();
  let closed = false;

  const ensureOpen = (): void => {
    if (closed) throw new Error('The event store is closed');
  };

  const checkEventIds = (events: readonly NewEvent[]): void => {
    const batch = new Set<string>();
    for (const { eventId } of events) {
      if (eventIds.has(eventId) || batch.has(eventId)) throw new DuplicateEventIdError(eventId);
      batch.add(eventId);
    }
  };

  const readAll = async (after: number, limit: number): Promise<RecordedEvent[]> => {
    ensureOpen();
    checkReadAll(after, limit);
    return log.slice(after, after + limit);
  };

  return {
    append: async (streamId: StreamId, newEvents: readonly NewEvent[], expected: ExpectedRevision, options?: AppendOptions) => {
      ensureOpen();
      const events = prepareAppend(streamId, newEvents, expected);
      const key = options?.idempotencyKey;
      if (key !== undefined) {
        const first = idempotency.get(key);
        if (first) return { ...first, duplicate: true };
      }
      const stream = streams.get(streamId) ?? [];
      const firstRevision = stream.length;
      checkExpectedRevision(streamId, expected, firstRevision - 1);
      // Every check passes before the first write, so a rejected append leaves no trace.
      checkEventIds(events);
      const firstPosition = log.length + 1;
      for (const event of events) {
        const recorded: RecordedEvent = { ...event, streamId, revision: stream.length, position: log.length + 1 };
        log.push(recorded);
        stream.push(recorded);
        eventIds.add(event.eventId);
      }
      streams.set(streamId, stream);
      const result: AppendResult = {
        streamId,
        firstRevision,
        lastRevision: stream.length - 1,
        firstPosition,
        lastPosition: log.length,
        duplicate: false,
      };
      if (key !== undefined) idempotency.set(key, result);
      signal.notify();
      return result;
    },

    readStream: async (streamId: StreamId, options: ReadStreamOptions = {}) => {
      ensureOpen();
      const stream = streams.get(streamId) ?? [];
      const from = Math.max(0, options.fromRevision ?? 0);
      const to = options.toRevision ?? Number.MAX_SAFE_INTEGER;
      const slice = stream.slice(from, to + 1);
      if (options.recordedUntil === undefined) return slice;
      const until = canonicalInstant(options.recordedUntil, 'recordedUntil');
      return slice.filter((event) => event.recordedAt <= until);
    },

    readAll,
    // The metadata arrives with each event anyway: nothing to save by leaving it out.
    readAllForProjection: readAll,

    subscribe: (after, handler, options) => {
      ensureOpen();
      const subscription = startSubscription({ readAll, signal }, after, handler, options);
      subscriptions.add(subscription);
      return {
        close: async () => {
          subscriptions.delete(subscription);
          await subscription.close();
        },
      };
    },

    headPosition: async () => {
      ensureOpen();
      return log.length;
    },

    readEvents: async (ids: readonly string[]) => {
      ensureOpen();
      const wanted = new Set(ids);
      // Positions are dense from 1, so the log is its own index by position; ids need a scan.
      return log.filter((e) => wanted.has(e.eventId));
    },

    findByIdempotencyKey: async (key: string) => {
      ensureOpen();
      return idempotency.get(key) ?? null;
    },

    close: async () => {
      if (closed) return;
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      subscriptions.clear();
      closed = true;
    },
  };
};
