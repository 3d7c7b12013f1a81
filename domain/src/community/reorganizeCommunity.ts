import { badInput, ensure } from '../shared/errors';
import { event } from '../shared/message';
import {
  optionalText,
  requireActive,
  requireDistrict,
  requireOrderIssuer,
  requireOwnInstitution,
  requireSingleSubjectFit,
  requireSubjectOrDirection,
  requireText,
  validateOrder,
  validateSubjects,
} from './guards';
import type { ActiveCommunity, CommunityReorganized, CommunityState, ReorganizeCommunity } from './types';

const sameSubjects = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((s) => b.includes(s));

const isUnchanged = (c: ActiveCommunity, name: string, subjects: readonly string[], direction: string | null): boolean =>
  c.name === name && sameSubjects(c.subjects, subjects) && c.direction === direction;

/**
 * Reorganises a community by order (003:1.5): a new name, subjects or direction. The
 * result must still serve a subject or direction (000:2) and, under a single-subject
 * profile, one subject that every member teaches (003:1.2).
 */
export const reorganizeCommunity = (command: ReorganizeCommunity, state: CommunityState): readonly CommunityReorganized[] => {
  const { data, metadata } = command;
  const community = requireActive(state, data.communityId);
  requireDistrict(metadata, community);
  requireOrderIssuer(metadata, community.profile);
  requireOwnInstitution(metadata, community.host);
  const order = validateOrder(data.order, metadata.now);

  const name = data.name === undefined ? community.name : requireText(data.name, 'name');
  const subjects = data.subjects === undefined ? community.subjects : validateSubjects(data.subjects);
  const direction = data.direction === undefined ? community.direction : optionalText(data.direction, 'direction');
  ensure(!isUnchanged(community, name, subjects, direction), () => badInput('the reorganisation changes nothing'));
  requireSubjectOrDirection(subjects, direction);
  requireSingleSubjectFit(community.profile, subjects, Object.values(community.members));

  return [
    event('CommunityReorganized', {
      communityId: community.communityId,
      name,
      subjects,
      direction,
      order,
      reorganizedBy: metadata.actor.id,
      reorganizedAt: metadata.now,
    }),
  ];
};
