/**
 * Lists of one community's meetings (calendar, by date), tasks (board, by due date),
 * products (catalogue, by date), plans and reports (by school year), as Relay
 * connections over the stream-view documents the projector keeps.
 */
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { GraphQLError } from 'graphql';
import type { FieldCondition, Filter } from '@collegium/readstore';
import type { StreamViewDoc } from '@collegium/projections';
import { MeetingConnection, PlanConnection, ProductConnection, ReportConnection, TaskConnection, TaskLatenessEnum, type Connection, type TaskLateness } from '@collegium/schema';
import { isVisible } from '../application/tenancy';
import { requirePrincipal, type GatewayContext } from '../context';
import { notFoundError } from '../errors';
import { toMeetingView } from './meeting.resolver';
import { toPlanView } from './plan.resolver';
import { toProductView } from './product.resolver';
import { toReportView } from './report.resolver';
import { toTaskView } from './task.resolver';
import { consistent } from './consistency';

interface ListSpec<T> {
  readonly collection: string;
  /** The indexed field the list is ordered by (with the id as tie-breaker). */
  readonly sortField: string;
  readonly view: (state: any, revision: number) => T | null;
}

const encode = (value: unknown, id: string): string => Buffer.from(JSON.stringify([value, id])).toString('base64url');
const decode = (cursor: string): { values: unknown[]; id: string } => {
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, string];
    if (typeof id !== 'string') throw new Error('bad cursor');
    return { values: [value], id };
  } catch {
    throw new GraphQLError('after is not a cursor of this connection', { extensions: { code: 'BAD_USER_INPUT' } });
  }
};

const listOf = async <T>(
  ctx: GatewayContext,
  spec: ListSpec<T>,
  args: { communityId: string; first: number; after: string | null; consistentWith: string | null; filter?: Filter },
): Promise<Connection<T>> => {
  const { tenant } = requirePrincipal(ctx);
  if (args.first < 1 || args.first > 500) throw new GraphQLError('first must be 1–500', { extensions: { code: 'BAD_USER_INPUT' } });
  const readStore = await consistent(ctx, args.consistentWith);
  if (!(await isVisible(ctx.services.store, tenant, `community-${args.communityId}`))) throw notFoundError('community', args.communityId);
  const docs = (await readStore.find('streamViews', spec.collection, { ...args.filter, communityId: args.communityId }, {
    sort: [{ field: spec.sortField, direction: 'asc' }],
    limit: args.first + 1,
    ...(args.after ? { after: decode(args.after) } : {}),
  })) as StreamViewDoc[];
  const page = docs.slice(0, args.first);
  return {
    edges: page.flatMap((doc) => {
      const node = spec.view(doc.state, doc.revision);
      return node ? [{ cursor: encode(doc[spec.sortField], doc._id), node }] : [];
    }),
    pageInfo: {
      hasNextPage: docs.length > args.first,
      endCursor: page.length > 0 ? encode(page[page.length - 1]?.[spec.sortField], page[page.length - 1]?._id as string) : null,
    },
  };
};

/** A task board's lateness as read-model conditions; "overdue" is relative to the request's day. */
export const latenessFilter = (lateness: TaskLateness, today: string): Filter => {
  switch (lateness) {
    case 'overdue':
      return { status: 'open', dueOn: { lte: previousDay(today) } };
    case 'doneLate':
      return { status: 'done', onTime: false };
    case 'doneOnTime':
      return { status: 'done', onTime: true };
  }
};

const previousDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

const MEETINGS: ListSpec<ReturnType<typeof toMeetingView>> = { collection: 'meetings', sortField: 'date', view: toMeetingView };

@Resolver()
export class ListsResolver {
  @Query(() => MeetingConnection, { description: "A community's meetings by date: the calendar." })
  meetings(
    @Arg('communityId') communityId: string,
    @Arg('from', () => String, { nullable: true, description: 'YYYY-MM-DD: meetings on or after.' }) from: string | null,
    @Arg('to', () => String, { nullable: true, description: 'YYYY-MM-DD: meetings on or before.' }) to: string | null,
    @Arg('status', () => String, { nullable: true, description: 'SCHEDULED, HELD or CANCELLED' }) status: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('consistentWith', () => String, { nullable: true }) consistentWith: string | null,
    @Ctx() ctx: GatewayContext,
  ) {
    const filter: Record<string, unknown> = {};
    if (from || to) filter['date'] = { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) };
    if (status) filter['status'] = status.toLowerCase();
    return listOf(ctx, MEETINGS, { communityId, first, after, consistentWith, filter: filter as Filter });
  }

  @Query(() => TaskConnection, { description: "A community's tasks by due date: the board (owner, due, done, late)." })
  tasks(
    @Arg('communityId') communityId: string,
    @Arg('ownerId', () => String, { nullable: true }) ownerId: string | null,
    @Arg('status', () => String, { nullable: true, description: 'OPEN or DONE' }) status: string | null,
    @Arg('lateness', () => TaskLatenessEnum, {
      nullable: true,
      description: 'OVERDUE: open past its due date (as of the request); DONE_LATE / DONE_ON_TIME: completed after / by its due date (002:6.1).',
    })
    lateness: TaskLateness | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('consistentWith', () => String, { nullable: true }) consistentWith: string | null,
    @Ctx() ctx: GatewayContext,
  ) {
    const filter: Record<string, FieldCondition> = {};
    if (ownerId) filter['ownerId'] = ownerId;
    if (status) filter['status'] = status.toLowerCase();
    if (lateness) Object.assign(filter, latenessFilter(lateness, ctx.now.slice(0, 10)));
    return listOf(ctx, { collection: 'tasks', sortField: 'dueOn', view: toTaskView }, { communityId, first, after, consistentWith, filter });
  }

  @Query(() => ProductConnection, { description: "A community's products by date: the catalogue, with the demand for each." })
  products(
    @Arg('communityId') communityId: string,
    @Arg('kind', () => String, { nullable: true, description: 'e.g. masterClass, openLesson, publication' }) kind: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('consistentWith', () => String, { nullable: true }) consistentWith: string | null,
    @Ctx() ctx: GatewayContext,
  ) {
    return listOf(ctx, { collection: 'products', sortField: 'producedOn', view: toProductView }, { communityId, first, after, consistentWith, filter: kind ? { kind } : {} });
  }

  @Query(() => PlanConnection, { description: "A community's plans by school year." })
  plans(
    @Arg('communityId') communityId: string,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('consistentWith', () => String, { nullable: true }) consistentWith: string | null,
    @Ctx() ctx: GatewayContext,
  ) {
    return listOf(ctx, { collection: 'plans', sortField: 'schoolYear', view: toPlanView }, { communityId, first, after, consistentWith });
  }

  @Query(() => ReportConnection, { description: "A community's reports by school year." })
  reports(
    @Arg('communityId') communityId: string,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('consistentWith', () => String, { nullable: true }) consistentWith: string | null,
    @Ctx() ctx: GatewayContext,
  ) {
    return listOf(ctx, { collection: 'reports', sortField: 'schoolYear', view: toReportView }, { communityId, first, after, consistentWith });
  }
}
