import type { Command, DomainEvent, OrgRole } from '../shared/message';
import type { SchoolYear, Term } from '../shared/calendar';

/**
 * The calendar of terms (quarters, half-years) of one school year, recorded by an
 * institution or by the district for its schools. Quarters and half-years differ by
 * country and school (DOMAIN.md "School year"), so they are data: cadence compliance and
 * dashboard periods read them.
 */
export type CalendarOwner = { readonly level: 'institution'; readonly institutionId: string } | { readonly level: 'district' };

export type RecordSchoolCalendar = Command<
  'RecordSchoolCalendar',
  {
    readonly calendarId: string;
    readonly owner: CalendarOwner;
    readonly schoolYear: SchoolYear;
    readonly terms: readonly Term[];
  }
>;

export type SchoolCalendarRecorded = DomainEvent<
  'SchoolCalendarRecorded',
  {
    readonly calendarId: string;
    readonly districtId: string;
    /** Null for the district's own calendar, which its schools follow unless they record one. */
    readonly institutionId: string | null;
    readonly schoolYear: SchoolYear;
    readonly terms: readonly Term[];
    readonly recordedBy: string;
    readonly recordedAt: string;
  }
>;

export type CalendarCommand = RecordSchoolCalendar;
export type CalendarEvent = SchoolCalendarRecorded;

export type CalendarState =
  | { readonly status: 'none' }
  | {
      readonly status: 'recorded';
      readonly calendarId: string;
      readonly districtId: string;
      readonly institutionId: string | null;
      readonly schoolYear: SchoolYear;
      readonly terms: readonly Term[];
      /** How many times it was recorded: a later recording replaces the terms. */
      readonly versions: number;
    };

/** Who keeps the calendar: the head of the institution, or the district's education department. */
export const CALENDAR_KEEPERS: Readonly<Record<CalendarOwner['level'], readonly OrgRole[]>> = {
  institution: ['director', 'deputyDirector', 'kindergartenHead'],
  district: ['departmentHead', 'methodCentreDirector', 'districtAdmin'],
};

/** One calendar stream per owner and school year. */
export const calendarIdOf = (districtId: string, owner: CalendarOwner, schoolYear: SchoolYear): string =>
  `${districtId}.${owner.level === 'institution' ? owner.institutionId : 'district'}.${schoolYear}`;
