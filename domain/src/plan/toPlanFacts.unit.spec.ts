import { expectDomainError, stateAfter } from '../testing';
import { planDecider } from './decider';
import { belarusApproved, belarusAwaitingAgreement, methodist, planDrafted, planReturned, profileOf } from './fixtures';
import { toPlanFacts } from './toPlanFacts';

describe('toPlanFacts', () => {
  it('tells other streams the plan\'s community, year, status and tasks', () => {
    expect(toPlanFacts(stateAfter(planDecider, [planDrafted(profileOf('district-community'))]))).toEqual({
      planId: 'plan-1',
      communityId: 'community-1',
      schoolYear: '2025-2026',
      status: 'draft',
      taskIds: ['task-1', 'task-2'],
    });
  });

  it('follows the plan through the chain', () => {
    expect(toPlanFacts(stateAfter(planDecider, belarusAwaitingAgreement())).status).toBe('submitted');
    expect(toPlanFacts(stateAfter(planDecider, [...belarusAwaitingAgreement(), planReturned(methodist, 1, '000:7')])).status).toBe('returned');
    expect(toPlanFacts(stateAfter(planDecider, belarusApproved())).status).toBe('approved');
  });

  it('a plan never drafted is not found', () => {
    const error = expectDomainError(() => toPlanFacts(stateAfter(planDecider, []), 'plan-9'), 'NOT_FOUND');
    expect(error.message).toContain('plan-9');
  });
});
