/**
 * The districts' evaluation criteria (002:6.1) and compliance with the regulation, for
 * a community, an institution or a district, for a period beside the previous one. Every
 * figure lists the events it was computed from (`evidence`).
 */
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'The events a figure was computed from.' })
export class EvidenceSet {
  @Field(() => Int) count!: number;
  @Field(() => [ID]) eventIds!: string[];
}

@ObjectType()
export class PeriodView {
  @Field({ description: '2025-2026, 2025-2026/Q2, 2025-2026/H1' }) key!: string;
  @Field() schoolYear!: string;
  @Field(() => String, { nullable: true }) term?: string | null;
  @Field() start!: string;
  @Field() end!: string;
}

@ObjectType({ description: 'Members active in the period; see `definition`.' })
export class ActiveParticipantsFigure {
  @Field(() => Int) count!: number;
  @Field(() => [ID]) memberIds!: string[];
  @Field(() => EvidenceSet) evidence!: EvidenceSet;
}

@ObjectType({ description: 'Tasks due in the period and how they were done.' })
export class TaskCompletionFigure {
  @Field(() => Int) due!: number;
  @Field(() => Int) completedOnTime!: number;
  @Field(() => Int) completedLate!: number;
  @Field(() => Int) open!: number;
  @Field(() => Float, { nullable: true }) completionRate?: number | null;
  @Field(() => Float, { nullable: true }) onTimeRate?: number | null;
  @Field(() => EvidenceSet) evidence!: EvidenceSet;
}

@ObjectType({ description: 'Products made in the period, their kinds, and the demand for them from other communities.' })
export class ProductDiversityFigure {
  @Field(() => Int) products!: number;
  @Field(() => Int) distinctKinds!: number;
  @Field(() => [String]) kinds!: string[];
  @Field(() => Int) demand!: number;
  @Field(() => EvidenceSet) evidence!: EvidenceSet;
}

@ObjectType({
  description:
    'How the plans are carried out in the period (002:6.1): tasks assigned from a plan that fell due and those completed, and the success criteria measured (each by its latest value in the period) and met.',
})
export class PlanExecutionFigure {
  @Field(() => Int) planTasksDue!: number;
  @Field(() => Int) planTasksCompleted!: number;
  @Field(() => Int) criteriaMeasured!: number;
  @Field(() => Int) criteriaMet!: number;
  @Field(() => EvidenceSet) evidence!: EvidenceSet;
}

@ObjectType()
export class Figures {
  @Field(() => PeriodView) period!: PeriodView;
  @Field(() => ActiveParticipantsFigure) activeParticipants!: ActiveParticipantsFigure;
  @Field(() => TaskCompletionFigure) taskCompletion!: TaskCompletionFigure;
  @Field(() => ProductDiversityFigure) productDiversity!: ProductDiversityFigure;
  @Field(() => PlanExecutionFigure) planExecution!: PlanExecutionFigure;
}

@ObjectType()
export class Growth {
  @Field(() => Int) absolute!: number;
  @Field(() => Float, { nullable: true, description: 'Relative to the previous period; null when it had none.' }) relative?: number | null;
}

@ObjectType({ description: 'One compliance check with the rule it enforces.' })
export class ComplianceCheck {
  @Field() met!: boolean;
  @Field(() => String, { nullable: true }) rule?: string | null;
  @Field() detail!: string;
  @Field(() => EvidenceSet) evidence!: EvidenceSet;
}

@ObjectType({ description: 'Meetings held in one window of the calendar against the cadence the profile demands.' })
export class CadenceWindowView {
  @Field() name!: string;
  @Field() start!: string;
  @Field() end!: string;
  @Field(() => Int) required!: number;
  @Field(() => Int) held!: number;
  @Field() met!: boolean;
  @Field() rule!: string;
  @Field(() => EvidenceSet) evidence!: EvidenceSet;
}

@ObjectType({ description: "A community's compliance with its regulation profile for a school year." })
export class CommunityCompliance {
  @Field(() => ID) communityId!: string;
  @Field() name!: string;
  @Field() kind!: string;
  @Field() schoolYear!: string;
  @Field(() => Float, { description: 'Share of checks met, 0–1.' }) score!: number;
  @Field() cadenceMet!: boolean;
  @Field(() => [CadenceWindowView]) cadence!: CadenceWindowView[];
  @Field(() => ComplianceCheck) planApprovedOnTime!: ComplianceCheck;
  @Field(() => ComplianceCheck, { nullable: true, description: 'Null where the profile has no elected secretary.' }) secretaryElected?: ComplianceCheck | null;
  @Field(() => ComplianceCheck) minutesForEveryMeeting!: ComplianceCheck;
  @Field(() => ComplianceCheck) reportsOnTime!: ComplianceCheck;
}

@ObjectType()
export class ComplianceSummary {
  @Field(() => Int) communities!: number;
  @Field(() => Int, { description: 'Communities meeting every check.' }) fullyCompliant!: number;
  @Field(() => Float, { nullable: true }) averageScore?: number | null;
  @Field(() => [CommunityCompliance]) items!: CommunityCompliance[];
}

@ObjectType({ description: 'Evaluation criteria (002:6.1) and compliance for a scope and period, beside the previous period.' })
export class Dashboard {
  @Field({ description: 'COMMUNITY, INSTITUTION or DISTRICT' }) scope!: string;
  @Field(() => ID) scopeId!: string;
  @Field(() => Int) communities!: number;
  @Field(() => Figures) current!: Figures;
  @Field(() => Figures) previous!: Figures;
  @Field(() => Growth, { description: 'Growth in active participants against the previous period.' }) activeParticipantGrowth!: Growth;
  @Field({ description: 'The definition of an active participant these figures use.' }) activeParticipantDefinition!: string;
  @Field(() => Int) definitionVersion!: number;
  @Field(() => ComplianceSummary) compliance!: ComplianceSummary;
  @Field({ description: 'The read models reflect the log up to this position.' }) position!: string;
}

@ObjectType({ description: 'A community in the directory.' })
export class CommunitySummary {
  @Field(() => ID) communityId!: string;
  @Field() name!: string;
  @Field() status!: string;
  @Field() kind!: string;
  @Field() schoolYear!: string;
  @Field(() => ID) districtId!: string;
  @Field(() => ID, { nullable: true }) institutionId?: string | null;
  @Field(() => [String]) subjects!: string[];
  @Field(() => Int) memberCount!: number;
  @Field(() => ID, { nullable: true }) chairId?: string | null;
}

@ObjectType()
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor?: string | null;
}

@ObjectType()
export class CommunityEdge {
  @Field() cursor!: string;
  @Field(() => CommunitySummary) node!: CommunitySummary;
}

@ObjectType({ description: 'A Relay connection over the community directory.' })
export class CommunityConnection {
  @Field(() => [CommunityEdge]) edges!: CommunityEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType({ description: 'A role held for a time: member, chair or secretary, with the events that began and ended it.' })
export class RoleTerm {
  @Field({ description: 'MEMBER, CHAIR or SECRETARY' }) role!: string;
  @Field() from!: string;
  @Field(() => String, { nullable: true }) to?: string | null;
  @Field(() => ID) startedBy!: string;
  @Field(() => ID, { nullable: true }) endedBy?: string | null;
}

@ObjectType({ description: "A member's roles over time and activity in one community." })
export class RosterEntry {
  @Field(() => ID) memberId!: string;
  @Field(() => String, { nullable: true }) fullName?: string | null;
  @Field(() => [RoleTerm]) roles!: RoleTerm[];
  @Field(() => Int) meetingsAttended!: number;
  @Field(() => Int) votesCast!: number;
  @Field(() => Int) tasksOwned!: number;
  @Field(() => Int) tasksCompleted!: number;
  @Field(() => Int) productsAuthored!: number;
  @Field(() => String, { nullable: true }) lastActiveOn?: string | null;
}
