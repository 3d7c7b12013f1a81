import { badInput, ensure, forbidden } from '../shared/errors';
import { event } from '../shared/message';
import { optionalText, requireActive, requireDistrict, requirePastOrToday, requireText } from './guards';
import type { CommunityState, ExpertEvaluationRecorded, RecordExpertEvaluation } from './types';

const MIN_SCORE = 1;
const MAX_SCORE = 10;

/**
 * Records an external expert's evaluation of the community's results or of one of its
 * products (002:6.2). The expert is external to the community, not to the district that
 * engaged them: no membership is required, but the tenant must match.
 */
export const recordExpertEvaluation = (
  command: RecordExpertEvaluation,
  state: CommunityState,
): readonly ExpertEvaluationRecorded[] => {
  const { data, metadata } = command;
  const community = requireActive(state, data.communityId);
  requireDistrict(metadata, community);
  ensure(metadata.actor.role === 'expert', () => forbidden('only an external expert records an evaluation', '002:6.2'));
  ensure(Number.isInteger(data.score) && data.score >= MIN_SCORE && data.score <= MAX_SCORE, () =>
    badInput(`score must be a whole number from ${MIN_SCORE} to ${MAX_SCORE}`),
  );

  return [
    event('ExpertEvaluationRecorded', {
      communityId: community.communityId,
      evaluationId: requireText(data.evaluationId, 'evaluationId'),
      productId: optionalText(data.productId, 'productId'),
      expertId: metadata.actor.id,
      score: data.score,
      conclusion: requireText(data.conclusion, 'conclusion'),
      evaluatedOn: requirePastOrToday(data.evaluatedOn, 'evaluatedOn', metadata.now),
      recordedAt: metadata.now,
    }),
  ];
};
