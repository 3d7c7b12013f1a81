import { Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import type { GatewayContext } from '../context';
import { requirePrincipal } from '../context';

@ObjectType({ description: 'The caller as the token names them.' })
class Viewer {
  @Field(() => ID) id!: string;
  @Field() role!: string;
  @Field(() => ID) districtId!: string;
  @Field(() => ID, { nullable: true }) institutionId?: string;
}

@Resolver()
export class SystemResolver {
  @Query(() => Viewer, { description: 'Who the bearer token says the caller is.' })
  viewer(@Ctx() ctx: GatewayContext): Viewer {
    const { actor, tenant } = requirePrincipal(ctx);
    return { id: actor.id, role: actor.role, districtId: tenant.districtId, institutionId: tenant.institutionId };
  }

  @Query(() => String, { description: 'The log position of the newest event.' })
  async headPosition(@Ctx() ctx: GatewayContext): Promise<string> {
    requirePrincipal(ctx);
    return String(await ctx.services.store.headPosition());
  }
}
