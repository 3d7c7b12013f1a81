/**
 * Communities' evaluations rolled up into one, kept as they change. A district dashboard
 * sums a thousand communities; when one of them changes, replacing its evaluation costs that
 * evaluation's size, not the district's: counts are kept as running totals and the members
 * and product kinds with the number of communities that have each. The long lists (member
 * ids, tens of thousands of evidence ids) are built only when read.
 *
 * The sum is the one `evaluate` gives over all the communities' documents at once: a teacher
 * active in two communities counts once, and evidence lists are joined, since each event is
 * filed under its own community's documents only.
 */
import { completionOf, type Evaluation, type Period } from './metrics';

/** Evidence ids per figure, counted without building the lists. */
export interface EvidenceCounts {
  readonly activeParticipants: number;
  readonly taskCompletion: number;
  readonly productDiversity: number;
  readonly planExecution: number;
}

/** An evaluation whose lists are built on first read, with its evidence counted up front. */
export interface RolledUpEvaluation extends Evaluation {
  readonly evidenceCounts: EvidenceCounts;
}

const addCount = (counts: Map<string, number>, key: string, by: 1 | -1): void => {
  const next = (counts.get(key) ?? 0) + by;
  if (next === 0) counts.delete(key);
  else counts.set(key, next);
};

/** A value computed on first use, then kept. */
const once = <T>(compute: () => T): (() => T) => {
  let value: T | undefined;
  let done = false;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value as T;
  };
};

const joined = (parts: readonly Evaluation[], list: (part: Evaluation) => readonly string[]): string[] => {
  const all: string[] = [];
  for (const part of parts) for (const id of list(part)) all.push(id);
  return all;
};

export class EvaluationRollup {
  /** In insertion order: the order of the joined lists. */
  private readonly parts = new Map<string, Evaluation>();
  private readonly members = new Map<string, number>();
  private readonly kinds = new Map<string, number>();
  private due = 0;
  private onTime = 0;
  private late = 0;
  private products = 0;
  private demand = 0;
  private activeEvidence = 0;
  private taskEvidence = 0;
  private productEvidence = 0;
  private planTasksDue = 0;
  private planTasksCompleted = 0;
  private criteriaMeasured = 0;
  private criteriaMet = 0;
  private planEvidence = 0;

  /** Sets (or, with null, removes) the evaluation of the part `key`. */
  set(key: string, part: Evaluation | null): void {
    const old = this.parts.get(key);
    if (old) this.count(old, -1);
    if (part) {
      this.count(part, 1);
      this.parts.set(key, part);
    } else this.parts.delete(key);
  }

  private count(part: Evaluation, by: 1 | -1): void {
    for (const id of part.activeParticipants.memberIds) addCount(this.members, id, by);
    for (const kind of part.productDiversity.kinds) addCount(this.kinds, kind, by);
    this.due += by * part.taskCompletion.due;
    this.onTime += by * part.taskCompletion.completedOnTime;
    this.late += by * part.taskCompletion.completedLate;
    this.products += by * part.productDiversity.products;
    this.demand += by * part.productDiversity.demand;
    this.activeEvidence += by * part.activeParticipants.evidence.length;
    this.taskEvidence += by * part.taskCompletion.evidence.length;
    this.productEvidence += by * part.productDiversity.evidence.length;
    this.planTasksDue += by * part.planExecution.planTasksDue;
    this.planTasksCompleted += by * part.planExecution.planTasksCompleted;
    this.criteriaMeasured += by * part.planExecution.criteriaMeasured;
    this.criteriaMet += by * part.planExecution.criteriaMet;
    this.planEvidence += by * part.planExecution.evidence.length;
  }

  /**
   * The rolled-up evaluation as the parts stand now. Its lists are built from the parts as
   * they stood when it was made, whenever they are read: later changes do not reach it.
   */
  evaluation(period: Period): RolledUpEvaluation {
    const parts = [...this.parts.values()];
    const memberIds = once(() => {
      const members = new Set<string>();
      for (const part of parts) for (const id of part.activeParticipants.memberIds) members.add(id);
      return [...members].sort();
    });
    const activeEvidence = once(() => joined(parts, (p) => p.activeParticipants.evidence));
    const taskEvidence = once(() => joined(parts, (p) => p.taskCompletion.evidence));
    const productEvidence = once(() => joined(parts, (p) => p.productDiversity.evidence));
    const planEvidence = once(() => joined(parts, (p) => p.planExecution.evidence));
    const completion = completionOf(this.due, this.onTime, this.late, []);
    return {
      period,
      activeParticipants: {
        count: this.members.size,
        get memberIds() {
          return memberIds();
        },
        get evidence() {
          return activeEvidence();
        },
      },
      taskCompletion: {
        ...completion,
        get evidence() {
          return taskEvidence();
        },
      },
      productDiversity: {
        products: this.products,
        distinctKinds: this.kinds.size,
        kinds: [...this.kinds.keys()].sort(),
        demand: this.demand,
        get evidence() {
          return productEvidence();
        },
      },
      planExecution: {
        planTasksDue: this.planTasksDue,
        planTasksCompleted: this.planTasksCompleted,
        criteriaMeasured: this.criteriaMeasured,
        criteriaMet: this.criteriaMet,
        get evidence() {
          return planEvidence();
        },
      },
      evidenceCounts: {
        activeParticipants: this.activeEvidence,
        taskCompletion: this.taskEvidence,
        productDiversity: this.productEvidence,
        planExecution: this.planEvidence,
      },
    };
  }
}

/** The evaluation of several communities together, from each community's own (see above), with plain lists. */
export const mergeEvaluations = (parts: readonly Evaluation[], period: Period): Evaluation => {
  const rollup = new EvaluationRollup();
  parts.forEach((part, i) => rollup.set(String(i), part));
  const e = rollup.evaluation(period);
  return {
    period,
    activeParticipants: { count: e.activeParticipants.count, memberIds: e.activeParticipants.memberIds, evidence: e.activeParticipants.evidence },
    taskCompletion: { ...e.taskCompletion, evidence: e.taskCompletion.evidence },
    productDiversity: { ...e.productDiversity, evidence: e.productDiversity.evidence },
    planExecution: { ...e.planExecution, evidence: e.planExecution.evidence },
  };
};
