import { findProfile } from './builtIn';
import { cadenceCompliance, cadenceWindows, defaultTerms } from './cadence';
import type { RegulationProfile } from './profile';

const profile = (id: string): RegulationProfile => {
  const found = findProfile(id);
  if (!found) throw new Error(`no profile ${id}`);
  return found;
};

describe('meeting cadence of a regulation profile', () => {
  it('demands a meeting in every school quarter (000:8, 003:3.3)', () => {
    for (const id of ['by-school-plc', 'kz-school-plc']) {
      const windows = cadenceWindows(profile(id).cadence, '2025-2026');
      expect(windows.map((w) => [w.name, w.required])).toEqual([
        ['Q1', 1],
        ['Q2', 1],
        ['Q3', 1],
        ['Q4', 1],
      ]);
    }
    const kz = cadenceWindows(profile('kz-school-plc').cadence, '2025-2026');
    const result = cadenceCompliance(kz, ['2025-10-10', '2025-12-10', '2026-03-12', '2026-05-14']);
    expect(result.every((w) => w.met)).toBe(true);
    expect(result[0]?.rule).toBe('003:3.3');
    // Two meetings in the first quarter do not make up for none in the second.
    const gap = cadenceCompliance(kz, ['2025-10-10', '2025-10-20', '2026-01-20', '2026-05-14']);
    expect(gap.filter((w) => !w.met).map((w) => w.name)).toEqual(['Q2']);
  });

  it('demands a meeting every teaching week in the Russian school profile (001:3.1)', () => {
    const windows = cadenceWindows(profile('ru-school-plc').cadence, '2025-2026');
    expect(windows.length).toBeGreaterThan(30);
    expect(windows.length).toBeLessThan(40);
    expect(windows[0]).toMatchObject({ start: '2025-09-01', end: '2025-09-07', required: 1, rule: '001:3.1' });
    const firstTwo = cadenceCompliance(windows.slice(0, 2), ['2025-09-03']);
    expect(firstTwo.map((w) => w.met)).toEqual([true, false]);
  });

  it('sets no minimum where meetings are held as the tasks require (002:4.6)', () => {
    expect(cadenceWindows(profile('ru-kindergarten-plc').cadence, '2025-2026')).toEqual([]);
  });

  it('demands one meeting per half-year and two a school year in district communities (004:4.5)', () => {
    const windows = cadenceWindows(profile('district-community').cadence, '2025-2026');
    expect(windows.map((w) => [w.name, w.required])).toEqual([
      ['H1', 1],
      ['H2', 1],
      ['2025-2026', 2],
    ]);
    const oneHalfOnly = cadenceCompliance(windows, ['2025-10-01', '2025-12-01']);
    expect(oneHalfOnly.map((w) => w.met)).toEqual([true, false, true]);
    const both = cadenceCompliance(windows, ['2025-10-01', '2026-03-01']);
    expect(both.every((w) => w.met && w.rule === '004:4.5')).toBe(true);
  });

  it('reads the calendar of terms as data of the institution', () => {
    const ownTerms = [
      { name: 'T1', kind: 'quarter' as const, start: '2025-09-01', end: '2025-11-30' },
      { name: 'T2', kind: 'quarter' as const, start: '2025-12-01', end: '2026-02-28' },
      { name: 'T3', kind: 'quarter' as const, start: '2026-03-01', end: '2026-05-31' },
    ];
    expect(cadenceWindows(profile('kz-school-plc').cadence, '2025-2026', ownTerms).map((w) => w.name)).toEqual(['T1', 'T2', 'T3']);
    expect(defaultTerms('2025-2026').filter((t) => t.kind === 'quarter')).toHaveLength(4);
  });
});
