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
  profileOf,
  rumcDirector,
} from './fixtures';
import type { ReturnPlan } from './types';

const returnBy = (actor: Actor, reasons: readonly string[] = ['the criteria need baselines']): ReturnPlan => ({
  type: 'ReturnPlan',
  data: { planId: 'plan-1', reasons },
  metadata: at('2025-09-10T08:00:00.000Z', actor, actor.role === 'methodist' || actor.role === 'methodCentreDirector' ? { tenant: districtTenant } : {}),
});

describe('ReturnPlan', () => {
  it('the methodist returns the plan to the chair with reasons (000:7)', () => {
    const events = decideAfter(planDecider, belarusAwaitingAgreement(), returnBy(methodist, ['no measurable targets', 'task 2 lacks a product']));

    expect(events).toEqual([
      {
        type: 'PlanReturned',
        schemaVersion: 1,
        data: {
          planId: 'plan-1',
          communityId: 'community-1',
          step: 1,
          reasons: ['no measurable targets', 'task 2 lacks a product'],
          returnedBy: 'methodist-1',
          returnedByRole: 'methodist',
          rule: '000:7',
          returnedAt: '2025-09-10T08:00:00.000Z',
        },
      },
    ]);
    const state = stateAfter(planDecider, [...belarusAwaitingAgreement(), ...events]);
    expect(state.status === 'returned' && state.reasons).toEqual(['no measurable targets', 'task 2 lacks a product']);
  });

  it('the approver returns an agreed plan at the approval step (000:7)', () => {
    const agreed = [...belarusAwaitingAgreement(), planAgreed(methodist, 1, '000:7')];
    expect(decideAfter(planDecider, agreed, returnBy(rumcDirector))).toEqual([
      expect.objectContaining({ type: 'PlanReturned', data: expect.objectContaining({ step: 2, returnedByRole: 'methodCentreDirector' }) }),
    ]);
  });

  it('only the official of the current step returns the plan (003:3.2)', () => {
    expectRuleViolation(() => decideAfter(planDecider, kazakhstanAwaitingAgreement(), returnBy(director)), '003:3.2');
    expect(decideAfter(planDecider, kazakhstanAwaitingAgreement(), returnBy(deputy)).map((e) => e.type)).toEqual(['PlanReturned']);
  });

  it('RIMK returns a district plan (004:4.7)', () => {
    expect(decideAfter(planDecider, districtAwaitingApproval(), returnBy(methodist))[0]?.data).toEqual(
      expect.objectContaining({ step: 0, rule: '004:4.7' }),
    );
  });

  it('a return gives at least one reason', () => {
    expectDomainError(() => decideAfter(planDecider, belarusAwaitingAgreement(), returnBy(methodist, [])), 'BAD_USER_INPUT');
    expectDomainError(() => decideAfter(planDecider, belarusAwaitingAgreement(), returnBy(methodist, ['  '])), 'BAD_USER_INPUT');
  });

  it('only a submitted plan can be returned', () => {
    expectDomainError(() => decideAfter(planDecider, [planDrafted(profileOf('by-school-plc'))], returnBy(methodist)), 'INVALID_STATE');
    expectDomainError(() => decideAfter(planDecider, belarusApproved(), returnBy(rumcDirector)), 'INVALID_STATE');
  });
});
