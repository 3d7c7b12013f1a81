/**
 * The compliance stream (`compliance-<communityId>`): breaches of the regulation that the
 * scheduled checks found once their due date had passed — a plan not approved by its
 * deadline (004:4.7), a cadence window without a meeting, a report not submitted by its
 * due date. Recording them as events gives districts a dated, auditable record of when a
 * breach was noticed, whatever the read models later show.
 *
 * Each breach has a key (e.g. `2025-2026.plan`); the stream records a key once, so checks
 * can run as often as they like.
 */
import { badInput, ensure, forbidden } from '../shared/errors';
import { assertNever, event, type Command, type Decider, type DomainEvent } from '../shared/message';
import type { RuleId } from '../shared/rules';

export const BREACH_KINDS = ['planNotApprovedByDeadline', 'meetingCadenceMissed', 'reportOverdue'] as const;
export type BreachKind = (typeof BREACH_KINDS)[number];

export interface Breach {
  readonly kind: BreachKind;
  /** Identifies the breach within the community: one record per key. */
  readonly key: string;
  readonly schoolYear: string;
  /** The rule of the community's profile that was broken. */
  readonly rule: RuleId | null;
  /** The day by which it was due (`YYYY-MM-DD`). */
  readonly dueOn: string;
  readonly detail: string;
  /** Events the verdict rests on (may be empty: a breach is often an absence). */
  readonly evidence: readonly string[];
}

export type RecordComplianceBreach = Command<'RecordComplianceBreach', { readonly communityId: string; readonly breach: Breach }>;
export type ComplianceCommand = RecordComplianceBreach;

export type ComplianceBreachRecorded = DomainEvent<'ComplianceBreachRecorded', Breach & { readonly communityId: string; readonly detectedAt: string }>;
export type ComplianceEvent = ComplianceBreachRecorded;

export interface ComplianceState {
  readonly recordedKeys: readonly string[];
}

const recordBreach = (command: RecordComplianceBreach, state: ComplianceState): readonly ComplianceEvent[] => {
  const { data, metadata } = command;
  // Breaches are findings of the scheduled checks, not anyone's say-so.
  ensure(metadata.actor.role === 'system', () => forbidden('only the scheduled compliance checks record breaches'));
  ensure(data.breach.key.length > 0, () => badInput('a breach needs a key'));
  if (state.recordedKeys.includes(data.breach.key)) return [];
  return [event('ComplianceBreachRecorded', { ...data.breach, communityId: data.communityId, detectedAt: metadata.now })];
};

export const decideCompliance = (command: ComplianceCommand, state: ComplianceState): readonly ComplianceEvent[] => {
  switch (command.type) {
    case 'RecordComplianceBreach':
      return recordBreach(command, state);
    default:
      return assertNever(command.type);
  }
};

export const evolveCompliance = (state: ComplianceState, e: ComplianceEvent): ComplianceState => {
  switch (e.type) {
    case 'ComplianceBreachRecorded':
      return { recordedKeys: [...state.recordedKeys, e.data.key] };
    default:
      return assertNever(e.type);
  }
};

export const complianceDecider: Decider<ComplianceCommand, ComplianceEvent, ComplianceState> = {
  initialState: () => ({ recordedKeys: [] }),
  decide: decideCompliance,
  evolve: evolveCompliance,
};
