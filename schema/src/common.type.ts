/**
 * Types every part of the schema shares: the mutation payload, the audit trail entry,
 * and the base of every mutation input.
 */
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { IsOptional, Length, Matches } from 'class-validator';

/** Dates of the school calendar travel as `YYYY-MM-DD` strings. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const SCHOOL_YEAR = /^\d{4}-\d{4}$/;

@InputType()
export abstract class MutationInput {
  @Field(() => String, {
    nullable: true,
    description: 'A retry with the same key returns the first result and appends nothing. Scoped to the caller.',
  })
  @IsOptional()
  @Length(1, 200)
  idempotencyKey?: string;
}

@InputType({ description: 'The order (приказ) that authorises an act: its number and date.' })
export class OrderInput {
  @Field() @Length(1, 100) number!: string;
  @Field({ description: 'YYYY-MM-DD' }) @Matches(ISO_DATE, { message: 'date must be YYYY-MM-DD' }) date!: string;
}

@ObjectType({ description: 'An order (приказ): number and date.' })
export class Order {
  @Field() number!: string;
  @Field() date!: string;
}

@ObjectType({ description: 'What a mutation changed: the ids it touched, the stream revision and the log position.' })
export class CommandPayload {
  @Field({ description: 'The stream the events were appended to.' }) streamId!: string;
  @Field(() => Int, { description: 'The stream revision after the append: the expected revision of the next write.' })
  revision!: number;
  @Field({ description: 'Position of the last appended event in the global log; pass it as `consistentWith` to read your writes.' })
  position!: string;
  @Field({ description: 'True when an earlier request with the same idempotency key did the work.' }) duplicate!: boolean;
  @Field(() => [String], { description: 'Types of the events appended, in order.' }) eventTypes!: string[];
  @Field(() => [ID]) eventIds!: string[];
  @Field(() => ID, { nullable: true }) communityId?: string;
  @Field(() => ID, { nullable: true }) memberId?: string;
  @Field(() => ID, { nullable: true }) meetingId?: string;
  @Field(() => ID, { nullable: true }) motionId?: string;
  @Field(() => ID, { nullable: true }) planId?: string;
  @Field(() => ID, { nullable: true }) reportId?: string;
  @Field(() => ID, { nullable: true }) taskId?: string;
  @Field(() => ID, { nullable: true }) productId?: string;
  @Field(() => ID, { nullable: true }) webhookId?: string;
  @Field(() => ID, { nullable: true }) operationId?: string;
}

@ObjectType()
export class ActorRef {
  @Field(() => ID) id!: string;
  @Field() role!: string;
}

@ObjectType()
export class TenantRef {
  @Field(() => ID) districtId!: string;
  @Field(() => ID, { nullable: true }) institutionId?: string;
}

@ObjectType({ description: 'One event of a stream, with who did it, when and why: the audit trail.' })
export class HistoryEvent {
  @Field(() => ID) eventId!: string;
  @Field() streamId!: string;
  @Field(() => Int) revision!: number;
  @Field() position!: string;
  @Field() type!: string;
  @Field(() => Int) schemaVersion!: number;
  @Field({ description: 'ISO instant the event was recorded.' }) recordedAt!: string;
  @Field(() => GraphQLJSONObject) data!: Record<string, unknown>;
  @Field(() => ActorRef) actor!: ActorRef;
  @Field(() => TenantRef) tenant!: TenantRef;
  @Field() correlationId!: string;
  @Field({ nullable: true }) causationId?: string;
  @Field({ nullable: true }) idempotencyKey?: string;
}
