/**
 * The write path: load the stream → decide → append with the stream's expected revision.
 * On a concurrent write the whole decision is retried against fresh state (facts from
 * other streams included), a bounded number of times.
 */
import type { AppendResult, EventStore, ExpectedRevision, NewEvent, ReadStreamOptions, RecordedEvent } from '@collegium/eventstore';
import { WrongExpectedRevisionError } from '@collegium/eventstore';
import { foldRun, type Command, type CommandMetadata, type Decider, type DomainEvent } from '@collegium/domain';

export interface WriteDeps {
  readonly store: EventStore;
  readonly newId: () => string;
  /** Attempts after the first when another writer moved the stream. */
  readonly conflictRetries: number;
}

export interface Loaded<S> {
  readonly state: S;
  readonly revision: ExpectedRevision;
  readonly events: readonly RecordedEvent[];
}

/** The current (or `asOf`) state of a stream: a left fold of its events. */
export const loadStream = async <C extends Command, E extends DomainEvent, S>(
  store: EventStore,
  stream: string,
  decider: Decider<C, E, S>,
  options?: ReadStreamOptions,
): Promise<Loaded<S>> => {
  const events = await store.readStream(stream, options);
  const state = foldRun(decider, decider.initialState(), events as unknown as readonly E[]);
  const last = events[events.length - 1];
  return { state, revision: last ? last.revision : 'noStream', events };
};

export interface CommandOutcome {
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
  /** True when an earlier request with the same idempotency key had done the work. */
  readonly duplicate: boolean;
  /** The events this command appended (for a duplicate: those the first request appended). */
  readonly events: readonly { readonly type: string; readonly data: unknown; readonly eventId: string }[];
}

export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(readonly streamId: string, attempts: number) {
    super(`Stream ${streamId} kept changing; gave up after ${attempts} attempts. Retry the request.`);
  }
}

export interface ExecuteSpec<C extends Command, E extends DomainEvent, S> {
  readonly stream: string;
  readonly decider: Decider<C, E, S>;
  /** Builds the command from the stream's state; runs on every attempt so facts are fresh. */
  readonly command: (state: S) => C | Promise<C>;
}

/**
 * Idempotency keys are scoped by tenant and actor, so one client's key can never replay
 * another's result.
 */
export const scopeIdempotencyKey = (metadata: CommandMetadata): string | undefined =>
  metadata.idempotencyKey ? `${metadata.tenant.districtId}/${metadata.actor.id}/${metadata.idempotencyKey}` : undefined;

const toNewEvents = (events: readonly DomainEvent[], metadata: CommandMetadata, newId: () => string): NewEvent[] =>
  events.map((e) => ({
    eventId: newId(),
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    metadata: {
      actor: metadata.actor,
      tenant: metadata.tenant,
      correlationId: metadata.correlationId,
      causationId: metadata.causationId,
      idempotencyKey: metadata.idempotencyKey,
    },
    recordedAt: metadata.now,
  }));

const replayOutcome = async (store: EventStore, result: AppendResult): Promise<CommandOutcome> => {
  const events = await store.readStream(result.streamId, { fromRevision: result.firstRevision, toRevision: result.lastRevision });
  return { streamId: result.streamId, revision: result.lastRevision, position: result.lastPosition, duplicate: true, events };
};

const unchanged = (streamId: string, events: readonly RecordedEvent[]): CommandOutcome => {
  const last = events[events.length - 1];
  return { streamId, revision: last?.revision ?? -1, position: last?.position ?? 0, duplicate: false, events: [] };
};

export const execute = async <C extends Command, E extends DomainEvent, S>(
  deps: WriteDeps,
  metadata: CommandMetadata,
  spec: ExecuteSpec<C, E, S>,
): Promise<CommandOutcome> => {
  const key = scopeIdempotencyKey(metadata);
  if (key) {
    const earlier = await deps.store.findByIdempotencyKey(key);
    if (earlier) return replayOutcome(deps.store, earlier);
  }
  const attempts = deps.conflictRetries + 1;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const loaded = await loadStream(deps.store, spec.stream, spec.decider);
    const command = await spec.command(loaded.state);
    const decided = spec.decider.decide(command, loaded.state);
    // A decider that finds nothing to change answers with no events: nothing to append.
    if (decided.length === 0) return unchanged(spec.stream, loaded.events);
    const newEvents = toNewEvents(decided, metadata, deps.newId);
    try {
      const result = await deps.store.append(spec.stream, newEvents, loaded.revision, key ? { idempotencyKey: key } : undefined);
      if (result.duplicate) return replayOutcome(deps.store, result);
      return { streamId: spec.stream, revision: result.lastRevision, position: result.lastPosition, duplicate: false, events: newEvents };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
  }
  throw new ConflictError(spec.stream, attempts);
};
