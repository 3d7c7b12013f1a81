import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { calendarDecider, calendarIdOf, streamName, type CalendarOwner } from '@collegium/domain';
import { CommandPayload, RecordSchoolCalendarInput, SchoolCalendar, SCHOOL_YEAR } from '@collegium/schema';
import { GraphQLError } from 'graphql';
import { loadCalendars } from '../application/readModels';
import { requirePrincipal, type GatewayContext } from '../context';
import { consistent } from './consistency';
import { run } from './run';

@Resolver()
export class CalendarResolver {
  @Mutation(() => CommandPayload, { description: 'Records (or replaces) the calendar of terms that cadence compliance and dashboard periods use.' })
  recordSchoolCalendar(@Arg('input') input: RecordSchoolCalendarInput, @Ctx() ctx: GatewayContext): Promise<CommandPayload> {
    const { tenant } = requirePrincipal(ctx);
    const owner: CalendarOwner = input.institutionId ? { level: 'institution', institutionId: input.institutionId } : { level: 'district' };
    const calendarId = calendarIdOf(tenant.districtId, owner, input.schoolYear);
    // One stream per owner and year: recording again replaces the terms, so the stream may exist.
    return run(ctx, input, { stream: streamName('calendar', calendarId), decider: calendarDecider, creates: true, what: 'calendar' }, (metadata) => ({
      type: 'RecordSchoolCalendar' as const,
      metadata,
      data: { calendarId, owner, schoolYear: input.schoolYear, terms: input.terms.map((t) => ({ ...t, kind: t.kind as 'quarter' | 'halfYear' | 'trimester' })) },
    }));
  }

  @Query(() => SchoolCalendar, { description: 'The calendar of terms in force for an institution (or the district) in a school year.' })
  async schoolCalendar(
    @Arg('schoolYear') schoolYear: string,
    @Arg('institutionId', () => String, { nullable: true }) institutionId: string | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<SchoolCalendar> {
    const { tenant } = requirePrincipal(ctx);
    if (!SCHOOL_YEAR.test(schoolYear)) throw new GraphQLError('schoolYear must be YYYY-YYYY', { extensions: { code: 'BAD_USER_INPUT' } });
    const readStore = await consistent(ctx, null);
    const institution = tenant.institutionId ?? institutionId;
    const calendars = await loadCalendars(readStore, tenant.districtId, [institution], [schoolYear]);
    const { terms, source } = calendars.termsFor(institution, schoolYear);
    return { schoolYear, institutionId: institution, source, terms: terms.map((t) => ({ ...t })) };
  }
}
