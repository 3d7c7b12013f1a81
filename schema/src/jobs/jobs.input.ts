import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUrl, Length, Matches } from 'class-validator';
import { OPERATION_KINDS } from '@collegium/domain';
import { MutationInput } from '../common.type';
import { enumOf } from '../enums';

export const OperationKindEnum = enumOf(OPERATION_KINDS);
registerEnumType(OperationKindEnum, { name: 'OperationKind', description: 'A long-running job: rebuild read models, or export a community\'s history.' });

@InputType({ description: 'Subscribes an outside system to events of the caller\'s tenant (district, or one institution).' })
export class RegisterWebhookInput extends MutationInput {
  @Field({ description: 'Where deliveries are POSTed (http or https).' })
  @Length(1, 2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  url!: string;
  @Field(() => [String], { description: 'Event types to deliver, e.g. MeetingHeld; `*` for all.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Matches(/^(\*|[A-Z][A-Za-z0-9]{0,79})$/, { each: true, message: 'each event type is a name like MeetingHeld, or *' })
  eventTypes!: string[];
  @Field({ description: 'Shared secret for the HMAC-SHA256 signature of each delivery (16–200 characters). Stored sealed; never shown again.' })
  @Length(16, 200)
  secret!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 500) description?: string;
}

@InputType()
export class RemoveWebhookInput extends MutationInput {
  @Field(() => ID) @Length(1, 100) webhookId!: string;
}

@InputType({ description: 'Delivers an event to a webhook again, e.g. a dead letter after the receiver was fixed.' })
export class RedeliverWebhookInput extends MutationInput {
  @Field(() => ID, { description: 'The delivery to repeat (from `webhookDeliveries`).' }) @Length(1, 300) deliveryId!: string;
}

@InputType()
export class RequestOperationInput extends MutationInput {
  @Field(() => OperationKindEnum) kind!: string;
  @Field({ description: 'A projection name or `all` for a rebuild; a community id for an export.' }) @Length(1, 100) target!: string;
}
