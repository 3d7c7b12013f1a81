/**
 * The one path every mutation takes: build the command's metadata from the request,
 * check the target stream is the caller's, then decide and append (with retries and
 * idempotency) and answer with the payload. Resolvers only map inputs to commands.
 */
import type { Command, CommandMetadata, Decider, DomainEvent } from '@collegium/domain';
import type { CommandPayload } from '@collegium/schema';
import { execute } from '../application/execute';
import { isVisible } from '../application/tenancy';
import { commandMetadata, type GatewayContext } from '../context';
import { notFoundError } from '../errors';
import { toPayload } from './payload';

export interface Target<C extends Command, E extends DomainEvent, S> {
  readonly stream: string;
  readonly decider: Decider<C, E, S>;
  /** A new stream (its id was generated for this request) or one that must exist and be visible. */
  readonly creates: boolean;
  /** What the stream is, for a NOT_FOUND message. */
  readonly what: string;
}

export const run = async <C extends Command, E extends DomainEvent, S>(
  ctx: GatewayContext,
  input: { readonly idempotencyKey?: string | null | undefined },
  target: Target<C, E, S>,
  command: (metadata: CommandMetadata, state: S) => C | Promise<C>,
): Promise<CommandPayload> => {
  const metadata = commandMetadata(ctx, input.idempotencyKey);
  const { store } = ctx.services;
  if (!target.creates && !(await isVisible(store, metadata.tenant, target.stream))) {
    throw notFoundError(target.what, target.stream.slice(target.stream.indexOf('-') + 1));
  }
  const outcome = await execute(ctx.services, metadata, {
    stream: target.stream,
    decider: target.decider,
    command: (state) => command(metadata, state),
  });
  return toPayload(outcome);
};
