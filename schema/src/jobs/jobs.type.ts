import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { enumOf } from '../enums';

export const JOB_STATES = ['waiting', 'delayed', 'active', 'completed', 'failed'] as const;
export const JobStateEnum = enumOf(JOB_STATES);
registerEnumType(JobStateEnum, { name: 'JobState', description: 'FAILED means every attempt failed: the job is on the dead-letter list.' });

@ObjectType({ description: 'A subscription of an outside system to events of a tenant.' })
export class Webhook {
  @Field(() => ID) id!: string;
  @Field() url!: string;
  @Field(() => [String]) eventTypes!: string[];
  @Field(() => ID) districtId!: string;
  @Field(() => ID, { nullable: true, description: 'Null: every institution of the district.' }) institutionId!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field({ description: 'ACTIVE or REMOVED.' }) status!: string;
  @Field() registeredAt!: string;
  @Field(() => ID) registeredBy!: string;
  @Field(() => ID, { description: 'The WebhookRegistered event.' }) eventId!: string;
}

@ObjectType({ description: 'One delivery of one event to one webhook, with its attempts.' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'Also the X-Collegium-Delivery header the receiver saw.' }) id!: string;
  @Field(() => ID) webhookId!: string;
  @Field(() => ID) eventId!: string;
  @Field(() => JobStateEnum) state!: string;
  @Field(() => Int) attemptsMade!: number;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' }) failedReason!: string | null;
  @Field() createdAt!: string;
  @Field(() => String, { nullable: true }) finishedAt!: string | null;
}

@ObjectType({ description: 'A long-running job started by a request: its state, progress and result.' })
export class Operation {
  @Field(() => ID) id!: string;
  @Field() kind!: string;
  @Field() target!: string;
  @Field(() => JobStateEnum, { nullable: true, description: 'Null until the job subscription has picked the request up.' }) state!: string | null;
  @Field(() => Float, { description: '0–100.' }) progress!: number;
  @Field(() => String, { nullable: true, description: 'The result as JSON (e.g. the export file and its event count).' }) result!: string | null;
  @Field(() => String, { nullable: true }) failedReason!: string | null;
  @Field() requestedAt!: string;
  @Field(() => ID) requestedBy!: string;
}
