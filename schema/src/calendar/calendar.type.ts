import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Matches, ValidateNested } from 'class-validator';
import { ISO_DATE, MutationInput, SCHOOL_YEAR } from '../common.type';
import { enumOf } from '../enums';

export const TermKind = enumOf(['quarter', 'halfYear', 'trimester'] as const);
registerEnumType(TermKind, { name: 'TermKind' });

@InputType()
export class TermInput {
  @Field({ description: 'Short name used to ask for the period, e.g. Q2 or H1.' }) @Length(1, 20) name!: string;
  @Field(() => TermKind) kind!: string;
  @Field() @Matches(ISO_DATE, { message: 'start must be YYYY-MM-DD' }) start!: string;
  @Field() @Matches(ISO_DATE, { message: 'end must be YYYY-MM-DD' }) end!: string;
}

@InputType({ description: "An institution's (or, without institutionId, the district's) calendar of terms for a school year." })
export class RecordSchoolCalendarInput extends MutationInput {
  @Field() @Matches(SCHOOL_YEAR) schoolYear!: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @Length(1, 100) institutionId?: string;
  @Field(() => [TermInput]) @ArrayMinSize(1) @ArrayMaxSize(20) @ValidateNested({ each: true }) terms!: TermInput[];
}

@ObjectType()
export class TermView {
  @Field() name!: string;
  @Field(() => TermKind) kind!: string;
  @Field() start!: string;
  @Field() end!: string;
}

@ObjectType({ description: 'The calendar of terms in force for an institution: its own, else its district\'s, else the platform default.' })
export class SchoolCalendar {
  @Field() schoolYear!: string;
  @Field(() => ID, { nullable: true }) institutionId?: string | null;
  @Field({ description: 'INSTITUTION, DISTRICT or DEFAULT' }) source!: string;
  @Field(() => [TermView]) terms!: TermView[];
}
