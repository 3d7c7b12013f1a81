import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUrl, Length, Matches } from 'class-validator';
import { DEMAND_KINDS, PRODUCT_KINDS } from '@collegium/domain';
import { ISO_DATE, MutationInput } from '../common.type';
import { enumOf } from '../enums';

export const ProductKindEnum = enumOf(PRODUCT_KINDS);
registerEnumType(ProductKindEnum, { name: 'ProductKind', description: 'The kind of a result; distinct kinds measure the diversity of results (002:6.1).' });

export const DemandKindEnum = enumOf(DEMAND_KINDS);
registerEnumType(DemandKindEnum, { name: 'DemandKind', description: 'Another community adopted the product or asked for it (002:6.1).' });

@InputType({ description: 'Registers a result of the community\'s work, authored by its members (002:6.1).' })
export class RegisterProductInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) communityId!: string;
  @Field(() => ProductKindEnum) kind!: string;
  @Field() @Length(1, 300) title!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 5000) description?: string;
  @Field(() => String, { nullable: true, description: 'Where the product can be seen (http or https).' })
  @IsOptional()
  @Length(1, 2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  url?: string;
  @Field(() => [ID], { description: 'Members who made it; each counts as an active participant (002:6.1).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Length(1, 100, { each: true })
  authorIds!: string[];
  @Field(() => ID, { nullable: true, description: 'The meeting at which it was presented.' }) @IsOptional() @Length(1, 100) meetingId?: string;
  @Field(() => ID, { nullable: true, description: 'The plan task whose expected result it is.' }) @IsOptional() @Length(1, 100) planTaskId?: string;
  @Field({ description: 'YYYY-MM-DD; not in the future.' }) @Matches(ISO_DATE, { message: 'producedOn must be YYYY-MM-DD' }) producedOn!: string;
}

@InputType({ description: 'Records that another community adopted or requested a product: the demand for results (002:6.1).' })
export class RecordProductDemandInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) productId!: string;
  @Field(() => ID, { description: 'The adopting or requesting community; never the product\'s own.' }) @Length(1, 100) byCommunityId!: string;
  @Field(() => DemandKindEnum) kind!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 2000) note?: string;
}
