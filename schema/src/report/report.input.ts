import { Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Matches } from 'class-validator';
import { MutationInput, SCHOOL_YEAR } from '../common.type';
import { ReportKindEnum } from './report.type';

@InputType({ description: "The community's secretary or chair, per profile, submits a report on a school year (000:7, 003:3.6, 004:4.8)." })
export class SubmitReportInput extends MutationInput {
  @Field(() => ID, { nullable: true, description: 'Omit for a new report; pass the id of a returned report to resubmit it.' })
  @IsOptional()
  @Length(1, 100)
  reportId?: string;
  @Field(() => ID) @Length(1, 100) communityId!: string;
  @Field(() => ReportKindEnum) kind!: string;
  @Field({ description: 'YYYY-YYYY: the school year reported on.' }) @Matches(SCHOOL_YEAR) schoolYear!: string;
  @Field() @Length(1, 20000) summary!: string;
  @Field(() => [String], { defaultValue: [] }) @ArrayMaxSize(100) @Length(1, 2000, { each: true }) achievements!: string[];
  @Field(() => ID, { nullable: true, description: "The next school year's draft plan that goes with the report (004:4.8)." })
  @IsOptional()
  @Length(1, 100)
  nextYearPlanId?: string;
}

@InputType({ description: 'An official of the receiving roles accepts the report.' })
export class AcceptReportInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) reportId!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 2000) comment?: string;
}

@InputType({ description: 'An official of the receiving roles returns the report with reasons for resubmission.' })
export class ReturnReportInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) reportId!: string;
  @Field(() => [String]) @ArrayMinSize(1) @ArrayMaxSize(20) @Length(1, 2000, { each: true }) reasons!: string[];
}
