/**
 * The generated log: every event comes from a real decider deciding a real command
 * against the stream's current state, kept incrementally (never refolded), and is
 * stamped as the event store would stamp it.
 */
import { streamName, type Command, type CommandMetadata, type Decider, type DomainEvent, type RecordedEnvelope, type StreamType } from '@collegium/domain';
import type { Random } from './random';

/** One stream as the generator holds it: its state so far and the revision of its next event. */
export interface Stream<C extends Command, E extends DomainEvent, S> {
  readonly id: string;
  readonly decider: Decider<C, E, S>;
  state: S;
  revision: number;
}

export const openStream = <C extends Command, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  type: StreamType,
  id: string,
): Stream<C, E, S> => ({ id: streamName(type, id), decider, state: decider.initialState(), revision: 0 });

/**
 * A business process (a meeting, a plan's approval, a report's review): its commands
 * share a correlation id, and each is caused by the process's previous event.
 */
export interface Flow {
  readonly correlationId: string;
  lastEventId: string | undefined;
}

const describe = (command: Command, stream: string): string => {
  const { actor, now } = command.metadata;
  return `${command.type} on ${stream} by ${actor.id} (${actor.role}) at ${now}`;
};

export class EventLog {
  private position = 0;
  private buffer: RecordedEnvelope[] = [];

  /** `ids` draws event and correlation ids; a source of its own keeps them independent of the scenario. */
  constructor(private readonly ids: Random) {}

  newFlow(): Flow {
    return { correlationId: this.ids.uuid(), lastEventId: undefined };
  }

  /** Metadata for a command of `flow`: the causation is the flow's latest event. */
  metadata(actor: CommandMetadata['actor'], tenant: CommandMetadata['tenant'], now: string, flow: Flow): CommandMetadata {
    return { actor, tenant, now, correlationId: flow.correlationId, causationId: flow.lastEventId };
  }

  /**
   * Decides `command` against the stream's state and appends the events. A rejection is a
   * bug of the generator (it must only generate valid commands), so it is rethrown with context.
   */
  append<C extends Command, E extends DomainEvent, S>(stream: Stream<C, E, S>, command: C, flow: Flow): readonly E[] {
    let events: readonly E[];
    try {
      events = stream.decider.decide(command, stream.state);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`generator bug: ${describe(command, stream.id)} was rejected: ${reason}`, { cause: error });
    }
    for (const event of events) {
      stream.state = stream.decider.evolve(stream.state, event);
      const envelope = this.envelope(stream.id, stream.revision++, event, command.metadata);
      flow.lastEventId = envelope.eventId;
      this.buffer.push(envelope);
    }
    return events;
  }

  /** The events appended since the last drain, in log order. */
  drain(): RecordedEnvelope[] {
    const out = this.buffer;
    this.buffer = [];
    return out;
  }

  private envelope(streamId: string, revision: number, event: DomainEvent, m: CommandMetadata): RecordedEnvelope {
    return {
      eventId: this.ids.uuid(),
      streamId,
      revision,
      position: ++this.position,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      recordedAt: m.now,
      metadata:
        m.causationId === undefined
          ? { actor: m.actor, tenant: m.tenant, correlationId: m.correlationId }
          : { actor: m.actor, tenant: m.tenant, correlationId: m.correlationId, causationId: m.causationId },
    };
  }
}
