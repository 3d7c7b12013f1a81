/**
 * Webhooks and operations over GraphQL. Every change is a command on its own stream
 * (registered, removed, redelivery requested, operation requested); the job subscription
 * starts the jobs from those events. Queries read the webhook registry the subscription
 * keeps and the jobs' state from the queue.
 */
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { GraphQLError } from 'graphql';
import { operationDecider, streamName, webhookDecider, type OperationKind, type OperationState } from '@collegium/domain';
import type { JobInfo, JobQueue, JobState } from '@collegium/queue';
import type { Filter, ReadStore } from '@collegium/readstore';
import { PROJECTIONS } from '@collegium/projections';
import { DISPATCH, JOBS, operationJobId, type DeliverWebhookData, type WebhookDoc } from '@collegium/worker';
import {
  CommandPayload,
  JOB_STATES,
  JobStateEnum,
  Operation,
  RedeliverWebhookInput,
  RegisterWebhookInput,
  RemoveWebhookInput,
  RequestOperationInput,
  Webhook,
  WebhookDelivery,
} from '@collegium/schema';
import { isVisible, readTenantStream } from '../application/tenancy';
import { requirePrincipal, type GatewayContext } from '../context';
import { notFoundError } from '../errors';
import { run } from './run';

const unavailable = (what: string): GraphQLError => new GraphQLError(`${what} is not available on this gateway`, { extensions: { code: 'SERVICE_UNAVAILABLE' } });

const queueOf = (ctx: GatewayContext): JobQueue => {
  if (!ctx.services.queue) throw unavailable('the job queue');
  return ctx.services.queue;
};

/** The registry's collections exist once registered; registering is idempotent. */
const registries = new WeakMap<ReadStore, Promise<unknown>>();
const registryOf = async (ctx: GatewayContext): Promise<ReadStore> => {
  const readStore = ctx.services.readStore;
  if (!readStore) throw unavailable('the read store');
  if (!registries.has(readStore)) registries.set(readStore, readStore.register(DISPATCH));
  await registries.get(readStore);
  return readStore;
};

const toWebhook = (doc: WebhookDoc): Webhook => ({
  id: doc._id,
  url: doc.url,
  eventTypes: [...doc.eventTypes],
  districtId: doc.districtId,
  institutionId: doc.institutionId,
  description: doc.description,
  status: doc.status.toUpperCase(),
  registeredAt: doc.registeredAt,
  registeredBy: doc.registeredBy,
  eventId: doc.eventId,
});

const toDelivery = (job: JobInfo): WebhookDelivery => {
  const data = job.data as DeliverWebhookData;
  return {
    id: job.id,
    webhookId: data.webhookId,
    eventId: data.eventId,
    state: job.state,
    attemptsMade: job.attemptsMade,
    failedReason: job.failedReason ?? null,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt ?? null,
  };
};

const webhook = (webhookId: string, creates = false) => ({ stream: streamName('webhook', webhookId), decider: webhookDecider, creates, what: 'webhook' }) as const;

/** Deliveries are looked up among the newest jobs of each state: the queue keeps them for days, not for ever. */
const DELIVERY_SCAN = 1_000;

@Resolver()
export class JobsResolver {
  @Query(() => [Webhook], { description: 'The webhooks of the caller\'s tenant (an institution sees its own; the district sees all), newest first.' })
  async webhooks(@Ctx() ctx: GatewayContext): Promise<Webhook[]> {
    const { tenant } = requirePrincipal(ctx);
    const readStore = await registryOf(ctx);
    const filter: Filter = tenant.institutionId ? { districtId: tenant.districtId, institutionId: tenant.institutionId } : { districtId: tenant.districtId };
    const docs = (await readStore.find(DISPATCH.name, 'webhooks', filter, { limit: 1_000 })) as WebhookDoc[];
    return docs.sort((a, b) => b.registeredAt.localeCompare(a.registeredAt)).map(toWebhook);
  }

  @Query(() => [WebhookDelivery], { description: 'Recent deliveries of a webhook; `state: FAILED` is its dead-letter list.' })
  async webhookDeliveries(
    @Arg('webhookId', () => ID) webhookId: string,
    @Arg('state', () => JobStateEnum, { nullable: true }) state: string | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<WebhookDelivery[]> {
    const { tenant } = requirePrincipal(ctx);
    if (!(await isVisible(ctx.services.store, tenant, streamName('webhook', webhookId)))) throw notFoundError('webhook', webhookId);
    const queue = queueOf(ctx);
    const states = (state ? [state] : JOB_STATES) as JobState[];
    const jobs = (await Promise.all(states.map((s) => queue.list(s, { name: JOBS.deliverWebhook, limit: DELIVERY_SCAN })))).flat();
    return jobs.filter((job) => (job.data as DeliverWebhookData).webhookId === webhookId).map(toDelivery);
  }

  @Query(() => Operation, { nullable: true, description: 'A rebuild or export: its state, progress (0–100) and result.' })
  async operation(@Arg('id', () => ID) id: string, @Ctx() ctx: GatewayContext): Promise<Operation | null> {
    const { tenant } = requirePrincipal(ctx);
    const [requested] = await readTenantStream(ctx.services.store, tenant, streamName('operation', id));
    if (!requested) return null;
    const data = requested.data as { kind: string; target: string; requestedAt: string; requestedBy: string };
    const job = await queueOf(ctx).get(operationJobId(id));
    return {
      id,
      kind: data.kind,
      target: data.target,
      state: job?.state ?? null,
      progress: job?.progress ?? 0,
      result: job?.result === undefined ? null : JSON.stringify(job.result),
      failedReason: job?.failedReason ?? null,
      requestedAt: data.requestedAt,
      requestedBy: data.requestedBy,
    };
  }

  @Mutation(() => CommandPayload, { description: 'Subscribes an outside system to events of the caller\'s tenant. Deliveries are signed: X-Collegium-Signature: t=<unix>,v1=HMAC-SHA256(secret, "<t>.<body>").' })
  registerWebhook(@Arg('input') input: RegisterWebhookInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    const seal = ctx.services.sealWebhookSecret;
    if (!seal) throw unavailable('webhook registration');
    const webhookId = ctx.services.newId();
    return run(ctx, input, webhook(webhookId, true), (metadata) => ({
      type: 'RegisterWebhook' as const,
      metadata,
      data: { webhookId, url: input.url, eventTypes: input.eventTypes, sealedSecret: seal(input.secret), description: input.description },
    }));
  }

  @Mutation(() => CommandPayload, { description: 'Stops deliveries to a webhook; deliveries already queued are dropped.' })
  removeWebhook(@Arg('input') input: RemoveWebhookInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    return run(ctx, input, webhook(input.webhookId), (metadata) => ({ type: 'RemoveWebhook' as const, metadata, data: { webhookId: input.webhookId } }));
  }

  @Mutation(() => CommandPayload, { description: 'Delivers the event of a delivery again (a fresh delivery with fresh attempts).' })
  async redeliverWebhook(@Arg('input') input: RedeliverWebhookInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    const job = await queueOf(ctx).get(input.deliveryId);
    if (!job || job.name !== JOBS.deliverWebhook) throw notFoundError('delivery', input.deliveryId);
    const data = job.data as DeliverWebhookData;
    // `run` checks the webhook's stream belongs to the caller's tenant.
    return run(ctx, input, webhook(data.webhookId), (metadata) => ({
      type: 'RequestWebhookRedelivery' as const,
      metadata,
      data: { webhookId: data.webhookId, deliveryId: input.deliveryId, eventId: data.eventId },
    }));
  }

  @Mutation(() => CommandPayload, { description: 'Requests a rebuild of read models (district administrators) or an export of a community\'s history; follow it with `operation(id)`.' })
  async requestOperation(@Arg('input') input: RequestOperationInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    const { tenant } = requirePrincipal(ctx);
    const kind = input.kind as OperationKind;
    if (kind === 'rebuild' && input.target !== 'all' && !PROJECTIONS.some((p) => p.name === input.target)) {
      throw new GraphQLError(`target must be all or one of ${PROJECTIONS.map((p) => p.name).join(', ')}`, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    if (kind === 'export' && !(await isVisible(ctx.services.store, tenant, streamName('community', input.target)))) throw notFoundError('community', input.target);
    const operationId = ctx.services.newId();
    return run(ctx, input, { stream: streamName('operation', operationId), decider: operationDecider, creates: true, what: 'operation' }, (metadata, _state: OperationState) => ({
      type: 'RequestOperation' as const,
      metadata,
      data: { operationId, kind, target: input.target },
    }));
  }
}
