import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { REPORT_KINDS } from '@collegium/domain';
import { enumOf, OrgRoleEnum } from '../enums';

export const ReportKindEnum = enumOf(REPORT_KINDS);
registerEnumType(ReportKindEnum, {
  name: 'ReportKind',
  description: 'Annual (000:7), analytical with the next year\'s plan (004:4.8), creative (003) or final (002) report.',
});

@ObjectType({ description: "A community's report on a school year and its review (current, or as of a date)." })
export class Report {
  @Field(() => ID) reportId!: string;
  @Field(() => ID) communityId!: string;
  @Field(() => ID) districtId!: string;
  @Field(() => ID, { nullable: true }) institutionId?: string | null;
  @Field({ description: 'SUBMITTED, RETURNED or ACCEPTED' }) status!: string;
  @Field(() => ReportKindEnum) kind!: string;
  @Field({ description: 'The school year reported on.' }) schoolYear!: string;
  @Field() summary!: string;
  @Field(() => [String]) achievements!: string[];
  @Field(() => ID, { nullable: true, description: "The next school year's draft plan that came with the report (004:4.8)." }) nextYearPlanId?: string | null;
  @Field(() => Int, { description: '1 for the first submission; a returned report is resubmitted with the next number.' }) submission!: number;
  @Field(() => ID) submittedBy!: string;
  @Field({ description: 'CHAIR or SECRETARY: the community role the report was submitted in (000:7).' }) submittedAs!: string;
  @Field() submittedAt!: string;
  @Field(() => String, { nullable: true, description: 'Due date (004:4.8: 1 September after the school year); null when the profile sets none.' })
  dueOn?: string | null;
  @Field({ description: 'Submitted on or before the due date (004:4.8); true when there is none.' }) onTime!: boolean;
  @Field(() => [OrgRoleEnum], { description: 'The official roles that accept or return the report.' }) acceptorRoles!: string[];
  @Field({ description: "The profile's reporting rule." }) rule!: string;
  @Field(() => [String], { description: 'Why the report was returned; empty unless RETURNED.' }) returnReasons!: string[];
  @Field(() => String, { nullable: true }) acceptedAt?: string | null;
  @Field(() => Int, { description: 'The stream revision this view reflects.' }) revision!: number;
}
