/**
 * Pure translations between the port and EventStoreDB: positions, revisions, the metadata
 * envelope, the adapter's own stream names and the event ids it derives. No I/O here, so all
 * of it is unit tested without a server.
 */
import { createHash } from 'node:crypto';
import type { EventMetadata, ExpectedRevision, GlobalPosition, NewEvent, RecordedEvent, StreamId } from '../port';
import { NO_STREAM, START, type AppendExpectedRevision, type CurrentRevision, type Position, type ReadPosition } from './client';

// ---------------------------------------------------------------------------------------------
// Streams the adapter keeps for itself

/**
 * Prefix of the streams the adapter writes for its own bookkeeping (event-id claims,
 * idempotency markers). Their events sit in $all like any other, so every read of the global
 * log skips them, and the port refuses stream ids with this prefix.
 */
export const INTERNAL_STREAM_PREFIX = 'collegium-internal-';

/**
 * Server-side stream filter for $all subscriptions (.NET regex): neither system streams nor
 * ours. Only saves traffic; `isDomainEvent` below decides on the client as well.
 */
export const DOMAIN_STREAMS_REGEX = `^(?!\\$|${INTERNAL_STREAM_PREFIX})`;

/** True for events the port shows: not system events ($-prefixed type or stream), not ours. */
export const isDomainEvent = (streamId: string, type: string): boolean =>
  !streamId.startsWith('$') && !type.startsWith('$') && !streamId.startsWith(INTERNAL_STREAM_PREFIX);

/** Throws for stream ids the port cannot hand out: system streams and the adapter's own. */
export const checkDomainStream = (streamId: StreamId): void => {
  if (typeof streamId !== 'string' || streamId === '') throw new RangeError('A stream id must be a non-empty string');
  if (streamId.startsWith('$') || streamId.startsWith(INTERNAL_STREAM_PREFIX)) {
    throw new RangeError(`Stream ${streamId}: ids starting with '$' or '${INTERNAL_STREAM_PREFIX}' are reserved`);
  }
};

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Stream holding the claims on one event id (see eventstoredb.ts, "Event ids"). */
export const eventIdStream = (eventId: string): string =>
  `${INTERNAL_STREAM_PREFIX}event-${isLowerCaseUuid(eventId) ? eventId : sha256(eventId)}`;

/** Stream holding the marker of one idempotency key; hashed, since keys are free text of any length. */
export const idempotencyStream = (key: string): string => `${INTERNAL_STREAM_PREFIX}idempotency-${sha256(key)}`;

// ---------------------------------------------------------------------------------------------
// Ids

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** EventStoreDB answers ids in lower case: only those round-trip unchanged. */
export const isLowerCaseUuid = (value: string): boolean => UUID.test(value);

/** Fixed namespace of every id the adapter derives (generated once; never change it). */
export const COLLEGIUM_ID_NAMESPACE = '9866f538-7641-4974-b08b-c3915dca5ab0';

/** RFC 4122 §4.3 name-based UUID (version 5, SHA-1): the same name always gives the same id. */
export const uuidV5 = (name: string, namespace: string = COLLEGIUM_ID_NAMESPACE): string => {
  if (!UUID.test(namespace)) throw new RangeError(`uuidV5: ${namespace} is not a lower-case UUID`);
  const bytes = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest().subarray(0, 16);
  bytes.writeUInt8((bytes.readUInt8(6) & 0x0f) | 0x50, 6); // version 5
  bytes.writeUInt8((bytes.readUInt8(8) & 0x3f) | 0x80, 8); // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/**
 * The EventStoreDB id an event is stored under. Normally the port's own id; a port id that is
 * no lower-case UUID (which ESDB requires, and would answer in lower case) is mapped to a
 * derived UUID, the original travelling in the metadata envelope.
 */
export const storedIdFor = (eventId: string): string => (isLowerCaseUuid(eventId) ? eventId : uuidV5(JSON.stringify(['event', eventId])));

/**
 * The EventStoreDB id of the `index`-th event of an append made under an idempotency key.
 * A retried request carries fresh port ids, but it carries the same key: storing under ids
 * derived from the key lets ESDB's idempotent-write check recognise the retry (see
 * eventstoredb.ts, "Idempotency keys").
 */
export const keyedStoredId = (key: string, index: number): string => uuidV5(JSON.stringify(['append', key, index]));

/** Id of the marker event of a key: rewriting the same marker after a lost reply is a no-op in ESDB. */
export const markerEventId = (key: string): string => uuidV5(JSON.stringify(['marker', key]));

// ---------------------------------------------------------------------------------------------
// Positions and revisions

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The port's global position of an event: its $all commit position, a byte offset in the
 * transaction log. Number is exact below 2^53, i.e. for the first 9 PB of log, which no
 * deployment of ours approaches; beyond that we fail loudly rather than round.
 *
 * Every event appended through gRPC is its own implicit commit, so its commit position equals
 * its prepare position and is unique per event, even within a multi-event append; that is
 * what lets one number name an event (and resume a read) without the prepare half.
 * A zero or missing position means the server did not send one (stream reads carry positions
 * only from EventStoreDB 22.6 on); no event can sit at byte 0 of the log.
 */
export const toGlobalPosition = (position: Position | undefined): GlobalPosition => {
  if (position === undefined || position.commit <= 0n) {
    throw new Error('EventStoreDB sent no position for an event: version 22.6 or later is required');
  }
  if (position.commit > MAX_SAFE) throw new RangeError(`EventStoreDB position ${position.commit} is beyond 2^53`);
  return Number(position.commit);
};

/**
 * Where a forward read of $all starts to see everything after `after`. ESDB reads forwards
 * from a position inclusively (and a subscription exclusively), so callers also drop events
 * at or below `after` themselves. `after` must be 0 or a position this adapter returned:
 * ESDB rejects a position that is no record boundary.
 */
export const readPositionAfter = (after: GlobalPosition): ReadPosition => {
  if (after === 0) return START;
  const at = BigInt(after);
  return { commit: at, prepare: at };
};

/** A specific expected revision in the client's terms (`'any'` is resolved before: see append). */
export const toClientExpected = (expected: Exclude<ExpectedRevision, 'any'>): AppendExpectedRevision =>
  expected === 'noStream' ? NO_STREAM : BigInt(expected);

/** The port's "actual revision" of a WrongExpectedVersion: -1 for a stream that does not exist. */
export const fromCurrentRevision = (current: CurrentRevision): number => (current === NO_STREAM ? -1 : Number(current));

// ---------------------------------------------------------------------------------------------
// Events and the metadata envelope

/**
 * What EventStoreDB stores as an event's metadata: the port's metadata, flat, plus what the
 * port keeps beside it that ESDB has no field for. `$correlationId`/`$causationId` are ESDB's
 * own conventions, so its `$by_correlation_id` projection and UI follow our causation chains.
 */
export interface MetadataEnvelope extends Record<string, unknown> {
  readonly schemaVersion: number;
  /** Canonical ISO instant; ESDB's own `created` is the server clock and is not used. */
  readonly recordedAt: string;
  readonly $correlationId: string;
  readonly $causationId?: string;
  /** The port's event id, present only when it differs from the stored id. */
  readonly collegiumEventId?: string;
}

const ENVELOPE_KEYS = ['schemaVersion', 'recordedAt', '$correlationId', '$causationId', 'collegiumEventId'] as const;

export const toMetadataEnvelope = (event: NewEvent, storedId: string): MetadataEnvelope => ({
  ...event.metadata,
  schemaVersion: event.schemaVersion,
  recordedAt: event.recordedAt,
  $correlationId: event.metadata.correlationId,
  ...(event.metadata.causationId === undefined ? {} : { $causationId: event.metadata.causationId }),
  ...(storedId === event.eventId ? {} : { collegiumEventId: event.eventId }),
});

/** The part of a stored event the decoder needs: a structural subset of the client's RecordedEvent. */
export interface StoredEvent {
  readonly id: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly position?: Position | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/** The port's event id of a stored event. */
export const portEventIdOf = (stored: Pick<StoredEvent, 'id' | 'metadata'>): string => {
  const original = isRecord(stored.metadata) ? stored.metadata.collegiumEventId : undefined;
  return typeof original === 'string' ? original : stored.id;
};

/** Rebuilds the port's event; throws for an event this adapter did not write (no envelope). */
export const fromStoredEvent = (stored: StoredEvent): RecordedEvent => {
  const envelope = stored.metadata;
  if (!isRecord(envelope) || typeof envelope.schemaVersion !== 'number' || typeof envelope.recordedAt !== 'string') {
    throw new Error(`Event ${stored.id} in ${stored.streamId} carries no Collegium metadata envelope: it was not written by this adapter`);
  }
  const metadata: Record<string, unknown> = { ...envelope };
  for (const key of ENVELOPE_KEYS) delete metadata[key];
  return {
    eventId: portEventIdOf(stored),
    type: stored.type,
    schemaVersion: envelope.schemaVersion,
    data: stored.data,
    metadata: metadata as unknown as EventMetadata,
    recordedAt: envelope.recordedAt,
    streamId: stored.streamId,
    revision: Number(stored.revision),
    position: toGlobalPosition(stored.position),
  };
};
