import { decideAfter, expectDomainError, expectRuleViolation, stateAfter } from '../testing';
import type { Actor } from '../shared/message';
import { planDecider } from './decider';
import {
  at,
  belarusApproved,
  belarusAwaitingAgreement,
  deputy,
  director,
  districtAwaitingApproval,
  districtTenant,
  kazakhstanAwaitingAgreement,
  methodist,
  planAgreed,
  planDrafted,
  planSubmitted,
  profileOf,
  rumcDirector,
} from './fixtures';
import type { ApprovePlan } from './types';

const approve = (actor: Actor, now = '2025-09-10T08:00:00.000Z'): ApprovePlan => ({
  type: 'ApprovePlan',
  data: { planId: 'plan-1' },
  metadata: at(now, actor, actor.role === 'methodist' || actor.role === 'methodCentreDirector' ? { tenant: districtTenant } : {}),
});

const belarusAgreed = () => [...belarusAwaitingAgreement(), planAgreed(methodist, 1, '000:7')];
const kazakhstanAgreed = () => [...kazakhstanAwaitingAgreement(), planAgreed(deputy, 1, '003:3.2')];

describe('ApprovePlan', () => {
  it('approving before the methodist agreed breaks the chain (000:7)', () => {
    expectRuleViolation(() => decideAfter(planDecider, belarusAwaitingAgreement(), approve(rumcDirector)), '000:7');
  });

  it('the RUMC director approves the agreed plan (000:7)', () => {
    const events = decideAfter(planDecider, belarusAgreed(), approve(rumcDirector));

    expect(events).toEqual([
      {
        type: 'PlanApproved',
        schemaVersion: 1,
        data: {
          planId: 'plan-1',
          communityId: 'community-1',
          schoolYear: '2025-2026',
          step: 2,
          approvedBy: 'rumc-director-1',
          approvedByRole: 'methodCentreDirector',
          rule: '000:7',
          approvedAt: '2025-09-10T08:00:00.000Z',
          deadline: null,
          onTime: true,
        },
      },
    ]);
    const state = stateAfter(planDecider, [...belarusAgreed(), ...events]);
    expect(state.status === 'approved' && state.history.map((h) => h.kind)).toEqual(['discuss', 'agree', 'approve']);
  });

  it('the methodist who agrees may not also approve (000:7)', () => {
    expectRuleViolation(() => decideAfter(planDecider, belarusAgreed(), approve(methodist)), '000:7');
  });

  it('a deputy director approving where the director must breaks the rule (003:3.2)', () => {
    expectRuleViolation(() => decideAfter(planDecider, kazakhstanAgreed(), approve(deputy)), '003:3.2');
  });

  it('the director approves the plan the deputy agreed (003:3.2)', () => {
    expect(decideAfter(planDecider, kazakhstanAgreed(), approve(director))).toEqual([
      expect.objectContaining({ type: 'PlanApproved', data: expect.objectContaining({ approvedBy: 'director-1', rule: '003:3.2' }) }),
    ]);
  });

  it('the director approves a Russian school plan under the deputy director\'s supervision (001:2.5)', () => {
    const russia = profileOf('ru-school-plc');
    const given = [planDrafted(russia), planSubmitted(1)];
    expect(decideAfter(planDecider, given, approve(deputy))).toEqual([
      expect.objectContaining({ type: 'PlanApproved', data: expect.objectContaining({ approvedByRole: 'deputyDirector', rule: '001:2.5' }) }),
    ]);
    expectRuleViolation(() => decideAfter(planDecider, given, approve({ id: 'teacher-2', role: 'teacher' })), '001:2.5');
  });

  it('the kindergarten head approves the kindergarten plan (002:4.5)', () => {
    const kindergarten = profileOf('ru-kindergarten-plc');
    const given = [planDrafted(kindergarten), planSubmitted(1)];
    expect(decideAfter(planDecider, given, approve({ id: 'head-1', role: 'kindergartenHead' })).map((e) => e.type)).toEqual(['PlanApproved']);
    expectRuleViolation(() => decideAfter(planDecider, given, approve(director)), '002:4.5');
  });

  it('RIMK approval by 15 September is on time (004:4.7)', () => {
    const events = decideAfter(planDecider, districtAwaitingApproval(), approve(methodist, '2025-09-15T17:00:00.000Z'));
    expect(events[0]?.data).toEqual(expect.objectContaining({ deadline: '2025-09-15', onTime: true, rule: '004:4.7' }));
  });

  it('RIMK approval after 15 September is accepted but recorded as late (004:4.7)', () => {
    const events = decideAfter(planDecider, districtAwaitingApproval(), approve(rumcDirector, '2025-09-16T08:00:00.000Z'));
    expect(events[0]?.data).toEqual(expect.objectContaining({ deadline: '2025-09-15', onTime: false }));
    const state = stateAfter(planDecider, [...districtAwaitingApproval(), ...events]);
    expect(state.status === 'approved' && state.onTime).toBe(false);
  });

  it('a school director may not approve a district plan (004:4.7)', () => {
    expectRuleViolation(() => decideAfter(planDecider, districtAwaitingApproval(), approve(director)), '004:4.7');
  });

  it('an approved plan is approved once', () => {
    expectDomainError(() => decideAfter(planDecider, belarusApproved(), approve(rumcDirector)), 'INVALID_STATE');
  });

  it('a draft is not approved before it is submitted', () => {
    expectDomainError(() => decideAfter(planDecider, [planDrafted(profileOf('district-community'))], approve(methodist)), 'INVALID_STATE');
  });
});
