import { decideAfter, expectDomainError } from '../testing';
import type { CommandMetadata } from '../shared/message';
import { communityDecider } from './decide';
import { COMMUNITY_ID, NOW, actingAs, created, dissolved, kindergarten, onlyEvent } from './community.fixtures';
import type { CommunityEvent, RecordExpertEvaluation } from './types';

const evaluate = (
  data: Partial<RecordExpertEvaluation['data']> = {},
  metadata: CommandMetadata = actingAs('expert', 'expert-7', true),
): RecordExpertEvaluation => ({
  type: 'RecordExpertEvaluation',
  metadata,
  data: {
    communityId: COMMUNITY_ID,
    evaluationId: 'evaluation-1',
    score: 8,
    conclusion: 'Varied, well-used products; recommended for district dissemination.',
    evaluatedOn: '2025-10-14',
    ...data,
  },
});

const when = (given: readonly CommunityEvent[], command: RecordExpertEvaluation) => () =>
  decideAfter(communityDecider, given, command);

describe('RecordExpertEvaluation', () => {
  it('records an external expert\'s evaluation of the community\'s results (002:6.2)', () => {
    expect(when([created(kindergarten)], evaluate())()).toEqual([
      {
        type: 'ExpertEvaluationRecorded',
        schemaVersion: 1,
        data: {
          communityId: COMMUNITY_ID,
          evaluationId: 'evaluation-1',
          productId: null,
          expertId: 'expert-7',
          score: 8,
          conclusion: 'Varied, well-used products; recommended for district dissemination.',
          evaluatedOn: '2025-10-14',
          recordedAt: NOW,
        },
      },
    ]);
  });

  it('records an evaluation of one product (002:6.2)', () => {
    const e = onlyEvent(
      'ExpertEvaluationRecorded',
      when([created(kindergarten)], evaluate({ productId: 'product-3' }))(),
    );
    expect(e.data.productId).toBe('product-3');
  });

  it('refuses an evaluation by anyone but an expert (002:6.2)', () => {
    const error = expectDomainError(when([created(kindergarten)], evaluate({}, actingAs('kindergartenHead'))), 'FORBIDDEN');
    expect(error.rule).toBe('002:6.2');
  });

  it.each([0, 11, 7.5, Number.NaN])('refuses the score %p', (score) => {
    expectDomainError(when([created(kindergarten)], evaluate({ score })), 'BAD_USER_INPUT');
  });

  it.each([1, 10])('accepts the score %p at the ends of the scale', (score) => {
    expect(when([created(kindergarten)], evaluate({ score }))()).toHaveLength(1);
  });

  it('refuses an evaluation without a conclusion, or dated in the future', () => {
    expectDomainError(when([created(kindergarten)], evaluate({ conclusion: ' ' })), 'BAD_USER_INPUT');
    expectDomainError(when([created(kindergarten)], evaluate({ evaluatedOn: '2025-10-16' })), 'BAD_USER_INPUT');
  });

  it('refuses an expert of another district', () => {
    const meta = { ...actingAs('expert', 'expert-7', true), tenant: { districtId: 'district-2' } };
    expectDomainError(when([created(kindergarten)], evaluate({}, meta)), 'FORBIDDEN');
  });

  it('is not possible for a dissolved or unknown community', () => {
    expectDomainError(when([created(kindergarten), dissolved()], evaluate()), 'INVALID_STATE');
    expectDomainError(when([], evaluate()), 'NOT_FOUND');
  });
});
