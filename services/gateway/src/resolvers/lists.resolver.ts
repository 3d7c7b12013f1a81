/**
 * Lists of one community's meetings (calendar, by date), tasks (board, by due date),
 * products (catalogue, by date), plans and reports (by school year), as Relay
 * connections over the stream-view documents the projector keeps. Each takes `orderBy`:
 * one of its fields (or LAST_CHANGED), ascending or descending.
 */
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { GraphQLError } from 'graphql';
import type { FieldCondition, Filter } from '@collegium/readstore';
import type { StreamViewDoc } from '@collegium/projections';
import {
  DEFAULT_MEETING_ORDER,
  DEFAULT_PLAN_ORDER,
  DEFAULT_PRODUCT_ORDER,
  DEFAULT_REPORT_ORDER,
  DEFAULT_TASK_ORDER,
  MeetingConnection,
  MeetingOrder,
  PlanConnection,
  PlanOrder,
  ProductConnection,
  ProductOrder,
  ReportConnection,
  ReportOrder,
  TaskConnection,
  TaskLatenessEnum,
  TaskOrder,
  type Connection,
  type ConnectionOrder,
  type TaskLateness,
} from '@collegium/schema';
import { isVisible } from '../application/tenancy';
import { requirePrincipal, type GatewayContext } from '../context';
import { notFoundError } from '../errors';
import { toMeetingView } from './meeting.resolver';
import { toPlanView } from './plan.resolver';
import { toProductView } from './product.resolver';
import { toReportView } from './report.resolver';
import { toTaskView } from './task.resolver';
import { consistent } from './consistency';
import { decodeCursor, encodeCursor, sortOf } from './cursor';

interface ListSpec<T> {
  readonly collection: string;
  /** The order when the client names none, and of cursors made before orders could be named. */
  readonly defaultOrder: ConnectionOrder;
  readonly view: (state: any, revision: number) => T | null;
}

const listOf = async <T>(
  ctx: GatewayContext,
  spec: ListSpec<T>,
  args: { communityId: string; first: number; after: string | null; consistentWith: string | null; orderBy: ConnectionOrder | null; filter?: Filter },
): Promise<Connection<T>> => {
  const { tenant } = requirePrincipal(ctx);
  if (args.first < 1 || args.first > 500) throw new GraphQLError('first must be 1–500', { extensions: { code: 'BAD_USER_INPUT' } });
  const order = args.orderBy ?? spec.defaultOrder;
  const after = args.after ? decodeCursor(args.after, order, spec.defaultOrder) : null;
  const readStore = await consistent(ctx, args.consistentWith);
  if (!(await isVisible(ctx.services.store, tenant, `community-${args.communityId}`))) throw notFoundError('community', args.communityId);
  const docs = (await readStore.find('streamViews', spec.collection, { ...args.filter, communityId: args.communityId }, {
    sort: sortOf(order),
    limit: args.first + 1,
    ...(after ? { after } : {}),
  })) as StreamViewDoc[];
  const page = docs.slice(0, args.first);
  const cursorOf = (doc: StreamViewDoc): string => encodeCursor(order, doc[order.field], doc._id);
  const last = page[page.length - 1];
  return {
    edges: page.flatMap((doc) => {
      const node = spec.view(doc.state, doc.revision);
      return node ? [{ cursor: cursorOf(doc), node }] : [];
    }),
    pageInfo: { hasNextPage: docs.length > args.first, endCursor: last ? cursorOf(last) : null },
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

const MEETINGS: ListSpec<ReturnType<typeof toMeetingView>> = { collection: 'meetings', defaultOrder: DEFAULT_MEETING_ORDER, view: toMeetingView };
const TASKS: ListSpec<ReturnType<typeof toTaskView>> = { collection: 'tasks', defaultOrder: DEFAULT_TASK_ORDER, view: toTaskView };
const PRODUCTS: ListSpec<ReturnType<typeof toProductView>> = { collection: 'products', defaultOrder: DEFAULT_PRODUCT_ORDER, view: toProductView };
const PLANS: ListSpec<ReturnType<typeof toPlanView>> = { collection: 'plans', defaultOrder: DEFAULT_PLAN_ORDER, view: toPlanView };
const REPORTS: ListSpec<ReturnType<typeof toReportView>> = { collection: 'reports', defaultOrder: DEFAULT_REPORT_ORDER, view: toReportView };

@Resolver()
export class ListsResolver {
  @Query(() => MeetingConnection, { description: "A community's meetings, by date unless `orderBy` says otherwise: the calendar." })
  meetings(
    @Arg('communityId') communityId: string,
    @Arg('from', () => String, { nullable: true, description: 'YYYY-MM-DD: meetings on or after.' }) from: string | null,
    @Arg('to', () => String, { nullable: true, description: 'YYYY-MM-DD: meetings on or before.' }) to: string | null,
    @Arg('status', () => String, { nullable: true, description: 'SCHEDULED, HELD or CANCELLED' }) status: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('orderBy', () => MeetingOrder, { nullable: true }) orderBy: ConnectionOrder | null,
    @Arg('consistentWith', () => String, { nullable: true }) consistentWith: string | null,
    @Ctx() ctx: GatewayContext,
  ) {
    const filter: Record<string, unknown> = {};
    if (from || to) filter['date'] = { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) };
    if (status) filter['status'] = status.toLowerCase();
    return listOf(ctx, MEETINGS, { communityId, first, after, consistentWith, orderBy, filter: filter as Filter });
  }

  @Query(() => TaskConnection, { description: "A community's tasks, by due date unless `orderBy` says otherwise: the board (owner, due, done, late)." })
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
    @Arg('orderBy', () => TaskOrder, { nullable: true }) orderBy: ConnectionOrder | null,
    @Arg('consistentWith', () => String, { nullable: true }) consistentWith: string | null,
    @Ctx() ctx: GatewayContext,
  ) {
    const filter: Record<string, FieldCondition> = {};
    if (ownerId) filter['ownerId'] = ownerId;
    if (status) filter['status'] = status.toLowerCase();
    if (lateness) Object.assign(filter, latenessFilter(lateness, ctx.now.slice(0, 10)));
    return listOf(ctx, TASKS, { communityId, first, after, consistentWith, orderBy, filter });
  }

  @Query(() => ProductConnection, { description: "A community's products, by date unless `orderBy` says otherwise: the catalogue, with the demand for each." })
  products(
    @Arg('communityId') communityId: string,
    @Arg('kind', () => String, { nullable: true, description: 'e.g. masterClass, openLesson, publication' }) kind: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('orderBy', () => ProductOrder, { nullable: true }) orderBy: ConnectionOrder | null,
    @Arg('consistentWith', () => String, { nullable: true }) consistentWith: string | null,
    @Ctx() ctx: GatewayContext,
  ) {
    return listOf(ctx, PRODUCTS, { communityId, first, after, consistentWith, orderBy, filter: kind ? { kind } : {} });
  }

  @Query(() => PlanConnection, { description: "A community's plans, by school year unless `orderBy` says otherwise." })
  plans(
    @Arg('communityId') communityId: string,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('orderBy', () => PlanOrder, { nullable: true }) orderBy: ConnectionOrder | null,
    @Arg('consistentWith', () => String, { nullable: true }) consistentWith: string | null,
    @Ctx() ctx: GatewayContext,
  ) {
    return listOf(ctx, PLANS, { communityId, first, after, consistentWith, orderBy });
  }

  @Query(() => ReportConnection, { description: "A community's reports, by school year unless `orderBy` says otherwise." })
  reports(
    @Arg('communityId') communityId: string,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('orderBy', () => ReportOrder, { nullable: true }) orderBy: ConnectionOrder | null,
    @Arg('consistentWith', () => String, { nullable: true }) consistentWith: string | null,
    @Ctx() ctx: GatewayContext,
  ) {
    return listOf(ctx, REPORTS, { communityId, first, after, consistentWith, orderBy });
  }
}
