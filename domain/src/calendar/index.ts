export * from './types';
export { recordSchoolCalendar } from './recordSchoolCalendar';
export { calendarDecider, evolveCalendar, initialCalendarState } from './decider';
