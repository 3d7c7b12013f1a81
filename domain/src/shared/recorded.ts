/**
 * An event as the log holds it: the domain event plus where it sits (stream, revision,
 * global position) and who caused it. Projections read these; the event store's
 * RecordedEvent has this shape.
 */
import type { Actor, Tenant } from './message';

export interface RecordedEnvelope<Type extends string = string, Data = unknown> {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
  readonly type: Type;
  readonly schemaVersion: number;
  readonly data: Data;
  readonly recordedAt: string;
  readonly metadata: {
    readonly actor: Actor;
    readonly tenant: Tenant;
    readonly correlationId: string;
    readonly causationId?: string | undefined;
    readonly idempotencyKey?: string | undefined;
  };
}

/**
 * What a projection reads of an event: everything but who caused it. Read models are
 * functions of what happened and when; a rebuild then need not decode the metadata.
 */
export type ProjectedEnvelope<Type extends string = string, Data = unknown> = Omit<RecordedEnvelope<Type, Data>, 'metadata'>;
