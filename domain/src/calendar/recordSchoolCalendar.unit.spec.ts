import { decideAfter, expectDomainError, metadata } from '../testing';
import { calendarDecider } from './decider';
import type { RecordSchoolCalendar } from './types';
import type { Term } from '../shared/calendar';

const KZ_QUARTERS: Term[] = [
  { name: 'Q1', kind: 'quarter', start: '2025-09-01', end: '2025-10-26' },
  { name: 'Q2', kind: 'quarter', start: '2025-11-03', end: '2025-12-28' },
  { name: 'Q3', kind: 'quarter', start: '2026-01-08', end: '2026-03-19' },
  { name: 'Q4', kind: 'quarter', start: '2026-03-30', end: '2026-05-25' },
];

const record = (terms: readonly Term[], role: 'director' | 'teacher' | 'departmentHead' = 'director', institutionId = 'school-1'): RecordSchoolCalendar => ({
  type: 'RecordSchoolCalendar',
  metadata: metadata({ actor: { id: 'head', role }, tenant: { districtId: 'district-1', institutionId: role === 'departmentHead' ? undefined : 'school-1' } }),
  data: { calendarId: 'cal-1', owner: { level: 'institution', institutionId }, schoolYear: '2025-2026', terms },
});

describe('RecordSchoolCalendar', () => {
  it('records the institution\'s own quarters as data', () => {
    const [e] = decideAfter(calendarDecider, [], record(KZ_QUARTERS));
    expect(e).toMatchObject({ type: 'SchoolCalendarRecorded', data: { institutionId: 'school-1', districtId: 'district-1', terms: KZ_QUARTERS } });
  });

  it('replaces an earlier recording of the same year', () => {
    const first = decideAfter(calendarDecider, [], record(KZ_QUARTERS));
    const again = decideAfter(calendarDecider, first, record(KZ_QUARTERS.slice(0, 2)));
    const state = [...first, ...again].reduce(calendarDecider.evolve, calendarDecider.initialState());
    expect(state).toMatchObject({ status: 'recorded', versions: 2, terms: KZ_QUARTERS.slice(0, 2) });
  });

  it('lets only the institution\'s head record it, and only for their own institution', () => {
    expectDomainError(() => decideAfter(calendarDecider, [], record(KZ_QUARTERS, 'teacher')), 'FORBIDDEN');
    expectDomainError(() => decideAfter(calendarDecider, [], record(KZ_QUARTERS, 'director', 'school-2')), 'FORBIDDEN');
  });

  it('refuses overlapping quarters, terms outside the year and duplicate names', () => {
    const overlapping = [KZ_QUARTERS[0]!, { ...KZ_QUARTERS[1]!, start: '2025-10-20' }];
    expect(expectDomainError(() => decideAfter(calendarDecider, [], record(overlapping)), 'BAD_USER_INPUT').message).toMatch(/overlap/);
    expectDomainError(() => decideAfter(calendarDecider, [], record([{ name: 'Q1', kind: 'quarter', start: '2025-08-01', end: '2025-10-01' }])), 'BAD_USER_INPUT');
    expectDomainError(() => decideAfter(calendarDecider, [], record([KZ_QUARTERS[0]!, { ...KZ_QUARTERS[1]!, name: 'Q1' }])), 'BAD_USER_INPUT');
    // A half-year may overlap quarters: it is another kind of term.
    const withHalves: Term[] = [...KZ_QUARTERS, { name: 'H1', kind: 'halfYear', start: '2025-09-01', end: '2025-12-31' }];
    expect(decideAfter(calendarDecider, [], record(withHalves))).toHaveLength(1);
  });
});
