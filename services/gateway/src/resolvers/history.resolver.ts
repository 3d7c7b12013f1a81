import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { HistoryEvent } from '@collegium/schema';
import type { RecordedEvent } from '@collegium/eventstore';
import type { GatewayContext } from '../context';
import { requirePrincipal } from '../context';
import { readTenantStream } from '../application/tenancy';

export const toHistoryEvent = (e: RecordedEvent): HistoryEvent => ({
  eventId: e.eventId,
  streamId: e.streamId,
  revision: e.revision,
  position: String(e.position),
  type: e.type,
  schemaVersion: e.schemaVersion,
  recordedAt: e.recordedAt,
  data: e.data as Record<string, unknown>,
  actor: { id: e.metadata.actor.id, role: e.metadata.actor.role },
  tenant: { districtId: e.metadata.tenant.districtId, institutionId: e.metadata.tenant.institutionId },
  correlationId: e.metadata.correlationId,
  causationId: e.metadata.causationId,
  idempotencyKey: e.metadata.idempotencyKey,
});

@Resolver()
export class HistoryResolver {
  @Query(() => [HistoryEvent], {
    description: 'The events of one stream (e.g. `community-<id>`, `meeting-<id>`) with actor, time and cause; `asOf` replays history up to an instant.',
  })
  async history(
    @Arg('streamId') streamId: string,
    @Arg('asOf', () => String, { nullable: true }) asOf: string | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<HistoryEvent[]> {
    const principal = requirePrincipal(ctx);
    const events = await readTenantStream(ctx.services.store, principal.tenant, streamId, asOf ?? undefined);
    return events.map(toHistoryEvent);
  }
}
