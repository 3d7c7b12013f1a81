/**
 * The typed context every resolver receives. The principal comes from a verified bearer
 * token; the command clock is read once per request so every event of a request shares it.
 */
import { GraphQLError } from 'graphql';
import type { CommandMetadata } from '@collegium/domain';
import type { EventStore } from '@collegium/eventstore';
import type { ReadStore } from '@collegium/readstore';
import type { JobQueue } from '@collegium/queue';
import type { Principal } from './auth';

export interface Services {
  readonly store: EventStore;
  readonly newId: () => string;
  readonly conflictRetries: number;
  /** The projections' read store; absent on a write-only gateway. */
  readonly readStore?: ReadStore | undefined;
  /** How long a query with `consistentWith` waits for the projections. */
  readonly readWaitMs: number;
  /** The job queue (webhook deliveries, operations); absent on a gateway without one. */
  readonly queue?: JobQueue | undefined;
  /** Seals a webhook secret before it goes into the log (see worker/webhooks/secrets.ts). */
  readonly sealWebhookSecret?: (secret: string) => string;
}

export interface GatewayContext {
  readonly principal: Principal | null;
  readonly requestId: string;
  /** ISO instant of the request: the `now` of every command it carries. */
  readonly now: string;
  readonly services: Services;
}

export const unauthenticated = (reason = 'a bearer token is required'): GraphQLError =>
  new GraphQLError(`Unauthenticated: ${reason}`, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

export const requirePrincipal = (ctx: GatewayContext): Principal => {
  if (!ctx.principal) throw unauthenticated();
  return ctx.principal;
};

/** Command metadata for a mutation of this request. */
export const commandMetadata = (ctx: GatewayContext, idempotencyKey?: string | null): CommandMetadata => {
  const principal = requirePrincipal(ctx);
  return {
    actor: principal.actor,
    tenant: principal.tenant,
    now: ctx.now,
    correlationId: ctx.requestId,
    causationId: ctx.requestId,
    idempotencyKey: idempotencyKey ?? undefined,
  };
};
