/**
 * How a client orders a connection: one of the connection's fields, ascending or descending
 * (ties broken by id, ascending). Each connection names its own fields; the field values are
 * the read-model document fields they sort on.
 */
import { Field, InputType, registerEnumType, type ClassType } from 'type-graphql';

export const ORDER_DIRECTIONS = ['asc', 'desc'] as const;
export type OrderDirection = (typeof ORDER_DIRECTIONS)[number];
export const OrderDirectionEnum = { ASC: 'asc', DESC: 'desc' } as const;
registerEnumType(OrderDirectionEnum, { name: 'OrderDirection' });

/** A connection's order as the resolvers receive it: a document field and a direction. */
export interface ConnectionOrder {
  readonly field: string;
  readonly direction: OrderDirection;
}

/**
 * A connection's order input: `<name>Order { field: <name>OrderField = default, direction:
 * OrderDirection = ASC }`, where `fields` maps each GraphQL enum key to the document field.
 */
const orderInputOf = (name: string, fields: Readonly<Record<string, string>>, defaultKey: string, description: string): ClassType<ConnectionOrder> => {
  registerEnumType(fields, { name: `${name}OrderField`, description });
  @InputType(`${name}Order`, { description: `The order of a ${name.toLowerCase()} connection; ties are broken by id.` })
  class OrderInput implements ConnectionOrder {
    @Field(() => fields, { defaultValue: fields[defaultKey] }) field!: string;
    @Field(() => OrderDirectionEnum, { defaultValue: 'asc' }) direction!: OrderDirection;
  }
  return OrderInput;
};

/** LAST_CHANGED: the log position of the last event that changed the item (newest last when ascending). */
const LAST_CHANGED = { LAST_CHANGED: 'position' } as const;

export const COMMUNITY_ORDER_FIELDS = { NAME: 'name', SCHOOL_YEAR: 'schoolYear', MEMBER_COUNT: 'memberCount', ...LAST_CHANGED } as const;
export const CommunityOrder = orderInputOf('Community', COMMUNITY_ORDER_FIELDS, 'NAME', 'What the community directory can be ordered by.');
export const DEFAULT_COMMUNITY_ORDER: ConnectionOrder = { field: 'name', direction: 'asc' };

export const MEETING_ORDER_FIELDS = { DATE: 'date', ...LAST_CHANGED } as const;
export const MeetingOrder = orderInputOf('Meeting', MEETING_ORDER_FIELDS, 'DATE', 'What a meeting calendar can be ordered by (DATE: held on, else scheduled for).');
export const DEFAULT_MEETING_ORDER: ConnectionOrder = { field: 'date', direction: 'asc' };

export const TASK_ORDER_FIELDS = { DUE_ON: 'dueOn', OWNER: 'ownerId', ...LAST_CHANGED } as const;
export const TaskOrder = orderInputOf('Task', TASK_ORDER_FIELDS, 'DUE_ON', 'What a task board can be ordered by.');
export const DEFAULT_TASK_ORDER: ConnectionOrder = { field: 'dueOn', direction: 'asc' };

export const PRODUCT_ORDER_FIELDS = { PRODUCED_ON: 'producedOn', KIND: 'kind', ...LAST_CHANGED } as const;
export const ProductOrder = orderInputOf('Product', PRODUCT_ORDER_FIELDS, 'PRODUCED_ON', 'What a products catalogue can be ordered by.');
export const DEFAULT_PRODUCT_ORDER: ConnectionOrder = { field: 'producedOn', direction: 'asc' };

export const PLAN_ORDER_FIELDS = { SCHOOL_YEAR: 'schoolYear', ...LAST_CHANGED } as const;
export const PlanOrder = orderInputOf('Plan', PLAN_ORDER_FIELDS, 'SCHOOL_YEAR', 'What a community\'s plans can be ordered by.');
export const DEFAULT_PLAN_ORDER: ConnectionOrder = { field: 'schoolYear', direction: 'asc' };

export const REPORT_ORDER_FIELDS = { SCHOOL_YEAR: 'schoolYear', ...LAST_CHANGED } as const;
export const ReportOrder = orderInputOf('Report', REPORT_ORDER_FIELDS, 'SCHOOL_YEAR', 'What a community\'s reports can be ordered by.');
export const DEFAULT_REPORT_ORDER: ConnectionOrder = { field: 'schoolYear', direction: 'asc' };
