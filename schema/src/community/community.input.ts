import { Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsInt, IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { MutationInput, OrderInput, SCHOOL_YEAR, ISO_DATE } from '../common.type';
import { CommunityKind, QualificationCategory } from '../enums';

@InputType({ description: 'A teacher (or head) as enrolled: the attributes chair eligibility is judged on (004:4.2).' })
export class MemberInput {
  @Field(() => ID, { description: "The person's id in the school system." }) @Length(1, 100) memberId!: string;
  @Field() @Length(1, 200) fullName!: string;
  @Field() @Length(1, 100) subject!: string;
  @Field(() => QualificationCategory) category!: string;
  @Field(() => Int) @IsInt() @Min(0) @Max(70) yearsInSpecialty!: number;
  @Field({ defaultValue: false }) @IsBoolean() headOfInstitution!: boolean;
}

@InputType()
export class CreateCommunityInput extends MutationInput {
  @Field() @Length(1, 300) name!: string;
  @Field(() => CommunityKind, { description: 'Chooses the regulation profile the community records for good.' })
  kind!: string;
  @Field({ description: 'YYYY-YYYY, e.g. 2025-2026' }) @Matches(SCHOOL_YEAR) schoolYear!: string;
  @Field(() => ID, { nullable: true, description: 'The host institution; omit for a district-hosted community (004:1.2).' })
  @IsOptional()
  @Length(1, 100)
  institutionId?: string;
  @Field(() => [String]) @ArrayMaxSize(20) @Length(1, 100, { each: true }) subjects!: string[];
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 300) direction?: string;
  @Field(() => [MemberInput], { defaultValue: [] }) @ArrayMaxSize(500) @ValidateNested({ each: true }) foundingMembers!: MemberInput[];
  @Field(() => OrderInput) @ValidateNested() order!: OrderInput;
}

@InputType()
export class ReorganizeCommunityInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) communityId!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 300) name?: string;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMinSize(0) @ArrayMaxSize(20) @Length(1, 100, { each: true }) subjects?: string[];
  @Field(() => String, { nullable: true, description: 'An empty string removes the direction.' }) @IsOptional() @Length(0, 300) direction?: string;
  @Field(() => OrderInput) @ValidateNested() order!: OrderInput;
}

@InputType()
export class ContinueCommunityInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) communityId!: string;
  @Field() @Matches(SCHOOL_YEAR) schoolYear!: string;
  @Field(() => OrderInput) @ValidateNested() order!: OrderInput;
}

@InputType()
export class DissolveCommunityInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) communityId!: string;
  @Field() @Length(1, 2000) reason!: string;
  @Field(() => OrderInput) @ValidateNested() order!: OrderInput;
}

@InputType()
export class EnrollMemberInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) communityId!: string;
  @Field(() => MemberInput) @ValidateNested() member!: MemberInput;
  @Field(() => OrderInput, { nullable: true }) @IsOptional() @ValidateNested() order?: OrderInput;
}

@InputType()
export class RemoveMemberInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) communityId!: string;
  @Field(() => ID) @Length(1, 100) memberId!: string;
  @Field(() => OrderInput, { nullable: true }) @IsOptional() @ValidateNested() order?: OrderInput;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 2000) reason?: string;
}

@InputType()
export class AppointChairInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) communityId!: string;
  @Field(() => ID) @Length(1, 100) memberId!: string;
  @Field(() => OrderInput) @ValidateNested() order!: OrderInput;
}

@InputType({ description: 'Records the election of a secretary decided by a carried motion at a meeting (000:6).' })
export class ElectSecretaryInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) communityId!: string;
  @Field(() => ID) @Length(1, 100) memberId!: string;
  @Field(() => ID) @Length(1, 100) meetingId!: string;
  @Field(() => ID) @Length(1, 100) motionId!: string;
}

@InputType()
export class RecordExpertEvaluationInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) communityId!: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @Length(1, 100) productId?: string;
  @Field(() => Int) @IsInt() @Min(1) @Max(10) score!: number;
  @Field() @Length(1, 5000) conclusion!: string;
  @Field() @Matches(ISO_DATE) evaluatedOn!: string;
}

