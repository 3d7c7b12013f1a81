import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { productDecider, streamName, type DemandKind, type ProductKind, type ProductState } from '@collegium/domain';
import { CommandPayload, Product, RecordProductDemandInput, RegisterProductInput } from '@collegium/schema';
import { loadCommunityFacts, loadHeldMeetingFacts, loadVisible } from '../application/load';
import { requirePrincipal, type GatewayContext } from '../context';
import { run } from './run';

export const toProductView = (state: ProductState, revision: number): Product | null => {
  if (state.status === 'none') return null;
  return {
    productId: state.productId,
    communityId: state.communityId,
    status: state.status.toUpperCase(),
    kind: state.kind,
    title: state.title,
    description: state.description,
    url: state.url,
    authorIds: [...state.authorIds],
    producedOn: state.producedOn,
    schoolYear: state.schoolYear,
    meetingId: state.meetingId,
    planTaskId: state.planTaskId,
    demand: state.demand.map((d) => ({ ...d })),
    revision,
  };
};

const product = (productId: string, creates = false) =>
  ({ stream: streamName('product', productId), decider: productDecider, creates, what: 'product' }) as const;

@Resolver()
export class ProductResolver {
  @Query(() => Product, { nullable: true, description: 'A product from its event stream; `asOf` (ISO instant) shows it as it was then.' })
  async product(
    @Arg('id') id: string,
    @Arg('asOf', () => String, { nullable: true }) asOf: string | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<Product | null> {
    const { tenant } = requirePrincipal(ctx);
    const { state, revision } = await loadVisible(ctx.services.store, tenant, streamName('product', id), productDecider, asOf ?? undefined);
    return toProductView(state, revision);
  }

  @Mutation(() => CommandPayload, { description: 'A member or the chair registers a result of the community\'s work with its kind and authors (002:6.1).' })
  registerProduct(@Arg('input') input: RegisterProductInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    const productId = ctx.services.newId();
    return run(ctx, input, product(productId, true), async (metadata) => ({
      type: 'RegisterProduct' as const,
      metadata,
      data: {
        productId,
        community: await loadCommunityFacts(ctx.services.store, metadata.tenant, input.communityId),
        // The kind is a GraphQL enum of the domain's kinds, so the value is one of them.
        kind: input.kind as ProductKind,
        title: input.title,
        description: input.description,
        url: input.url,
        authorIds: input.authorIds,
        meeting: input.meetingId ? await loadHeldMeetingFacts(ctx.services.store, metadata.tenant, input.meetingId) : undefined,
        planTaskId: input.planTaskId,
        producedOn: input.producedOn,
      },
    }));
  }

  @Mutation(() => CommandPayload, { description: 'Records that another community adopted or requested a product: the demand for results (002:6.1).' })
  recordProductDemand(@Arg('input') input: RecordProductDemandInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    return run(ctx, input, product(input.productId), async (metadata) => ({
      type: 'RecordProductDemand' as const,
      metadata,
      data: {
        productId: input.productId,
        // Through the tenant filter: a community of another district does not exist for the caller.
        byCommunity: await loadCommunityFacts(ctx.services.store, metadata.tenant, input.byCommunityId),
        kind: input.kind as DemandKind,
        note: input.note,
      },
    }));
  }
}
