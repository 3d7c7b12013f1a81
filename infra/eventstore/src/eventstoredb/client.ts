/**
 * The ONLY module that imports the EventStoreDB client library (`@eventstore/db-client`).
 * Everything else in the adapter imports from here, so moving to its successor
 * `@kurrent/kurrentdb-client` (same API; the client class is `KurrentDBClient` there) is a
 * change to this one file: the module name below and the class name in `connect`.
 *
 * The library is loaded on first use, not at import: it pulls in gRPC and generated protobuf
 * code (about half a second per process), and the package index exports this adapter to
 * every service and test, most of which run on SQLite. So values are not re-exported but
 * restated, each typed as the library's own, which keeps the compiler checking them.
 */
import type * as Library from '@eventstore/db-client';

export type {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  AppendExpectedRevision,
  CurrentRevision,
  EventData,
  JSONType,
  Position,
  ReadPosition,
  RecordedEvent as ClientRecordedEvent,
} from '@eventstore/db-client';

type Module = typeof Library;

let loaded: Module | undefined;
const library = (): Module => (loaded ??= require('@eventstore/db-client') as Module);

export const ANY: Module['ANY'] = 'any';
export const NO_STREAM: Module['NO_STREAM'] = 'no_stream';
export const START: Module['START'] = 'start';
export const END: Module['END'] = 'end';
export const FORWARDS: Module['FORWARDS'] = 'forwards';
export const BACKWARDS: Module['BACKWARDS'] = 'backwards';

export type Client = Library.EventStoreDBClient;

/** Connects lazily: the first command opens the gRPC channel. */
export const connect = (connectionString: string): Client => library().EventStoreDBClient.connectionString(connectionString);

/** Server-side filter on stream names (a .NET regex) for $all subscriptions. */
export const streamNameFilter = (regex: string): Library.Filter => library().streamNameFilter({ regex });

/**
 * Errors are recognised by their `type` tag rather than `instanceof`: a second copy of the
 * library (another package's dependency, or jest's module registry) has its own classes.
 */
const WRONG_EXPECTED_VERSION: `${Library.ErrorType.WRONG_EXPECTED_VERSION}` = 'wrong-expected-version';
const STREAM_NOT_FOUND: `${Library.ErrorType.STREAM_NOT_FOUND}` = 'stream-not-found';

const hasType = (error: unknown, type: string): boolean =>
  typeof error === 'object' && error !== null && (error as { type?: unknown }).type === type;

export type WrongExpectedVersion = Pick<Library.WrongExpectedVersionError, 'actualVersion'>;

export const isWrongExpectedVersion = (error: unknown): error is WrongExpectedVersion => hasType(error, WRONG_EXPECTED_VERSION);

export const isStreamNotFound = (error: unknown): boolean => hasType(error, STREAM_NOT_FOUND);
