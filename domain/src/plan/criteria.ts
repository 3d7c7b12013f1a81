/**
 * How a success criterion stands against its target (003 plan, 002:6.1), from its latest
 * measured value: defined once here, for the plan's views and the dashboards alike.
 *
 * A target may lie above its baseline (knowledge quality 64 → 70 %) or below it (pupils
 * failing 12 → 5 %); without a baseline the target is a level to reach from zero.
 */
import type { CriterionResult, SuccessCriterion } from './types';

export interface CriterionStanding {
  /** The latest measurement by date measured (the later recorded of two on one day). */
  readonly latest: CriterionResult | null;
  /** Share of the way from the baseline (or zero) to the target, e.g. 0.67; null before any measurement. */
  readonly progress: number | null;
  /** Whether the latest value has reached the target, in the target's direction; null before any measurement. */
  readonly met: boolean | null;
}

/** The measurement that counts: the latest measured, and of one day the latest recorded. */
export const latestResult = (results: readonly CriterionResult[], criterionId: string): CriterionResult | null => {
  let latest: CriterionResult | null = null;
  for (const result of results) {
    if (result.criterionId === criterionId && (latest === null || result.measuredOn >= latest.measuredOn)) latest = result;
  }
  return latest;
};

type Target = Pick<SuccessCriterion, 'target' | 'baseline'>;

/** Whether `value` has reached the criterion's target, in its direction (see above). */
export const reachesTarget = (value: number, { target, baseline }: Target): boolean => (target >= (baseline ?? 0) ? value >= target : value <= target);

export const criterionStanding = (criterion: SuccessCriterion, results: readonly CriterionResult[]): CriterionStanding => {
  const latest = latestResult(results, criterion.criterionId);
  if (latest === null) return { latest, progress: null, met: null };
  const from = criterion.baseline ?? 0;
  const met = reachesTarget(latest.value, criterion);
  const span = criterion.target - from;
  const progress = span === 0 ? (met ? 1 : 0) : (latest.value - from) / span;
  return { latest, progress, met };
};
