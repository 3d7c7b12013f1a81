/** Relay connections over the stream views: meetings calendar, tasks board, products catalogue, plans, reports. */
import { Field, ObjectType, registerEnumType, type ClassType } from 'type-graphql';
import { enumOf } from '../enums';
import { PageInfo } from '../dashboard/dashboard.type';
import { Meeting } from '../meeting/meeting.type';
import { Plan } from '../plan/plan.type';
import { Product } from '../product/product.type';
import { Report } from '../report/report.type';
import { Task } from '../task/task.type';

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

const connectionOf = <T extends object>(node: ClassType<T>, name: string): ClassType<Connection<T>> => {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field() cursor!: string;
    @Field(() => node) node!: T;
  }
  @ObjectType(`${name}Connection`, { description: `A Relay connection of ${name.toLowerCase()}s of one community.` })
  class ConnectionType {
    @Field(() => [EdgeType]) edges!: EdgeType[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
  }
  return ConnectionType;
};

export const MeetingConnection = connectionOf(Meeting, 'Meeting');
export const TaskConnection = connectionOf(Task, 'Task');
export const ProductConnection = connectionOf(Product, 'Product');
export const PlanConnection = connectionOf(Plan, 'Plan');
export const ReportConnection = connectionOf(Report, 'Report');

export const TASK_LATENESS = ['overdue', 'doneLate', 'doneOnTime'] as const;
export type TaskLateness = (typeof TASK_LATENESS)[number];
export const TaskLatenessEnum = enumOf(TASK_LATENESS);
registerEnumType(TaskLatenessEnum, { name: 'TaskLateness', description: 'Where a task stands against its due date (002:6.1).' });
