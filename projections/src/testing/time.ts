/**
 * Time for the simulation, as epoch milliseconds (cheap to compare and add). Calendar
 * dates are UTC `YYYY-MM-DD`, the form the deciders compare as strings.
 */

/** Module-level copies: under jest's vm sandbox every lookup of a global such as `Math` is slow, and these run per event. */
const { floor } = Math;
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Midnight UTC of a calendar date. */
export const dayOf = (date: string): number => Date.parse(`${date}T00:00:00.000Z`);

/** Midnight of the day an instant falls on. */
export const startOfDay = (ms: number): number => ms - (((ms % DAY) + DAY) % DAY);

/**
 * Formatting dates is on the hot path (every command has an instant and most carry a
 * date); a generated log spans a few thousand days, so each day's text is cached.
 */
const dateTexts = new Map<number, string>();

export const isoDate = (ms: number): string => {
  const day = startOfDay(ms);
  let text = dateTexts.get(day);
  if (text === undefined) {
    text = new Date(day).toISOString().slice(0, 10);
    dateTexts.set(day, text);
  }
  return text;
};

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/** The same text as `new Date(ms).toISOString()`, for years 0–9999. */
export const isoInstant = (ms: number): string => {
  const inDay = ms - startOfDay(ms);
  const h = floor(inDay / HOUR);
  const m = floor((inDay % HOUR) / MINUTE);
  const s = floor((inDay % MINUTE) / SECOND);
  return `${isoDate(ms)}T${pad2(h)}:${pad2(m)}:${pad2(s)}.${pad3(inDay % SECOND)}Z`;
};

/** A day of a school year that starts in September of `firstYear`: months 9–12 fall in it, 1–8 in the next. */
export const schoolDay = (firstYear: number, month: number, day: number): number =>
  Date.UTC(month >= 9 ? firstYear : firstYear + 1, month - 1, day);
