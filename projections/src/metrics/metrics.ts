/**
 * The districts' evaluation criteria (002:6.1) as pure functions of the activity
 * documents, for any period and beside the previous one. Each figure carries the ids
 * of the events it was computed from, so an auditor can reproduce it.
 */
import { defaultTerms, schoolYearEnd, schoolYearStart, type Term } from '@collegium/domain';
import type { ActivityDoc, CriterionFact } from '../activity/activity';

/**
 * "Active participant", defined once. Version it when the definition changes so that
 * figures computed under different definitions are never compared unknowingly.
 */
export const ACTIVE_PARTICIPANT = {
  version: 1,
  definition:
    'A member who, within the period, attended a held meeting, cast a vote at one, completed a task they owned, or authored a registered product.',
} as const;

export interface Period {
  /** `2025-2026`, `2025-2026/Q2`, `2025-2026/H1`. */
  readonly key: string;
  readonly schoolYear: string;
  readonly term: string | null;
  readonly start: string;
  readonly end: string;
}

export class UnknownTermError extends Error {
  override readonly name = 'UnknownTermError';
}

/** The period of a school year, or of one of its terms in the calendar. */
export const resolvePeriod = (schoolYear: string, term: string | null, terms: readonly Term[] = defaultTerms(schoolYear)): Period => {
  if (!term) return { key: schoolYear, schoolYear, term: null, start: schoolYearStart(schoolYear), end: schoolYearEnd(schoolYear) };
  const found = terms.find((t) => t.name === term);
  if (!found) throw new UnknownTermError(`school year ${schoolYear} has no term ${term}; known: ${terms.map((t) => t.name).join(', ')}`);
  return { key: `${schoolYear}/${term}`, schoolYear, term, start: found.start, end: found.end };
};

const shiftYear = (schoolYear: string, by: number): string => {
  const first = Number(schoolYear.slice(0, 4)) + by;
  return `${first}-${first + 1}`;
};

/** The period before: the previous term of the same kind (across the year boundary), or the previous school year. */
export const previousPeriod = (period: Period, termsOf: (schoolYear: string) => readonly Term[] = defaultTerms): Period => {
  if (!period.term) return resolvePeriod(shiftYear(period.schoolYear, -1), null);
  const terms = termsOf(period.schoolYear);
  const current = terms.find((t) => t.name === period.term);
  const sameKind = terms.filter((t) => t.kind === current?.kind);
  const index = sameKind.findIndex((t) => t.name === period.term);
  if (index > 0) return resolvePeriod(period.schoolYear, sameKind[index - 1]?.name ?? null, terms);
  const lastYear = shiftYear(period.schoolYear, -1);
  const lastYearTerms = termsOf(lastYear).filter((t) => t.kind === current?.kind);
  return resolvePeriod(lastYear, lastYearTerms.at(-1)?.name ?? null, termsOf(lastYear));
};

const within = (date: string, p: Period): boolean => date >= p.start && date <= p.end;

export interface ActiveParticipants {
  readonly count: number;
  readonly memberIds: readonly string[];
  readonly evidence: readonly string[];
}

/** Distinct members active in the period. Across communities a teacher counts once. */
export const activeParticipants = (docs: readonly ActivityDoc[], period: Period): ActiveParticipants => {
  const members = new Set<string>();
  const evidence = new Set<string>();
  for (const doc of docs) {
    for (const a of doc.activities) {
      if (!within(a.on, period)) continue;
      members.add(a.memberId);
      evidence.add(a.eventId);
    }
  }
  return { count: members.size, memberIds: [...members].sort(), evidence: [...evidence] };
};

export interface TaskCompletion {
  /** Tasks due within the period. */
  readonly due: number;
  readonly completedOnTime: number;
  readonly completedLate: number;
  /** Due in the period and not completed (yet). */
  readonly open: number;
  /** completedOnTime + completedLate over due; null when nothing was due. */
  readonly completionRate: number | null;
  readonly onTimeRate: number | null;
  readonly evidence: readonly string[];
}

/** Rates over what fell due; null when nothing did. */
export const completionOf = (due: number, onTime: number, late: number, evidence: readonly string[]): TaskCompletion => ({
  due,
  completedOnTime: onTime,
  completedLate: late,
  open: due - onTime - late,
  completionRate: due === 0 ? null : (onTime + late) / due,
  onTimeRate: due === 0 ? null : onTime / due,
  evidence,
});

export const taskCompletion = (docs: readonly ActivityDoc[], period: Period): TaskCompletion => {
  let due = 0;
  let onTime = 0;
  let late = 0;
  const evidence: string[] = [];
  for (const doc of docs) {
    for (const t of Object.values(doc.tasks)) {
      if (!within(t.dueOn, period)) continue;
      due++;
      evidence.push(t.assignedEventId);
      if (t.completedEventId) {
        evidence.push(t.completedEventId);
        if (t.onTime) onTime++;
        else late++;
      }
    }
  }
  return completionOf(due, onTime, late, evidence);
};

export interface ProductDiversity {
  readonly products: number;
  readonly distinctKinds: number;
  readonly kinds: readonly string[];
  /** Adoptions and requests of the communities' products by other communities, in the period. */
  readonly demand: number;
  readonly evidence: readonly string[];
}

export const productDiversity = (docs: readonly ActivityDoc[], period: Period): ProductDiversity => {
  const kinds = new Set<string>();
  const evidence: string[] = [];
  let products = 0;
  let demand = 0;
  for (const doc of docs) {
    for (const p of doc.products) {
      if (!within(p.producedOn, period)) continue;
      products++;
      kinds.add(p.kind);
      evidence.push(p.eventId);
    }
    for (const d of doc.demand) {
      if (!within(d.on, period)) continue;
      demand++;
      evidence.push(d.eventId);
    }
  }
  return { products, distinctKinds: kinds.size, kinds: [...kinds].sort(), demand, evidence };
};

/**
 * How the communities' plans are carried out in the period (002:6.1, "plan tasks and criteria
 * met"): the tasks assigned from their plans that fell due, those completed, and the success
 * criteria measured, each counted once by its latest measurement in the period.
 */
export interface PlanExecution {
  readonly planTasksDue: number;
  readonly planTasksCompleted: number;
  readonly criteriaMeasured: number;
  /** Of those measured, the ones whose latest value in the period reached the target. */
  readonly criteriaMet: number;
  readonly evidence: readonly string[];
}

export const planExecution = (docs: readonly ActivityDoc[], period: Period): PlanExecution => {
  // Per plan and criterion, the event of its latest measurement in the period: by date, and
  // of one date the later filed (a month's facts are in log order, and one date lies in one month).
  const latest = new Map<string, { readonly on: string; readonly eventId: string }>();
  for (const doc of docs) {
    for (const c of doc.criteria ?? []) {
      const before = latest.get(criterionKey(c));
      if (within(c.on, period) && (!before || c.on >= before.on)) latest.set(criterionKey(c), c);
    }
  }
  const counted = new Set([...latest.values()].map((c) => c.eventId));
  let planTasksDue = 0;
  let planTasksCompleted = 0;
  let criteriaMet = 0;
  // Evidence in document order, as the other figures list theirs: communities' lists then join in order.
  const evidence: string[] = [];
  for (const doc of docs) {
    for (const t of Object.values(doc.tasks)) {
      if (!t.fromPlan || !within(t.dueOn, period)) continue;
      planTasksDue++;
      evidence.push(t.assignedEventId);
      if (t.completedEventId) {
        planTasksCompleted++;
        evidence.push(t.completedEventId);
      }
    }
    for (const c of doc.criteria ?? []) {
      if (!counted.has(c.eventId)) continue;
      if (c.met) criteriaMet++;
      evidence.push(c.eventId);
    }
  }
  return { planTasksDue, planTasksCompleted, criteriaMeasured: latest.size, criteriaMet, evidence };
};

const criterionKey = (c: CriterionFact): string => `${c.planId}\u0000${c.criterionId}`;

export interface Evaluation {
  readonly period: Period;
  readonly activeParticipants: ActiveParticipants;
  readonly taskCompletion: TaskCompletion;
  readonly productDiversity: ProductDiversity;
  readonly planExecution: PlanExecution;
}

export interface EvaluationWithPrevious {
  readonly current: Evaluation;
  readonly previous: Evaluation;
  /** Change in active participants against the previous period; null when the previous had none. */
  readonly activeParticipantGrowth: { readonly absolute: number; readonly relative: number | null };
  readonly definitionVersion: number;
}

export const evaluate = (docs: readonly ActivityDoc[], period: Period): Evaluation => ({
  period,
  activeParticipants: activeParticipants(docs, period),
  taskCompletion: taskCompletion(docs, period),
  productDiversity: productDiversity(docs, period),
  planExecution: planExecution(docs, period),
});

/** A period's evaluation beside the previous one's, with the growth in active participants. */
export const withPrevious = (current: Evaluation, before: Evaluation): EvaluationWithPrevious => {
  const absolute = current.activeParticipants.count - before.activeParticipants.count;
  return {
    current,
    previous: before,
    activeParticipantGrowth: { absolute, relative: before.activeParticipants.count === 0 ? null : absolute / before.activeParticipants.count },
    definitionVersion: ACTIVE_PARTICIPANT.version,
  };
};

/** The evaluation of `period` beside the previous one; `docs` must cover both periods' months. */
export const evaluateWithPrevious = (docs: readonly ActivityDoc[], period: Period, previous: Period): EvaluationWithPrevious =>
  withPrevious(evaluate(docs, period), evaluate(docs, previous));
