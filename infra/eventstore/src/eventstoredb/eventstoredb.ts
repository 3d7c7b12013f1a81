/**
 * EventStoreDB adapter of the event store port (production stack). The port's semantics were
 * modelled on EventStoreDB, so streams, revisions, expected revisions and the $all order map
 * one to one. Three things of the port have no ESDB counterpart and are built here on top of
 * ordinary streams, each described where it is implemented:
 *
 * - global event-id uniqueness and lookup by id ("Event ids"),
 * - idempotency keys ("Idempotency keys"),
 * - a subscription that survives the server dropping it (./resubscribe.ts).
 *
 * The adapter's bookkeeping lives in streams prefixed `collegium-internal-`; every read of the
 * global log skips them and ESDB's system events. Positions are $all commit positions
 * (./mapping.ts, toGlobalPosition); they are sparse byte offsets, which the port allows.
 *
 * Requires EventStoreDB 22.6 or later (stream reads must carry positions) and the gRPC API
 * (all events implicit commits; data written by the legacy TCP API's explicit transactions is
 * not supported).
 */
import { randomUUID } from 'node:crypto';
import {
  DuplicateEventIdError,
  WrongExpectedRevisionError,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type GlobalPosition,
  type NewEvent,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamId,
  type SubscribeOptions,
  type Subscription,
} from '../port';
import { canonicalInstant, checkReadAll, prepareAppend } from '../rules';
import { DEFAULT_SUBSCRIPTION_BATCH } from '../subscription';
import {
  BACKWARDS,
  END,
  FORWARDS,
  NO_STREAM,
  connect,
  isStreamNotFound,
  isWrongExpectedVersion,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type Client,
  type ClientRecordedEvent,
  type EventData,
  type JSONType,
  type Position,
  type ReadPosition,
} from './client';
import {
  DOMAIN_STREAMS_REGEX,
  checkDomainStream,
  eventIdStream,
  fromCurrentRevision,
  fromStoredEvent,
  idempotencyStream,
  isDomainEvent,
  keyedStoredId,
  markerEventId,
  portEventIdOf,
  readPositionAfter,
  storedIdFor,
  toClientExpected,
  toGlobalPosition,
  toMetadataEnvelope,
} from './mapping';
import { DEFAULT_BACKOFF, startResubscribing, type Backoff, type EventSource } from './resubscribe';

export interface EventStoreDbEventStoreOptions {
  /** e.g. `esdb://localhost:2113?tls=false`, or `esdb+discover://…` for a cluster. */
  readonly connectionString: string;
  /** Wait before resubscribing after the server dropped a subscription; doubles per drop up to `maxMs`. */
  readonly resubscribeBackoff?: Backoff;
  /** Told each time the server drops a subscription (which then resubscribes); default: console.warn. */
  readonly onSubscriptionDropped?: (error: unknown, attempt: number, delayMs: number) => void;
  /** How many claim writes or id lookups run at once (one append of n events makes n claims). */
  readonly concurrency?: number;
}

/** An append with `'any'` retries this often when other writers keep moving the stream (see append). */
const MAX_ANY_ATTEMPTS = 50;
/** A claim on an event id retries this often when other writers keep taking it over. */
const MAX_CLAIM_ATTEMPTS = 10;
/** $all records read per round trip when scanning backwards for the head. */
const HEAD_SCAN_CHUNK = 256;

const CLAIM_TYPE = 'EventIdClaimed';
const MARKER_TYPE = 'IdempotencyKeyRecorded';

interface Claim {
  readonly streamId: StreamId;
  readonly revision: number;
  /** Revision of this claim in its claim stream: the expectation to take it over with. */
  readonly claimRevision: bigint;
}

type RecordedResult = Omit<AppendResult, 'duplicate'>;

/** The stored-id facts of one event of a keyed append, for recognising its own earlier attempt. */
interface KeyedSlot {
  readonly storedId: string;
  readonly index: number;
}

/**
 * Thrown inside a keyed append whose events an earlier attempt under the same key already
 * stored (found through their id claims): the append is answered from there, not repeated.
 */
class StoredByEarlierAttempt {
  constructor(
    readonly streamId: StreamId,
    readonly firstRevision: number,
  ) {}
}

const defaultDropReport = (error: unknown, attempt: number, delayMs: number): void =>
  console.warn(`[eventstore:eventstoredb] subscription dropped (attempt ${attempt}); resubscribing in ${delayMs} ms:`, error);

/** Runs `task` over `items` with at most `limit` running at once; results keep the items' order. */
const mapConcurrently = async <T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> => {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};

const checkUniqueIds = (events: readonly NewEvent[]): void => {
  const seen = new Set<string>();
  for (const { eventId } of events) {
    if (seen.has(eventId)) throw new DuplicateEventIdError(eventId);
    seen.add(eventId);
  }
};

/** A '$' type would make the event a system event, which every read of the log skips. */
const checkTypes = (streamId: StreamId, events: readonly NewEvent[]): void => {
  for (const { type } of events) {
    if (type.startsWith('$')) throw new RangeError(`Stream ${streamId}: event types starting with '$' are reserved for EventStoreDB`);
  }
};

const toEventData = (event: NewEvent, storedId: string): EventData => ({
  id: storedId,
  contentType: 'application/json',
  type: event.type,
  // The client JSON-encodes any value, not only the objects, arrays and strings its type names;
  // undefined has no JSON form and is stored as null, as the SQLite adapter does.
  data: (event.data === undefined ? null : event.data) as JSONType,
  metadata: toMetadataEnvelope(event, storedId),
});

const bookkeepingEvent = (type: string, data: Record<string, unknown>, id?: string): EventData => ({
  id: id ?? randomUUID(),
  contentType: 'application/json',
  type,
  data: data as JSONType,
  metadata: undefined,
});

export const createEventStoreDbEventStore = (options: EventStoreDbEventStoreOptions): EventStore => {
  const client: Client = connect(options.connectionString);
  const concurrency = options.concurrency ?? 64;
  const subscriptions = new Set<Subscription>();
  let closed = false;

  const ensureOpen = (): void => {
    if (closed) throw new Error('The event store is closed');
  };

  // -------------------------------------------------------------------------------------------
  // Reading

  /** A stream's events from `from` on (at most `count`), forwards or backwards; an unknown stream reads as empty. */
  const readRaw = async (
    streamId: string,
    from: bigint | typeof END,
    count: bigint,
    direction: typeof FORWARDS | typeof BACKWARDS = FORWARDS,
  ): Promise<ClientRecordedEvent[]> => {
    const events: ClientRecordedEvent[] = [];
    try {
      for await (const resolved of client.readStream(streamId, { fromRevision: from, maxCount: count, direction })) {
        if (resolved.event) events.push(resolved.event);
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
    return events;
  };

  const readAt = async (streamId: string, revision: number): Promise<ClientRecordedEvent | undefined> =>
    (await readRaw(streamId, BigInt(revision), 1n))[0];

  /** The stream's last revision, -1 when it does not exist. */
  const lastRevision = async (streamId: string): Promise<number> => {
    const last = (await readRaw(streamId, END, 1n, BACKWARDS))[0];
    return last === undefined ? -1 : Number(last.revision);
  };

  const readAllChunk = async (from: ReadPosition, count: number, direction: typeof FORWARDS | typeof BACKWARDS): Promise<AllStreamResolvedEvent[]> => {
    const chunk: AllStreamResolvedEvent[] = [];
    for await (const resolved of client.readAll({ fromPosition: from, maxCount: count, direction, resolveLinkTos: false })) chunk.push(resolved);
    return chunk;
  };

  /**
   * Reads $all forwards, skipping system and bookkeeping events, until `limit` domain events
   * after `after` are found or the log ends. The client offers no server-side filter on reads
   * (only on subscriptions), so skipped events cross the wire: about one claim event per domain
   * event, i.e. a page costs about twice its size.
   */
  const readAll = async (after: GlobalPosition, limit: number): Promise<RecordedEvent[]> => {
    ensureOpen();
    checkReadAll(after, limit);
    const found: RecordedEvent[] = [];
    const chunkSize = Math.min(Math.max(2 * limit + 2, 64), 8192);
    let from = readPositionAfter(after);
    let seen = after;
    for (;;) {
      const chunk = await readAllChunk(from, chunkSize, FORWARDS);
      let lastRaw: Position | undefined;
      for (const { event } of chunk) {
        if (!event) continue;
        const position = toGlobalPosition(event.position);
        if (position <= seen) continue; // forward reads start inclusively
        seen = position;
        lastRaw = event.position;
        if (!isDomainEvent(event.streamId, event.type)) continue;
        found.push(fromStoredEvent(event));
        if (found.length === limit) return found;
      }
      if (chunk.length < chunkSize || lastRaw === undefined) return found;
      from = lastRaw;
    }
  };

  /** Position of the newest domain event: $all read backwards past system and bookkeeping events. */
  const headPosition = async (): Promise<GlobalPosition> => {
    ensureOpen();
    let from: ReadPosition = END;
    for (;;) {
      const chunk = await readAllChunk(from, HEAD_SCAN_CHUNK, BACKWARDS);
      for (const { event } of chunk) {
        if (event && isDomainEvent(event.streamId, event.type)) return toGlobalPosition(event.position);
      }
      const oldest = chunk[chunk.length - 1]?.event?.position;
      if (chunk.length < HEAD_SCAN_CHUNK || oldest === undefined) return 0;
      from = oldest;
    }
  };

  // -------------------------------------------------------------------------------------------
  // Event ids
  //
  // The port promises globally unique event ids and lookup by id; ESDB checks ids only within
  // a stream (and only to make a repeated write idempotent) and cannot find an event by id.
  // So each event id gets a claim stream, `collegium-internal-event-<id>`, whose last event
  // says where the event is: {streamId, revision}. Claims are written BEFORE the append, at
  // the revisions the append will take (known, because every append is made with a specific
  // expected revision, see append); ESDB cannot write two streams atomically, so a claim may
  // outlive an append that failed. A claim is therefore only believed after checking that
  // the event at {streamId, revision} really carries the id:
  // - appending an id whose claim checks out → DuplicateEventIdError, nothing appended;
  // - a claim that does not check out is stale and is taken over (appended to with the
  //   claim's revision as expectation, so two writers cannot both take it over);
  // - readEvents reads the claim, then the one event it names: two point reads per id.
  // Cost: one extra (small) write per appended event, and $all holds that many bookkeeping
  // events, which reads of the log skip. Not guaranteed: two appends carrying the SAME new
  // id into different streams at the same moment can both land (each sees the other's claim
  // before the other's append, takes it over, and succeeds); sequential duplicates are always
  // caught. Ids within one batch are checked before anything is written.

  const readClaim = async (eventId: string): Promise<Claim | undefined> => {
    const last = (await readRaw(eventIdStream(eventId), END, 1n, BACKWARDS))[0];
    const data = last?.data as { streamId?: unknown; revision?: unknown } | undefined;
    if (last === undefined || typeof data?.streamId !== 'string' || typeof data.revision !== 'number') return undefined;
    return { streamId: data.streamId, revision: data.revision, claimRevision: last.revision };
  };

  /** The stored event a claim points at, when it really is the event with that id. */
  const claimedEvent = async (eventId: string, claim: Claim): Promise<ClientRecordedEvent | undefined> => {
    const event = await readAt(claim.streamId, claim.revision);
    return event !== undefined && portEventIdOf(event) === eventId ? event : undefined;
  };

  /**
   * Claims `eventId` for {streamId, revision}. `ours` remembers the claim-stream revision of
   * claims this append already wrote, so a retried `'any'` append moves its own claims.
   */
  const claimEventId = async (eventId: string, streamId: StreamId, revision: number, ours: Map<string, bigint>, keyed?: KeyedSlot): Promise<void> => {
    let expected: AppendExpectedRevision = ours.get(eventId) ?? NO_STREAM;
    for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
      try {
        const written = await client.appendToStream(eventIdStream(eventId), bookkeepingEvent(CLAIM_TYPE, { eventId, streamId, revision }), {
          expectedRevision: expected,
        });
        ours.set(eventId, written.nextExpectedRevision);
        return;
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw error;
      }
      const claim = await readClaim(eventId);
      if (claim === undefined) {
        expected = NO_STREAM;
        continue;
      }
      const holder = await claimedEvent(eventId, claim);
      if (holder !== undefined && keyed !== undefined && holder.id === keyed.storedId) {
        throw new StoredByEarlierAttempt(claim.streamId, claim.revision - keyed.index);
      }
      if (holder !== undefined) throw new DuplicateEventIdError(eventId);
      expected = claim.claimRevision;
    }
    throw new Error(`Event ${eventId}: its id claim kept changing hands; is the same event being appended concurrently?`);
  };

  const claimEventIds = async (
    streamId: StreamId,
    events: readonly NewEvent[],
    stored: readonly EventData[],
    keyed: boolean,
    firstRevision: number,
    ours: Map<string, bigint>,
  ): Promise<void> => {
    await mapConcurrently(events, concurrency, (event, i) =>
      claimEventId(event.eventId, streamId, firstRevision + i, ours, keyed ? { storedId: (stored[i] as EventData).id, index: i } : undefined),
    );
  };

  const readEvents = async (eventIds: readonly string[]): Promise<RecordedEvent[]> => {
    ensureOpen();
    const found = await mapConcurrently([...new Set(eventIds)], concurrency, async (eventId) => {
      const claim = await readClaim(eventId);
      const event = claim === undefined ? undefined : await claimedEvent(eventId, claim);
      return event === undefined ? undefined : fromStoredEvent(event);
    });
    return found.filter((event): event is RecordedEvent => event !== undefined).sort((a, b) => a.position - b.position);
  };

  // -------------------------------------------------------------------------------------------
  // Appending

  /**
   * Claims the ids, then appends, always with a SPECIFIC expected revision so the claims can
   * name the revisions. `'any'` is resolved by reading the stream's last revision and retried
   * (with the revision ESDB reports) when another writer got in between: the caller still
   * skips the check, and ESDB's idempotent-write check stays exact (with ESDB's own ANY it is
   * best effort). Returns the revision of the first appended event.
   */
  const appendClaimed = async (
    streamId: StreamId,
    events: readonly NewEvent[],
    stored: readonly EventData[],
    expected: ExpectedRevision,
    keyed: boolean,
  ): Promise<number> => {
    const ours = new Map<string, bigint>();
    let current = expected === 'any' ? await lastRevision(streamId) : expected === 'noStream' ? -1 : expected;
    for (let attempt = 1; ; attempt++) {
      const firstRevision = current + 1;
      await claimEventIds(streamId, events, stored, keyed, firstRevision, ours);
      try {
        await client.appendToStream(streamId, [...stored], { expectedRevision: toClientExpected(current === -1 ? 'noStream' : current) });
        return firstRevision;
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw error;
        const actual = fromCurrentRevision(error.actualVersion);
        if (expected !== 'any') throw new WrongExpectedRevisionError(streamId, expected, actual);
        if (attempt >= MAX_ANY_ATTEMPTS) throw new Error(`Stream ${streamId}: an append with 'any' lost to other writers ${attempt} times`);
        current = actual;
      }
    }
  };

  /**
   * Reads the first and last appended events back for their positions (the append reply's
   * single position does not name both ends of a batch). Also tells whether ESDB stored THESE
   * events or recognised the stored ids as a repeat and kept the earlier ones (`absorbed`).
   */
  const readBack = async (streamId: StreamId, events: readonly NewEvent[], firstRevision: number): Promise<{ result: RecordedResult; absorbed: boolean }> => {
    const lastRevision = firstRevision + events.length - 1;
    const [first, last] = await Promise.all([readAt(streamId, firstRevision), lastRevision === firstRevision ? undefined : readAt(streamId, lastRevision)]);
    const lastEvent = last ?? first;
    if (first === undefined || lastEvent === undefined) throw new Error(`Stream ${streamId}: the appended events at ${firstRevision}..${lastRevision} cannot be read back`);
    return {
      result: {
        streamId,
        firstRevision,
        lastRevision,
        firstPosition: toGlobalPosition(first.position),
        lastPosition: toGlobalPosition(lastEvent.position),
      },
      absorbed: portEventIdOf(first) !== (events[0] as NewEvent).eventId,
    };
  };

  // -------------------------------------------------------------------------------------------
  // Idempotency keys
  //
  // ESDB has no side table to record a key in the same transaction as the events, so:
  // 1. a marker stream per key, `collegium-internal-idempotency-<sha256(key)>`, holds the
  //    append's result; it is read first, and when present nothing is appended;
  // 2. the events of a keyed append are stored under ids derived from the key and their
  //    index (UUID v5), not under the port's ids (those travel in the metadata envelope);
  // 3. the marker is written after the append, with expected NO_STREAM and an id derived
  //    from the key.
  // Guaranteed: a request retried after its first attempt completed appends nothing and gets
  // the first result (contract). A retry after a crash or lost reply BETWEEN the append and
  // the marker, carrying the same specific expected revision (a number or 'noStream') as the
  // first attempt, appends nothing either: ESDB finds the same derived ids at that revision,
  // answers the write as idempotent, we see the stored events carry other port ids, and the
  // retry records the marker and answers `duplicate: true`. Two requests racing under one key
  // with the same specific expected revision likewise append once and answer the one result
  // (if they also carry the same port ids, both may say `duplicate: false`). A retry resending the very same events (same port ids) is recognised
  // through their id claims, whatever its expected revision, and answered without appending.
  // Not guaranteed: an after-crash retry with `'any'` and fresh port ids (its revision is
  // re-read, so it lands after the first events and ESDB sees nothing to dedupe), nor a key
  // reused for another stream in that window; and until a retry arrives,
  // findByIdempotencyKey does not know an append whose marker was never written.

  const findMarker = async (key: string): Promise<RecordedResult | null> => {
    const marker = (await readRaw(idempotencyStream(key), 0n, 1n))[0];
    const result = (marker?.data as { result?: RecordedResult } | undefined)?.result;
    return result ?? null;
  };

  /** Records `result` under `key`; when another request under the key recorded first, answers its result instead. */
  const recordMarker = async (key: string, result: RecordedResult): Promise<{ recorded: RecordedResult; ours: boolean }> => {
    try {
      await client.appendToStream(idempotencyStream(key), bookkeepingEvent(MARKER_TYPE, { key, result }, markerEventId(key)), {
        expectedRevision: NO_STREAM,
      });
      return { recorded: result, ours: true };
    } catch (error) {
      if (!isWrongExpectedVersion(error)) throw error;
      const recorded = await findMarker(key);
      if (recorded === null) throw error;
      return { recorded, ours: false };
    }
  };

  const append = async (streamId: StreamId, newEvents: readonly NewEvent[], expected: ExpectedRevision, appendOptions?: AppendOptions): Promise<AppendResult> => {
    ensureOpen();
    const events = prepareAppend(streamId, newEvents, expected);
    checkDomainStream(streamId);
    checkTypes(streamId, events);
    checkUniqueIds(events);
    const key = appendOptions?.idempotencyKey;
    if (key !== undefined) {
      const first = await findMarker(key);
      if (first) return { ...first, duplicate: true };
    }
    const stored = events.map((event, i) => toEventData(event, key === undefined ? storedIdFor(event.eventId) : keyedStoredId(key, i)));
    let firstRevision: number;
    let earlier: StoredByEarlierAttempt | undefined;
    try {
      firstRevision = await appendClaimed(streamId, events, stored, expected, key !== undefined);
    } catch (error) {
      if (!(error instanceof StoredByEarlierAttempt)) throw error;
      earlier = error;
      firstRevision = error.firstRevision;
    }
    const { result, absorbed } = await readBack(earlier?.streamId ?? streamId, events, firstRevision);
    if (key === undefined) return { ...result, duplicate: false };
    const { recorded, ours } = await recordMarker(key, result);
    return { ...recorded, duplicate: absorbed || earlier !== undefined || !ours };
  };

  // -------------------------------------------------------------------------------------------
  // Subscribing

  /** One catch-up subscription to $all after `after`, yielding domain events only. */
  const openSubscription = (after: GlobalPosition): EventSource<RecordedEvent> => {
    const subscription = client.subscribeToAll({
      fromPosition: readPositionAfter(after),
      resolveLinkTos: false,
      filter: streamNameFilter(DOMAIN_STREAMS_REGEX),
    });
    async function* domainEvents(): AsyncGenerator<RecordedEvent> {
      for await (const { event } of subscription) {
        if (event && isDomainEvent(event.streamId, event.type)) yield fromStoredEvent(event);
      }
    }
    return {
      [Symbol.asyncIterator]: () => domainEvents(),
      close: async () => {
        await subscription.unsubscribe().catch(() => undefined);
        // Cancelling ends the stream; destroying as well guarantees a pending read settles.
        subscription.destroy();
      },
    };
  };

  const subscribe = (
    after: GlobalPosition,
    handler: (batch: readonly RecordedEvent[]) => Promise<void>,
    subscribeOptions: SubscribeOptions = {},
  ): Subscription => {
    ensureOpen();
    checkReadAll(after, 1);
    const batchSize = subscribeOptions.batchSize ?? DEFAULT_SUBSCRIPTION_BATCH;
    if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError(`subscribe: batchSize must be a positive integer, got ${batchSize}`);
    const subscription = startResubscribing({
      open: openSubscription,
      after,
      batchSize,
      handler,
      backoff: options.resubscribeBackoff ?? DEFAULT_BACKOFF,
      onDrop: options.onSubscriptionDropped ?? defaultDropReport,
      onError: subscribeOptions.onError,
    });
    subscriptions.add(subscription);
    return {
      close: async () => {
        subscriptions.delete(subscription);
        await subscription.close();
      },
    };
  };

  return {
    append,

    readStream: async (streamId: StreamId, readOptions: ReadStreamOptions = {}) => {
      ensureOpen();
      checkDomainStream(streamId);
      const until = readOptions.recordedUntil === undefined ? undefined : canonicalInstant(readOptions.recordedUntil, 'recordedUntil');
      const from = BigInt(Math.max(0, readOptions.fromRevision ?? 0));
      const to = BigInt(readOptions.toRevision ?? Number.MAX_SAFE_INTEGER);
      if (to < from) return [];
      const events = (await readRaw(streamId, from, to - from + 1n)).map(fromStoredEvent);
      // Canonical instants compare as text (rules.ts); recordedAt need not grow with the revision, so filter rather than stop.
      return until === undefined ? events : events.filter((event) => event.recordedAt <= until);
    },

    readAll,
    // The metadata arrives with each event anyway: nothing to save by leaving it out.
    readAllForProjection: readAll,
    subscribe,
    readEvents,
    headPosition,

    findByIdempotencyKey: async (key: string) => {
      ensureOpen();
      const result = await findMarker(key);
      return result === null ? null : { ...result, duplicate: false };
    },

    close: async () => {
      if (closed) return;
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      subscriptions.clear();
      closed = true;
      await client.dispose();
    },
  };
};
