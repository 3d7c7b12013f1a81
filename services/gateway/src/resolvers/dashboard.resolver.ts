import { Arg, Ctx, Field, FieldResolver, InputType, Int, Query, Resolver, Root } from 'type-graphql';
import { IsOptional, Length, Matches } from 'class-validator';
import { GraphQLError } from 'graphql';
import { ROSTER, UnknownTermError, type RosterDoc } from '@collegium/projections';
import type { Filter, ReadStore } from '@collegium/readstore';
import { CommunityConnection, CommunityKind, CommunityOrder, DEFAULT_COMMUNITY_ORDER, Dashboard, EvidenceSet, HistoryEvent, RosterEntry, SCHOOL_YEAR, type ConnectionOrder } from '@collegium/schema';
import type { CommunityDoc } from '../application/readModels';
import { buildDashboard, type Scope } from '../application/dashboards';
import { consistent } from './consistency';
import { decodeCursor, encodeCursor, sortOf } from './cursor';
import { isVisible } from '../application/tenancy';
import { requirePrincipal, type GatewayContext } from '../context';
import { notFoundError } from '../errors';
import { toHistoryEvent } from './history.resolver';

@InputType({ description: 'Filters of the community directory; the district is always the caller\'s.' })
export class CommunityFilterInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100) institutionId?: string;
  @Field(() => CommunityKind, { nullable: true }) @IsOptional() kind?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100) subject?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(SCHOOL_YEAR) schoolYear?: string;
  @Field(() => String, { nullable: true, description: 'ACTIVE or DISSOLVED' }) @IsOptional() @Matches(/^(ACTIVE|DISSOLVED)$/) status?: string;
}

const termError = (error: unknown): never => {
  if (error instanceof UnknownTermError) throw new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } });
  throw error;
};

@Resolver()
export class DashboardResolver {
  @Query(() => CommunityConnection, {
    description: 'The community directory of the caller\'s district (an institution sees its own), by name unless `orderBy` says otherwise.',
  })
  async communities(
    @Arg('filter', () => CommunityFilterInput, { nullable: true }) filter: CommunityFilterInput | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('orderBy', () => CommunityOrder, { nullable: true }) orderBy: ConnectionOrder | null,
    @Arg('consistentWith', () => String, { nullable: true }) consistentWith: string | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<CommunityConnection> {
    const { tenant } = requirePrincipal(ctx);
    if (first < 1 || first > 500) throw new GraphQLError('first must be 1–500', { extensions: { code: 'BAD_USER_INPUT' } });
    const order = orderBy ?? DEFAULT_COMMUNITY_ORDER;
    const from = after ? decodeCursor(after, order, DEFAULT_COMMUNITY_ORDER) : null;
    const readStore = await consistent(ctx, consistentWith);
    const conditions: Record<string, string> = { districtId: tenant.districtId };
    const institutionId = tenant.institutionId ?? filter?.institutionId;
    if (institutionId) conditions['institutionId'] = institutionId;
    if (filter?.kind) conditions['kind'] = filter.kind;
    if (filter?.schoolYear) conditions['schoolYear'] = filter.schoolYear;
    if (filter?.status) conditions['status'] = filter.status.toLowerCase();
    // Subjects are a list, which the directory's indexes do not cover: filtered here.
    const subject = filter?.subject;
    const page = (await readStore.find('streamViews', 'communities', conditions as Filter, {
      sort: sortOf(order),
      limit: subject ? 100_000 : first + 1,
      ...(from ? { after: from } : {}),
    })) as CommunityDoc[];
    const cursorOf = (c: CommunityDoc): string => encodeCursor(order, c[order.field], c._id);
    const matching = subject ? page.filter((c) => c.subjects.includes(subject)) : page;
    const nodes = matching.slice(0, first);
    return {
      edges: nodes.map((c) => ({
        cursor: cursorOf(c),
        node: {
          communityId: c._id,
          name: c.name,
          status: c.status.toUpperCase(),
          kind: c.kind,
          schoolYear: c.schoolYear,
          districtId: c.districtId,
          institutionId: c.institutionId,
          subjects: [...c.subjects],
          memberCount: c.memberCount,
          chairId: c.state.chair?.memberId ?? null,
        },
      })),
      pageInfo: { hasNextPage: matching.length > first, endCursor: nodes.length > 0 ? cursorOf(nodes[nodes.length - 1] as CommunityDoc) : null },
    };
  }

  @Query(() => [RosterEntry], { description: "A community's members with their roles over time and activity, by member id." })
  async roster(
    @Arg('communityId') communityId: string,
    @Arg('consistentWith', () => String, { nullable: true }) consistentWith: string | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<RosterEntry[]> {
    const { tenant } = requirePrincipal(ctx);
    const readStore = await consistent(ctx, consistentWith);
    if (!(await isVisible(ctx.services.store, tenant, `community-${communityId}`))) throw notFoundError('community', communityId);
    const docs = (await readStore.find('roster', ROSTER, { communityId }, { sort: [{ field: 'memberId', direction: 'asc' }], limit: 10_000 })) as RosterDoc[];
    return docs.map((d) => ({ ...d, roles: d.roles.map((r) => ({ ...r, role: r.role.toUpperCase() })) }));
  }

  @Query(() => Dashboard, { description: 'A community\'s evaluation criteria and compliance for a school year or one of its terms (Q1–Q4, H1, H2).' })
  async communityDashboard(
    @Arg('communityId') communityId: string,
    @Arg('schoolYear') schoolYear: string,
    @Arg('term', () => String, { nullable: true }) term: string | null,
    @Arg('consistentWith', () => String, { nullable: true }) consistentWith: string | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<Dashboard> {
    const { tenant } = requirePrincipal(ctx);
    const readStore = await consistent(ctx, consistentWith);
    if (!(await isVisible(ctx.services.store, tenant, `community-${communityId}`))) throw notFoundError('community', communityId);
    const communities = (await readStore.getMany('streamViews', 'communities', [communityId])) as CommunityDoc[];
    const calendarOf = communities[0]?.institutionId ?? null;
    return this.dashboard(readStore, { kind: 'COMMUNITY', id: communityId, districtId: tenant.districtId, calendarOf, communities: { _id: communityId } }, schoolYear, term);
  }

  @Query(() => Dashboard, { description: 'An institution\'s communities rolled up; a teacher active in two counts once.' })
  async institutionDashboard(
    @Arg('institutionId') institutionId: string,
    @Arg('schoolYear') schoolYear: string,
    @Arg('term', () => String, { nullable: true }) term: string | null,
    @Arg('consistentWith', () => String, { nullable: true }) consistentWith: string | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<Dashboard> {
    const { tenant } = requirePrincipal(ctx);
    if (tenant.institutionId && tenant.institutionId !== institutionId) throw notFoundError('institution', institutionId);
    const readStore = await consistent(ctx, consistentWith);
    const communities = { districtId: tenant.districtId, institutionId };
    return this.dashboard(readStore, { kind: 'INSTITUTION', id: institutionId, districtId: tenant.districtId, calendarOf: institutionId, communities }, schoolYear, term);
  }

  @Query(() => Dashboard, { description: 'The caller\'s district: every community rolled up (district staff only).' })
  async districtDashboard(
    @Arg('schoolYear') schoolYear: string,
    @Arg('term', () => String, { nullable: true }) term: string | null,
    @Arg('consistentWith', () => String, { nullable: true }) consistentWith: string | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<Dashboard> {
    const { tenant } = requirePrincipal(ctx);
    if (tenant.institutionId) throw new GraphQLError('The district dashboard is for district staff', { extensions: { code: 'FORBIDDEN' } });
    const readStore = await consistent(ctx, consistentWith);
    return this.dashboard(readStore, { kind: 'DISTRICT', id: tenant.districtId, districtId: tenant.districtId, calendarOf: null, communities: { districtId: tenant.districtId } }, schoolYear, term);
  }

  private async dashboard(readStore: ReadStore, scope: Scope, schoolYear: string, term: string | null): Promise<Dashboard> {
    if (!SCHOOL_YEAR.test(schoolYear)) throw new GraphQLError('schoolYear must be YYYY-YYYY', { extensions: { code: 'BAD_USER_INPUT' } });
    return buildDashboard(readStore, scope, schoolYear, term).catch(termError);
  }
}

@Resolver(() => EvidenceSet)
export class EvidenceResolver {
  @FieldResolver(() => [HistoryEvent], { description: 'The events themselves, with actor, time and cause.' })
  async events(@Root() evidence: EvidenceSet, @Arg('first', () => Int, { defaultValue: 100 }) first: number, @Ctx() ctx: GatewayContext): Promise<HistoryEvent[]> {
    requirePrincipal(ctx);
    const events = await ctx.services.store.readEvents(evidence.eventIds.slice(0, Math.max(0, Math.min(first, 1000))));
    return events.map(toHistoryEvent);
  }
}

