import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import {
  BUILT_IN_PROFILES,
  communityDecider,
  findProfile,
  streamName,
  type CommunityState,
  type RegulationProfile,
} from '@collegium/domain';
import {
  AppointChairInput,
  CommandPayload,
  Community,
  ContinueCommunityInput,
  CreateCommunityInput,
  DissolveCommunityInput,
  ElectSecretaryInput,
  EnrollMemberInput,
  RecordExpertEvaluationInput,
  RegulationProfileInfo,
  RemoveMemberInput,
  ReorganizeCommunityInput,
} from '@collegium/schema';
import { loadMotionFacts, loadVisible } from '../application/load';
import { requirePrincipal, type GatewayContext } from '../context';
import { run } from './run';

const toProfileInfo = (p: RegulationProfile): RegulationProfileInfo => ({
  id: p.id,
  version: p.version,
  title: p.title,
  seed: p.seed,
  settings: p as unknown as Record<string, unknown>,
});

export const toCommunityView = (state: CommunityState, revision: number): Community | null => {
  if (state.status === 'none') return null;
  return {
    communityId: state.communityId,
    status: state.status.toUpperCase(),
    name: state.name,
    schoolYear: state.schoolYear,
    districtId: state.districtId,
    hostLevel: state.host.level.toUpperCase(),
    institutionId: state.host.level === 'institution' ? state.host.institutionId : undefined,
    subjects: [...state.subjects],
    direction: state.direction,
    profile: toProfileInfo(state.profile),
    members: Object.values(state.members),
    chair: state.chair,
    secretary: state.secretary,
    createdAt: state.createdAt,
    dissolvedAt: state.status === 'dissolved' ? state.dissolvedAt : null,
    dissolutionReason: state.status === 'dissolved' ? state.dissolutionReason : null,
    revision,
  };
};

const community = (communityId: string, creates = false) =>
  ({ stream: streamName('community', communityId), decider: communityDecider, creates, what: 'community' }) as const;

@Resolver()
export class CommunityResolver {
  @Query(() => [RegulationProfileInfo], { description: 'The built-in regulation profiles, one per kind of community.' })
  regulationProfiles(): RegulationProfileInfo[] {
    return BUILT_IN_PROFILES.map(toProfileInfo);
  }

  @Query(() => Community, { nullable: true, description: 'A community from its event stream; `asOf` (ISO instant) shows it as it was then.' })
  async community(
    @Arg('id') id: string,
    @Arg('asOf', () => String, { nullable: true }) asOf: string | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<Community | null> {
    const { tenant } = requirePrincipal(ctx);
    const { state, revision } = await loadVisible(ctx.services.store, tenant, streamName('community', id), communityDecider, asOf ?? undefined);
    return toCommunityView(state, revision);
  }

  @Mutation(() => CommandPayload, { description: 'Creates a community by order (000:6, 001:2.1, 003:1.5, 004:1.4).' })
  createCommunity(@Arg('input') input: CreateCommunityInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    const communityId = ctx.services.newId();
    // The kind is a GraphQL enum of the built-in profiles, so the lookup cannot miss.
    const profile = findProfile(input.kind) as RegulationProfile;
    return run(ctx, input, community(communityId, true), (metadata) => ({
      type: 'CreateCommunity' as const,
      metadata,
      data: {
        communityId,
        name: input.name,
        profile,
        schoolYear: input.schoolYear,
        host: input.institutionId ? { level: 'institution' as const, institutionId: input.institutionId } : { level: 'district' as const },
        subjects: input.subjects,
        direction: input.direction ?? null,
        foundingMembers: input.foundingMembers.map((m) => ({ ...m, category: m.category as never })),
        order: input.order,
      },
    }));
  }

  @Mutation(() => CommandPayload, { description: 'Reorganises a community by order (003:1.5).' })
  reorganizeCommunity(@Arg('input') input: ReorganizeCommunityInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    return run(ctx, input, community(input.communityId), (metadata) => ({
      type: 'ReorganizeCommunity' as const,
      metadata,
      data: {
        communityId: input.communityId,
        name: input.name,
        subjects: input.subjects,
        direction: input.direction === '' ? null : input.direction,
        order: input.order,
      },
    }));
  }

  @Mutation(() => CommandPayload, { description: 'Continues a community into the next school year by order (001:2.1).' })
  continueCommunity(@Arg('input') input: ContinueCommunityInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    return run(ctx, input, community(input.communityId), (metadata) => ({
      type: 'ContinueCommunity' as const,
      metadata,
      data: { communityId: input.communityId, schoolYear: input.schoolYear, order: input.order },
    }));
  }

  @Mutation(() => CommandPayload, { description: 'Dissolves a community by order (003:1.5, 004:1.4).' })
  dissolveCommunity(@Arg('input') input: DissolveCommunityInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    return run(ctx, input, community(input.communityId), (metadata) => ({
      type: 'DissolveCommunity' as const,
      metadata,
      data: { communityId: input.communityId, reason: input.reason, order: input.order },
    }));
  }

  @Mutation(() => CommandPayload, { description: 'Enrols a member: by order (001) or of their own accord (002:1.5), per profile.' })
  enrollMember(@Arg('input') input: EnrollMemberInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    return run(ctx, input, community(input.communityId), (metadata) => ({
      type: 'EnrollMember' as const,
      metadata,
      data: { communityId: input.communityId, member: { ...input.member, category: input.member.category as never }, order: input.order ?? null },
    }));
  }

  @Mutation(() => CommandPayload, { description: 'Removes a member; never below the profile\'s minimum (003:1.2).' })
  removeMember(@Arg('input') input: RemoveMemberInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    return run(ctx, input, community(input.communityId), (metadata) => ({
      type: 'RemoveMember' as const,
      metadata,
      data: { communityId: input.communityId, memberId: input.memberId, order: input.order ?? null, reason: input.reason ?? null },
    }));
  }

  @Mutation(() => CommandPayload, { description: 'Appoints the chair by order, under the profile\'s eligibility rule (000:6, 004:4.2).' })
  appointChair(@Arg('input') input: AppointChairInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    return run(ctx, input, community(input.communityId), (metadata) => ({
      type: 'AppointChair' as const,
      metadata,
      data: { communityId: input.communityId, memberId: input.memberId, order: input.order },
    }));
  }

  @Mutation(() => CommandPayload, { description: 'Records a secretary elected by a carried motion of the members present (000:6, 000:8).' })
  electSecretary(@Arg('input') input: ElectSecretaryInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    return run(ctx, input, community(input.communityId), async (metadata) => ({
      type: 'ElectSecretary' as const,
      metadata,
      data: {
        communityId: input.communityId,
        memberId: input.memberId,
        motion: await loadMotionFacts(ctx.services.store, metadata.tenant, input.meetingId, input.motionId),
      },
    }));
  }

  @Mutation(() => CommandPayload, { description: 'Records an external expert\'s evaluation of the community or a product (002:6.2).' })
  recordExpertEvaluation(@Arg('input') input: RecordExpertEvaluationInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    const evaluationId = ctx.services.newId();
    return run(ctx, input, community(input.communityId), (metadata) => ({
      type: 'RecordExpertEvaluation' as const,
      metadata,
      data: {
        communityId: input.communityId,
        evaluationId,
        productId: input.productId ?? null,
        score: input.score,
        conclusion: input.conclusion,
        evaluatedOn: input.evaluatedOn,
      },
    }));
  }
}
