import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { reportDecider, streamName, type ReportKind, type ReportState } from '@collegium/domain';
import { AcceptReportInput, CommandPayload, Report, ReturnReportInput, SubmitReportInput } from '@collegium/schema';
import { loadCommunityFacts, loadPlanFacts, loadVisible } from '../application/load';
import { requirePrincipal, type GatewayContext } from '../context';
import { run } from './run';

export const toReportView = (state: ReportState, revision: number): Report | null => {
  if (state.status === 'none') return null;
  return {
    reportId: state.reportId,
    communityId: state.communityId,
    districtId: state.districtId,
    institutionId: state.institutionId ?? null,
    status: state.status.toUpperCase(),
    kind: state.kind,
    schoolYear: state.schoolYear,
    summary: state.summary,
    achievements: [...state.achievements],
    nextYearPlanId: state.nextYearPlanId,
    submission: state.submission,
    submittedBy: state.submittedBy,
    submittedAs: state.submittedAs.toUpperCase(),
    submittedAt: state.submittedAt,
    dueOn: state.dueOn,
    onTime: state.onTime,
    acceptorRoles: [...state.acceptorRoles],
    rule: state.rule,
    returnReasons: state.status === 'returned' ? [...state.reasons] : [],
    acceptedAt: state.status === 'accepted' ? state.acceptedAt : null,
    revision,
  };
};

const report = (reportId: string, creates = false) =>
  ({ stream: streamName('report', reportId), decider: reportDecider, creates, what: 'report' }) as const;

@Resolver()
export class ReportResolver {
  @Query(() => Report, { nullable: true, description: 'A report from its event stream; `asOf` (ISO instant) shows it as it was then.' })
  async report(
    @Arg('id') id: string,
    @Arg('asOf', () => String, { nullable: true }) asOf: string | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<Report | null> {
    const { tenant } = requirePrincipal(ctx);
    const { state, revision } = await loadVisible(ctx.services.store, tenant, streamName('report', id), reportDecider, asOf ?? undefined);
    return toReportView(state, revision);
  }

  @Mutation(() => CommandPayload, {
    description:
      "The community's secretary or chair (per profile) submits a report on a school year, with the next year's draft plan where required (000:7, 003:3.6, 004:4.8); pass reportId to resubmit a returned report.",
  })
  submitReport(@Arg('input') input: SubmitReportInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    const reportId = input.reportId ?? ctx.services.newId();
    const { store } = ctx.services;
    return run(ctx, input, report(reportId, reportId !== input.reportId), async (metadata) => ({
      type: 'SubmitReport' as const,
      metadata,
      data: {
        reportId,
        community: await loadCommunityFacts(store, metadata.tenant, input.communityId),
        // A GraphQL enum of the domain's report kinds, so the value is one of them.
        kind: input.kind as ReportKind,
        schoolYear: input.schoolYear,
        summary: input.summary,
        achievements: input.achievements,
        nextYearPlan: input.nextYearPlanId ? await loadPlanFacts(store, metadata.tenant, input.nextYearPlanId) : undefined,
      },
    }));
  }

  @Mutation(() => CommandPayload, { description: 'An official of the receiving roles accepts the report (000:7, 003:3.6, 004:4.8).' })
  acceptReport(@Arg('input') input: AcceptReportInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    return run(ctx, input, report(input.reportId), (metadata) => ({
      type: 'AcceptReport' as const,
      metadata,
      data: { reportId: input.reportId, comment: input.comment ?? undefined },
    }));
  }

  @Mutation(() => CommandPayload, { description: 'An official of the receiving roles returns the report with reasons; it is then resubmitted.' })
  returnReport(@Arg('input') input: ReturnReportInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    return run(ctx, input, report(input.reportId), (metadata) => ({
      type: 'ReturnReport' as const,
      metadata,
      data: { reportId: input.reportId, reasons: input.reasons },
    }));
  }
}
