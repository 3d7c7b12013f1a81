/**
 * School years and terms. A school year runs 1 September – 31 August; its terms
 * (quarters, half-years) are data of the institution or district, never constants.
 * Dates here are calendar dates (`YYYY-MM-DD`), compared as strings.
 */

/** `2025-2026`: the school year that starts on 1 September 2025. */
export type SchoolYear = string;

const SCHOOL_YEAR = /^(\d{4})-(\d{4})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const isSchoolYear = (value: string): boolean => {
  const m = SCHOOL_YEAR.exec(value);
  return m !== null && Number(m[2]) === Number(m[1]) + 1;
};

export const isIsoDate = (value: string): boolean => ISO_DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

export const schoolYearStart = (year: SchoolYear): string => `${year.slice(0, 4)}-09-01`;
export const schoolYearEnd = (year: SchoolYear): string => `${year.slice(5, 9)}-08-31`;

/** The school year a calendar date (or instant) falls in. */
export const schoolYearOf = (dateOrInstant: string): SchoolYear => {
  const y = Number(dateOrInstant.slice(0, 4));
  const m = Number(dateOrInstant.slice(5, 7));
  const start = m >= 9 ? y : y - 1;
  return `${start}-${start + 1}`;
};

export const nextSchoolYear = (year: SchoolYear): SchoolYear => {
  const start = Number(year.slice(0, 4)) + 1;
  return `${start}-${start + 1}`;
};

/** The calendar date of an instant, in UTC. */
export const dateOf = (instant: string): string => instant.slice(0, 10);

/**
 * A day of the school year given as month and day, e.g. 15 September (004:4.7) or
 * 1 September of the following year (004:4.8): `yearOffset` 0 is the year's own September.
 */
export interface SchoolYearDay {
  readonly month: number;
  readonly day: number;
  /** 0: within the school year's first calendar year when month ≥ 9, its second otherwise; 1: one year later. */
  readonly yearOffset: 0 | 1;
}

export const resolveSchoolYearDay = (year: SchoolYear, d: SchoolYearDay): string => {
  const first = Number(year.slice(0, 4));
  const calendarYear = (d.month >= 9 ? first : first + 1) + d.yearOffset;
  return `${calendarYear}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
};

/** A named term of a school year, e.g. `Q1` 2025-09-01 … 2025-10-31. */
export interface Term {
  readonly name: string;
  readonly kind: 'quarter' | 'halfYear' | 'trimester';
  readonly start: string;
  readonly end: string;
}
