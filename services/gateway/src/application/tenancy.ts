/**
 * Tenant isolation. A community belongs to its district and, unless the district itself
 * hosts it (004:1.2), to its host institution; every other stream belongs to the
 * community named in its first event; a webhook or an operation to the tenant that made it. District actors see their district; institution
 * actors see their institution's communities and the district-hosted ones they take part
 * in. Another tenant's stream reads as absent, so ids leak nothing.
 */
import type { Tenant } from '@collegium/domain';
import type { EventStore, RecordedEvent } from '@collegium/eventstore';

export const canSee = (viewer: Tenant, owner: Tenant): boolean =>
  viewer.districtId === owner.districtId &&
  (viewer.institutionId === undefined || owner.institutionId === undefined || viewer.institutionId === owner.institutionId);

interface CreatedData {
  readonly districtId?: unknown;
  readonly host?: { readonly level?: unknown; readonly institutionId?: unknown };
}

/** The tenant of a community, from its CommunityCreated event. */
export const communityOwner = (created: RecordedEvent): Tenant | null => {
  const data = created.data as CreatedData;
  if (typeof data.districtId !== 'string') return null;
  const institutionId = data.host?.level === 'institution' && typeof data.host.institutionId === 'string' ? data.host.institutionId : undefined;
  return { districtId: data.districtId, institutionId };
};

/** A calendar belongs to its institution, or to the whole district (institutionId null). */
const calendarOwner = (recorded: RecordedEvent): Tenant | null => {
  const data = recorded.data as { districtId?: unknown; institutionId?: unknown };
  if (typeof data.districtId !== 'string') return null;
  return { districtId: data.districtId, institutionId: typeof data.institutionId === 'string' ? data.institutionId : undefined };
};

const communityIdOf = (first: RecordedEvent): string | null => {
  const id = (first.data as { communityId?: unknown }).communityId;
  return typeof id === 'string' ? id : null;
};

/** A webhook belongs to the tenant it delivers for: the one that registered it. */
const webhookOwner = (registered: RecordedEvent): Tenant | null => (registered.data as { scope?: Tenant }).scope ?? null;

/** The tenant that owns the stream whose first event is `first`. */
export const ownerOf = async (store: EventStore, first: RecordedEvent): Promise<Tenant | null> => {
  if (first.streamId.startsWith('community-')) return communityOwner(first);
  if (first.streamId.startsWith('calendar-')) return calendarOwner(first);
  if (first.streamId.startsWith('webhook-')) return webhookOwner(first);
  // An operation (rebuild, export) belongs to the tenant that requested it.
  if (first.streamId.startsWith('operation-')) return first.metadata.tenant;
  const communityId = communityIdOf(first);
  if (!communityId) return null;
  const [created] = await store.readStream(`community-${communityId}`, { toRevision: 0 });
  return created ? communityOwner(created) : null;
};

/** Reads a stream the viewer may see; a stream of another tenant reads as empty. */
export const readTenantStream = async (store: EventStore, viewer: Tenant, streamId: string, recordedUntil?: string): Promise<RecordedEvent[]> => {
  const events = await store.readStream(streamId, recordedUntil ? { recordedUntil } : undefined);
  const first = events[0];
  if (!first) return [];
  const owner = await ownerOf(store, first);
  return owner && canSee(viewer, owner) ? events : [];
};

/** True when the stream exists and the viewer may see it; reads only first events. */
export const isVisible = async (store: EventStore, viewer: Tenant, streamId: string): Promise<boolean> => {
  const [first] = await store.readStream(streamId, { toRevision: 0 });
  if (!first) return false;
  const owner = await ownerOf(store, first);
  return owner !== null && canSee(viewer, owner);
};
