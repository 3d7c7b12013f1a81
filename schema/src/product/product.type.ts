import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DemandKindEnum, ProductKindEnum } from './product.input';

@ObjectType({ description: 'One community\'s adoption of or request for a product (002:6.1).' })
export class ProductDemand {
  @Field(() => ID) byCommunityId!: string;
  @Field(() => DemandKindEnum) kind!: string;
  @Field() recordedAt!: string;
}

@ObjectType({ description: 'A result of a community\'s work as its stream tells it (current, or as of a date) (002:6.1).' })
export class Product {
  @Field(() => ID) productId!: string;
  @Field(() => ID) communityId!: string;
  @Field({ description: 'REGISTERED' }) status!: string;
  @Field(() => ProductKindEnum) kind!: string;
  @Field() title!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => [ID]) authorIds!: string[];
  @Field() producedOn!: string;
  @Field() schoolYear!: string;
  @Field(() => ID, { nullable: true, description: 'The meeting the product came from.' }) meetingId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The plan task the product fulfils.' }) planTaskId?: string | null;
  @Field(() => [ProductDemand], { description: 'Adoptions and requests by other communities, in the order recorded.' }) demand!: ProductDemand[];
  @Field(() => Int, { description: 'The stream revision this view reflects.' }) revision!: number;
}
