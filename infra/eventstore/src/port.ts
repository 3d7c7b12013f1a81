/**
 * The event store port. Every adapter (SQLite, in-memory, EventStoreDB) passes the one
 * contract suite in `contract.ts`.
 *
 * Semantics follow EventStoreDB so that adapter stays thin:
 * - a stream's revisions count from 0; `expectedRevision` is the revision of the stream's
 *   last event, `'noStream'` for a stream that must not exist yet, `'any'` to skip the check;
 * - the global log ($all) is totally ordered by `position`, strictly increasing in commit
 *   order, so a reader that has seen position p can never later meet an event below p.
 */
import type { Actor, Tenant } from '@collegium/domain';

export type StreamId = string;
/** Position in the global log; 0 means "before the first event". */
export type GlobalPosition = number;
export type ExpectedRevision = number | 'noStream' | 'any';

/** Who did it, for whom, and why: stored beside every event. */
export interface EventMetadata {
  readonly actor: Actor;
  readonly tenant: Tenant;
  readonly correlationId: string;
  readonly causationId?: string | undefined;
  readonly idempotencyKey?: string | undefined;
}

export interface NewEvent {
  /** Unique id (UUID); an adapter rejects a second event with the same id. */
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  /** ISO instant the event was recorded at; the adapter never reads a clock for it. */
  readonly recordedAt: string;
}

export interface RecordedEvent extends NewEvent {
  readonly streamId: StreamId;
  readonly revision: number;
  readonly position: GlobalPosition;
}

/** What projections read of an event: all of it but the metadata (see `readAllForProjection`). */
export type ProjectedEvent = Omit<RecordedEvent, 'metadata'>;

export interface AppendOptions {
  /**
   * When set, the append is recorded under this key in the same transaction; a later
   * append with the same key appends nothing and returns the first result with
   * `duplicate: true`. Callers scope keys (e.g. by tenant) before passing them.
   */
  readonly idempotencyKey?: string;
}

export interface AppendResult {
  readonly streamId: StreamId;
  readonly firstRevision: number;
  /** The stream's revision after the append: the next call's expected revision. */
  readonly lastRevision: number;
  readonly firstPosition: GlobalPosition;
  readonly lastPosition: GlobalPosition;
  /** True when the idempotency key had been used: nothing was appended this time. */
  readonly duplicate: boolean;
}

export interface ReadStreamOptions {
  readonly fromRevision?: number;
  readonly toRevision?: number;
  /** Only events recorded at or before this ISO instant: the stream "as of" a date. */
  readonly recordedUntil?: string;
}

export interface Subscription {
  /** Stops delivery; resolves when no handler call is running any more. */
  close(): Promise<void>;
}

export interface SubscribeOptions {
  /** Maximum events per handler call. */
  readonly batchSize?: number;
  /** Called when the handler throws; the subscription stops after it. */
  readonly onError?: (error: unknown) => void;
}

export interface EventStore {
  append(streamId: StreamId, events: readonly NewEvent[], expected: ExpectedRevision, options?: AppendOptions): Promise<AppendResult>;
  /** Events of one stream in revision order; an unknown stream reads as empty. */
  readStream(streamId: StreamId, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Up to `limit` events with position > `after`, in position order. */
  readAll(after: GlobalPosition, limit: number): Promise<RecordedEvent[]>;
  /**
   * `readAll` for projections, which never read who caused an event: an adapter may leave
   * the metadata out (SQLite does: it is a third of a row's JSON, and decoding it was a
   * twentieth of a full rebuild). Same events, same order, same paging.
   */
  readAllForProjection(after: GlobalPosition, limit: number): Promise<ProjectedEvent[]>;
  /**
   * Delivers every event after `after` in order, in batches, first the ones already
   * stored, then new ones as they are appended; one handler call at a time.
   */
  subscribe(after: GlobalPosition, handler: (batch: readonly RecordedEvent[]) => Promise<void>, options?: SubscribeOptions): Subscription;
  /**
   * The events with these ids, in log order; unknown ids are skipped. Audit uses it to show
   * the events a figure was computed from.
   */
  readEvents(eventIds: readonly string[]): Promise<RecordedEvent[]>;
  /** Position of the last event in the log (0 when empty). */
  headPosition(): Promise<GlobalPosition>;
  /** The result recorded under an idempotency key, or null. */
  findByIdempotencyKey(key: string): Promise<AppendResult | null>;
  close(): Promise<void>;
}

/** Thrown when `expected` does not match the stream's revision; nothing was appended. */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamId: StreamId,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or -1 when it does not exist. */
    readonly actual: number,
  ) {
    super(`Stream ${streamId}: expected revision ${String(expected)}, actual ${actual}`);
  }
}

/** Thrown when an event id is stored already. */
export class DuplicateEventIdError extends Error {
  override readonly name = 'DuplicateEventIdError';
  constructor(readonly eventId: string) {
    super(`Event ${eventId} is stored already`);
  }
}
