/**
 * Meeting cadence as the profile demands it: which windows of the school calendar must
 * hold how many meetings, and whether held meetings meet them. The calendar of terms is
 * data of the institution or district; `defaultTerms` is only the fallback when none
 * was recorded.
 */
import { schoolYearEnd, schoolYearStart, type SchoolYear, type Term } from '../shared/calendar';
import type { RuleId } from '../shared/rules';
import type { Cadence } from './profile';

export interface CadenceWindow {
  readonly name: string;
  readonly start: string;
  readonly end: string;
  readonly required: number;
  readonly rule: RuleId;
}

export interface WindowCompliance extends CadenceWindow {
  readonly held: number;
  readonly met: boolean;
}

/**
 * A common four-quarter, two-half-year calendar, used only when an institution has not
 * recorded its own terms. Holidays between quarters are left out of the quarters.
 */
export const defaultTerms = (year: SchoolYear): Term[] => {
  const first = year.slice(0, 4);
  const second = year.slice(5, 9);
  return [
    { name: 'Q1', kind: 'quarter', start: `${first}-09-01`, end: `${first}-10-27` },
    { name: 'Q2', kind: 'quarter', start: `${first}-11-05`, end: `${first}-12-28` },
    { name: 'Q3', kind: 'quarter', start: `${second}-01-09`, end: `${second}-03-22` },
    { name: 'Q4', kind: 'quarter', start: `${second}-04-01`, end: `${second}-05-31` },
    { name: 'H1', kind: 'halfYear', start: `${first}-09-01`, end: `${first}-12-31` },
    { name: 'H2', kind: 'halfYear', start: `${second}-01-01`, end: `${second}-08-31` },
  ];
};

const DAY_MS = 86_400_000;
const toDay = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const fromDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Monday-to-Sunday weeks whose Monday falls inside a quarter: the teaching weeks. */
const teachingWeeks = (quarters: readonly Term[]): { start: string; end: string }[] =>
  quarters.flatMap((q) => {
    const weeks: { start: string; end: string }[] = [];
    const first = toDay(q.start);
    // 1970-01-01 was a Thursday: day 4 of the week counted from Monday = 0.
    const firstMonday = first + ((7 - ((first + 3) % 7)) % 7);
    for (let monday = firstMonday; monday <= toDay(q.end); monday += 7) weeks.push({ start: fromDay(monday), end: fromDay(monday + 6) });
    return weeks;
  });

const termsOfKind = (terms: readonly Term[], kind: Term['kind']): Term[] => terms.filter((t) => t.kind === kind);

/** The windows of `year` in which the cadence demands meetings; none for `asNeeded` (002:4.6). */
export const cadenceWindows = (cadence: Cadence, year: SchoolYear, terms: readonly Term[] = defaultTerms(year)): CadenceWindow[] => {
  if (cadence.kind === 'asNeeded') return [];
  const window = (name: string, start: string, end: string, required: number): CadenceWindow => ({ name, start, end, required, rule: cadence.rule });
  const wholeYear = cadence.perSchoolYear ? [window(year, schoolYearStart(year), schoolYearEnd(year), cadence.perSchoolYear)] : [];
  switch (cadence.per) {
    case 'week':
      return [...teachingWeeks(termsOfKind(terms, 'quarter')).map((w) => window(`week of ${w.start}`, w.start, w.end, cadence.meetings)), ...wholeYear];
    case 'quarter':
      return [...termsOfKind(terms, 'quarter').map((t) => window(t.name, t.start, t.end, cadence.meetings)), ...wholeYear];
    case 'halfYear':
      return [...termsOfKind(terms, 'halfYear').map((t) => window(t.name, t.start, t.end, cadence.meetings)), ...wholeYear];
    case 'schoolYear':
      return [window(year, schoolYearStart(year), schoolYearEnd(year), cadence.meetings)];
  }
};

/** How many held meetings (by date) fall in each window, and whether it is enough. */
export const cadenceCompliance = (windows: readonly CadenceWindow[], heldOn: readonly string[]): WindowCompliance[] =>
  windows.map((w) => {
    const held = heldOn.filter((d) => d >= w.start && d <= w.end).length;
    return { ...w, held, met: held >= w.required };
  });
