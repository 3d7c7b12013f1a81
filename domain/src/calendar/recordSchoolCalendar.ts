import { badInput, ensure, forbidden } from '../shared/errors';
import { event } from '../shared/message';
import { isIsoDate, isSchoolYear, schoolYearEnd, schoolYearStart, type Term } from '../shared/calendar';
import { CALENDAR_KEEPERS, type CalendarState, type RecordSchoolCalendar, type SchoolCalendarRecorded } from './types';

const TERM_KINDS: readonly Term['kind'][] = ['quarter', 'halfYear', 'trimester'];

const overlaps = (a: Term, b: Term): boolean => a.start <= b.end && b.start <= a.end;

/** Terms of one kind must not overlap: a date belongs to at most one quarter. */
const firstOverlap = (terms: readonly Term[]): [Term, Term] | null => {
  for (const [i, a] of terms.entries()) {
    for (const b of terms.slice(i + 1)) if (a.kind === b.kind && overlaps(a, b)) return [a, b];
  }
  return null;
};

const validateTerms = (terms: readonly Term[], schoolYear: string): void => {
  ensure(terms.length > 0 && terms.length <= 20, () => badInput('a calendar has 1–20 terms'));
  const names = new Set(terms.map((t) => t.name));
  ensure(names.size === terms.length, () => badInput('term names must be unique'));
  for (const t of terms) {
    ensure(t.name.trim().length > 0 && t.name.length <= 20, () => badInput('a term needs a short name, e.g. Q1 or H2'));
    ensure(TERM_KINDS.includes(t.kind), () => badInput(`term ${t.name}: kind must be one of ${TERM_KINDS.join(', ')}`));
    ensure(isIsoDate(t.start) && isIsoDate(t.end) && t.start <= t.end, () => badInput(`term ${t.name}: start and end must be dates, start first`));
    ensure(t.start >= schoolYearStart(schoolYear) && t.end <= schoolYearEnd(schoolYear), () => badInput(`term ${t.name} lies outside the school year ${schoolYear}`));
  }
  const clash = firstOverlap(terms);
  ensure(clash === null, () => badInput(`terms ${clash?.[0].name} and ${clash?.[1].name} overlap`));
};

/** Records (or replaces) the calendar of terms of an institution or the district for a school year. */
export const recordSchoolCalendar = (command: RecordSchoolCalendar, _state: CalendarState): SchoolCalendarRecorded[] => {
  const { owner, schoolYear, terms, calendarId } = command.data;
  const { actor, tenant, now } = command.metadata;
  ensure(isSchoolYear(schoolYear), () => badInput('schoolYear must be YYYY-YYYY'));
  ensure(CALENDAR_KEEPERS[owner.level].includes(actor.role), () =>
    forbidden(`the ${owner.level} calendar is kept by ${CALENDAR_KEEPERS[owner.level].join(' or ')}`),
  );
  const ownInstitution = owner.level === 'institution' ? owner.institutionId : undefined;
  ensure(tenant.institutionId === undefined || tenant.institutionId === ownInstitution, () =>
    forbidden('an institution records only its own calendar'),
  );
  validateTerms(terms, schoolYear);
  return [
    event('SchoolCalendarRecorded', {
      calendarId,
      districtId: tenant.districtId,
      institutionId: ownInstitution ?? null,
      schoolYear,
      terms: terms.map((t) => ({ name: t.name, kind: t.kind, start: t.start, end: t.end })),
      recordedBy: actor.id,
      recordedAt: now,
    }),
  ];
};
