/**
 * What the job subscription does with each event, as pure functions: keep the registry of
 * webhooks (registered and removed by events of the same log, so the registry at each
 * event is exactly the one in force when it happened) and name the jobs the event starts.
 * Job ids derive from event ids, so a replay after a crash enqueues nothing twice.
 */
import { webhookMatches, type Tenant, type WebhookRegisteredData, type RequestOperationData } from '@collegium/domain';
import type { JobRequest } from '@collegium/queue';
import type { RecordedEvent } from '@collegium/eventstore';
import { JOBS, operationJobId, type DeliverWebhookData, type OperationData, type RetryPolicy } from '../jobs';

/** A webhook as the registry keeps it (and the API lists it). */
export interface WebhookDoc {
  readonly _id: string;
  readonly districtId: string;
  /** Null for a district-wide subscription. */
  readonly institutionId: string | null;
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly sealedSecret: string;
  readonly description: string | null;
  readonly status: 'active' | 'removed';
  readonly registeredAt: string;
  readonly registeredBy: string;
  /** The registering event: where an auditor starts. */
  readonly eventId: string;
  readonly [field: string]: unknown;
}

export type Registry = ReadonlyMap<string, WebhookDoc>;

const scopeOf = (doc: WebhookDoc): Tenant => ({ districtId: doc.districtId, institutionId: doc.institutionId ?? undefined });

/** The registry document an event changes, or null when it changes none. */
export const registryChange = (registry: Registry, e: RecordedEvent): WebhookDoc | null => {
  if (e.type === 'WebhookRegistered') {
    const d = e.data as WebhookRegisteredData;
    return {
      _id: d.webhookId,
      districtId: d.scope.districtId,
      institutionId: d.scope.institutionId ?? null,
      url: d.url,
      eventTypes: d.eventTypes,
      sealedSecret: d.sealedSecret,
      description: d.description ?? null,
      status: 'active',
      registeredAt: d.registeredAt,
      registeredBy: d.registeredBy,
      eventId: e.eventId,
    };
  }
  if (e.type === 'WebhookRemoved') {
    const existing = registry.get((e.data as { webhookId: string }).webhookId);
    return existing ? { ...existing, status: 'removed' } : null;
  }
  return null;
};

export const deliveryJobId = (webhookId: string, eventId: string): string => `wh.${webhookId}.${eventId}`;

const delivery = (id: string, data: DeliverWebhookData, policy: RetryPolicy): JobRequest<DeliverWebhookData> => ({
  id,
  name: JOBS.deliverWebhook,
  data,
  attempts: policy.attempts,
  backoffMs: policy.backoffMs,
});

/** Active webhooks by district: an event is matched only against its own district's. */
type ByDistrict = ReadonlyMap<string, readonly WebhookDoc[]>;

const indexByDistrict = (registry: Registry): Map<string, WebhookDoc[]> => {
  const index = new Map<string, WebhookDoc[]>();
  for (const doc of registry.values()) if (doc.status === 'active') index.set(doc.districtId, [...(index.get(doc.districtId) ?? []), doc]);
  return index;
};

/** The jobs an event starts, given the registry in force just before it. */
export const jobsFor = (registry: Registry, e: RecordedEvent, policy: RetryPolicy, byDistrict: ByDistrict = indexByDistrict(registry)): JobRequest[] => {
  if (e.type === 'WebhookRedeliveryRequested') {
    const d = e.data as { webhookId: string; eventId: string };
    // A fresh job id per request: the dead job stays in the list as the record of its failure.
    return registry.get(d.webhookId)?.status === 'active' ? [delivery(`whr.${e.eventId}`, { webhookId: d.webhookId, eventId: d.eventId }, policy)] : [];
  }
  if (e.type === 'OperationRequested') {
    const d = e.data as RequestOperationData & { requestedBy: string };
    const data: OperationData = { operationId: d.operationId, target: d.target, requestedBy: d.requestedBy, districtId: e.metadata.tenant.districtId };
    // Operations are not retried blindly: a failed rebuild or export is requested again.
    return [{ id: operationJobId(d.operationId), name: d.kind === 'rebuild' ? JOBS.rebuild : JOBS.export, data, attempts: 1 }];
  }
  const jobs: JobRequest[] = [];
  for (const webhook of byDistrict.get(e.metadata.tenant.districtId) ?? []) {
    if (webhookMatches({ scope: scopeOf(webhook), eventTypes: webhook.eventTypes }, e.type, e.metadata.tenant)) {
      jobs.push(delivery(deliveryJobId(webhook._id, e.eventId), { webhookId: webhook._id, eventId: e.eventId }, policy));
    }
  }
  return jobs;
};

export interface BatchPlan {
  readonly jobs: readonly JobRequest[];
  readonly changed: readonly WebhookDoc[];
  readonly registry: Registry;
}

/** Folds a batch: the jobs of every event, and the registry documents it changed. */
export const planBatch = (registry: Registry, batch: readonly RecordedEvent[], policy: RetryPolicy): BatchPlan => {
  const next = new Map(registry);
  let byDistrict = indexByDistrict(next);
  const changed = new Map<string, WebhookDoc>();
  const jobs: JobRequest[] = [];
  for (const e of batch) {
    jobs.push(...jobsFor(next, e, policy, byDistrict));
    const doc = registryChange(next, e);
    if (doc) {
      next.set(doc._id, doc);
      changed.set(doc._id, doc);
      // Registrations are rare: re-index only when one happens.
      byDistrict = indexByDistrict(next);
    }
  }
  return { jobs, changed: [...changed.values()], registry: next };
};
