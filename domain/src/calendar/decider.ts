import type { Decider } from '../shared/message';
import { recordSchoolCalendar } from './recordSchoolCalendar';
import type { CalendarCommand, CalendarEvent, CalendarState } from './types';

export const initialCalendarState = (): CalendarState => ({ status: 'none' });

export const evolveCalendar = (state: CalendarState, e: CalendarEvent): CalendarState => ({
  status: 'recorded',
  calendarId: e.data.calendarId,
  districtId: e.data.districtId,
  institutionId: e.data.institutionId,
  schoolYear: e.data.schoolYear,
  terms: e.data.terms,
  versions: state.status === 'recorded' ? state.versions + 1 : 1,
});

export const calendarDecider: Decider<CalendarCommand, CalendarEvent, CalendarState> = {
  initialState: initialCalendarState,
  decide: (command, state) => recordSchoolCalendar(command, state),
  evolve: evolveCalendar,
};
