/**
 * Reading the projections: read-your-writes waits, the community directory and the
 * calendars of terms. The dashboards built from them are in `dashboards.ts`.
 */
import { calendarIdOf, defaultTerms, type RegulationProfile, type Term } from '@collegium/domain';
import { PROJECTIONS } from '@collegium/projections';
import type { Document, Filter, ReadStore } from '@collegium/readstore';

/**
 * Where the read models stand: `position`, the log position every projection has applied
 * (all read models reflect the log up to here), and `generations`, the generation each
 * answers from, as one comparable value. A rebuild swaps in a generation whose documents may
 * all differ while the log and the positions stay put, so whatever is kept for a position is
 * kept for these generations too.
 */
export interface ReadModelState {
  readonly position: number;
  readonly generations: string;
}

export const readModelState = async (readStore: ReadStore): Promise<ReadModelState> => {
  let position = Number.POSITIVE_INFINITY;
  const generations: number[] = [];
  for (const p of PROJECTIONS) {
    const status = await readStore.status(p.name);
    position = Math.min(position, status?.checkpoint ?? 0);
    generations.push(status?.activeGeneration ?? 0);
  }
  return { position, generations: generations.join(',') };
};

export const readModelPosition = async (readStore: ReadStore): Promise<number> => (await readModelState(readStore)).position;

/** Waits, bounded, until the read models have passed `position`; false when time ran out. */
export const waitForPosition = async (readStore: ReadStore, position: number, timeoutMs: number): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while ((await readModelPosition(readStore)) < position) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
};

export interface CommunityDoc extends Document {
  readonly status: string;
  readonly districtId: string;
  readonly institutionId: string | null;
  readonly kind: string;
  readonly schoolYear: string;
  readonly name: string;
  readonly subjects: readonly string[];
  readonly memberCount: number;
  readonly state: { readonly profile: RegulationProfile; readonly chair: { readonly memberId: string } | null };
}

export const findCommunities = async (readStore: ReadStore, filter: Filter): Promise<CommunityDoc[]> =>
  (await readStore.find('streamViews', 'communities', filter, { limit: 100_000 })) as CommunityDoc[];

export type TermsSource = 'INSTITUTION' | 'DISTRICT' | 'DEFAULT';

interface CalendarDoc extends Document {
  readonly state: { readonly terms: readonly Term[] };
}

/** The calendars of terms in force: an institution's own, else its district's, else the default. */
export interface Calendars {
  termsFor(institutionId: string | null, schoolYear: string): { readonly terms: readonly Term[]; readonly source: TermsSource };
}

export const loadCalendars = async (
  readStore: ReadStore,
  districtId: string,
  institutionIds: readonly (string | null)[],
  schoolYears: readonly string[],
): Promise<Calendars> => {
  const institutions = [...new Set(institutionIds.filter((id): id is string => id !== null))];
  const ids = schoolYears.flatMap((year) => [
    calendarIdOf(districtId, { level: 'district' }, year),
    ...institutions.map((institutionId) => calendarIdOf(districtId, { level: 'institution', institutionId }, year)),
  ]);
  const docs = new Map(((await readStore.getMany('streamViews', 'calendars', ids)) as CalendarDoc[]).map((d) => [d._id, d.state.terms]));
  return {
    termsFor(institutionId, schoolYear) {
      const own = institutionId ? docs.get(calendarIdOf(districtId, { level: 'institution', institutionId }, schoolYear)) : undefined;
      if (own) return { terms: own, source: 'INSTITUTION' };
      const district = docs.get(calendarIdOf(districtId, { level: 'district' }, schoolYear));
      if (district) return { terms: district, source: 'DISTRICT' };
      return { terms: defaultTerms(schoolYear), source: 'DEFAULT' };
    },
  };
};
