import { Field, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';

@ObjectType({ description: 'A member of a community, with the attributes chair eligibility is judged on.' })
export class Member {
  @Field(() => ID) memberId!: string;
  @Field() fullName!: string;
  @Field() subject!: string;
  @Field() category!: string;
  @Field(() => Int) yearsInSpecialty!: number;
  @Field() headOfInstitution!: boolean;
  @Field({ description: 'The date membership began.' }) enrolledOn!: string;
}

@ObjectType({ description: 'The chair (председатель / руководитель), appointed by order (000:6).' })
export class Chair {
  @Field(() => ID) memberId!: string;
  @Field() appointedOn!: string;
  @Field() orderNumber!: string;
}

@ObjectType({ description: 'The secretary, elected by the members for one school year (000:6).' })
export class Secretary {
  @Field(() => ID) memberId!: string;
  @Field() schoolYear!: string;
}

@ObjectType({ description: 'A regulation profile: the settings in which regulations differ, as data.' })
export class RegulationProfileInfo {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field() title!: string;
  @Field({ description: 'The regulation (shared/seeds file) the profile distils.' }) seed!: string;
  @Field(() => GraphQLJSONObject, { description: 'Every setting: cadence, approval chain, deadlines, minimum members, chair eligibility, reporting.' })
  settings!: Record<string, unknown>;
}

@ObjectType({ description: 'A professional learning community as its stream tells it (current, or as of a date).' })
export class Community {
  @Field(() => ID) communityId!: string;
  @Field({ description: 'ACTIVE or DISSOLVED' }) status!: string;
  @Field() name!: string;
  @Field() schoolYear!: string;
  @Field(() => ID) districtId!: string;
  @Field({ description: 'INSTITUTION or DISTRICT (004:1.2)' }) hostLevel!: string;
  @Field(() => ID, { nullable: true }) institutionId?: string;
  @Field(() => [String]) subjects!: string[];
  @Field(() => String, { nullable: true }) direction?: string | null;
  @Field(() => RegulationProfileInfo, { description: 'The profile recorded when the community was created.' }) profile!: RegulationProfileInfo;
  @Field(() => [Member]) members!: Member[];
  @Field(() => Chair, { nullable: true }) chair?: Chair | null;
  @Field(() => Secretary, { nullable: true }) secretary?: Secretary | null;
  @Field() createdAt!: string;
  @Field(() => String, { nullable: true }) dissolvedAt?: string | null;
  @Field(() => String, { nullable: true }) dissolutionReason?: string | null;
  @Field(() => Int, { description: 'The stream revision this view reflects.' }) revision!: number;
}
