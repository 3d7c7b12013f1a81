/** Every resolver of the gateway. Add a resolver class here to put it into the schema. */
import { CalendarResolver } from './calendar.resolver';
import { CommunityResolver } from './community.resolver';
import { DashboardResolver, EvidenceResolver } from './dashboard.resolver';
import { HistoryResolver } from './history.resolver';
import { ListsResolver } from './lists.resolver';
import { MeetingResolver } from './meeting.resolver';
import { SystemResolver } from './system.resolver';
import { TaskResolver } from './task.resolver';
import { ProductResolver } from './product.resolver';
import { PlanProgressResolver, PlanResolver } from './plan.resolver';
import { ReportResolver } from './report.resolver';
import { JobsResolver } from './jobs.resolver';

export const RESOLVERS = [SystemResolver, HistoryResolver, CommunityResolver,
  MeetingResolver, TaskResolver, ProductResolver, PlanResolver, PlanProgressResolver, ReportResolver, DashboardResolver, EvidenceResolver, CalendarResolver, ListsResolver, JobsResolver] as const;
