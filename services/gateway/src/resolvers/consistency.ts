/**
 * Read-your-writes for every read-model query: wait, bounded, until the projections have
 * applied the client's last write (its mutation payload's `position`).
 */
import { GraphQLError } from 'graphql';
import type { ReadStore } from '@collegium/readstore';
import { waitForPosition } from '../application/readModels';
import type { GatewayContext } from '../context';

const readStoreOf = (ctx: GatewayContext): ReadStore => {
  if (!ctx.services.readStore) throw new GraphQLError('Read models are not configured on this gateway', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
  return ctx.services.readStore;
};

/** Read-your-writes: wait, bounded, until the projections have applied the client's last write. */
export const consistent = async (ctx: GatewayContext, consistentWith: string | null | undefined): Promise<ReadStore> => {
  const readStore = readStoreOf(ctx);
  if (consistentWith) {
    const position = Number(consistentWith);
    if (!Number.isSafeInteger(position) || position < 0) throw new GraphQLError('consistentWith must be a log position', { extensions: { code: 'BAD_USER_INPUT' } });
    if (!(await waitForPosition(readStore, position, ctx.services.readWaitMs))) {
      throw new GraphQLError(`The read models have not reached position ${position} within ${ctx.services.readWaitMs} ms; retry`, { extensions: { code: 'CONSISTENCY_TIMEOUT' } });
    }
  }
  return readStore;
};

