import { assertNever } from '../shared/message';
import { recordCopy } from '../shared/records';
import type { ActiveCommunity, CommunityEvent, CommunityState, CommunityMember } from './types';

export const initialCommunityState = (): CommunityState => ({ status: 'none' });

type Members = Readonly<Record<string, CommunityMember>>;

// Members are keyed by member id: built in a record copy (see recordCopy), never by a
// spread or Object.fromEntries, which give each new id a hidden-class transition.
const withMembers = (members: Members, added: readonly CommunityMember[]): Members => {
  const next = recordCopy(members);
  for (const member of added) next[member.memberId] = member;
  return next;
};

const withoutMember = (members: Members, memberId: string): Members => {
  const next = recordCopy(members);
  delete next[memberId];
  return next;
};

/** Applies an event that only makes sense to an active community; anything else is left as it was. */
const onActive = (state: CommunityState, apply: (community: ActiveCommunity) => CommunityState): CommunityState =>
  state.status === 'active' ? apply(state) : state;

/**
 * The community as a left fold of its events. Total: an event that does not fit the
 * state (which the decider never emits) leaves the state unchanged rather than throwing,
 * so a replay of any history succeeds.
 */
export const evolveCommunity = (state: CommunityState, event: CommunityEvent): CommunityState => {
  switch (event.type) {
    case 'CommunityCreated': {
      if (state.status !== 'none') return state;
      const d = event.data;
      return {
        status: 'active',
        communityId: d.communityId,
        name: d.name,
        profile: d.profile,
        schoolYear: d.schoolYear,
        districtId: d.districtId,
        host: d.host,
        subjects: d.subjects,
        direction: d.direction,
        members: withMembers({}, d.foundingMembers.map((m) => ({ ...m, enrolledOn: d.order.date }))),
        chair: null,
        secretary: null,
        createdAt: d.createdAt,
      };
    }
    case 'CommunityReorganized':
      return onActive(state, (c) => {
        const { name, subjects, direction } = event.data;
        return { ...c, name, subjects, direction };
      });
    case 'CommunityContinued':
      // The secretary's term is the school year (000:6): it ends as the next one begins.
      return onActive(state, (c) => ({ ...c, schoolYear: event.data.schoolYear, secretary: null }));
    case 'CommunityDissolved':
      return onActive(state, (c) => ({
        ...c,
        status: 'dissolved',
        dissolvedAt: event.data.dissolvedAt,
        dissolutionReason: event.data.reason,
      }));
    case 'MemberEnrolled':
      return onActive(state, (c) => ({
        ...c,
        members: withMembers(c.members, [{ ...event.data.member, enrolledOn: event.data.enrolledOn }]),
      }));
    case 'MemberRemoved': {
      const { memberId } = event.data;
      return onActive(state, (c) => ({
        ...c,
        members: withoutMember(c.members, memberId),
        chair: c.chair?.memberId === memberId ? null : c.chair,
        secretary: c.secretary?.memberId === memberId ? null : c.secretary,
      }));
    }
    case 'ChairAppointed':
      return onActive(state, (c) => ({
        ...c,
        chair: { memberId: event.data.memberId, appointedOn: event.data.appointedOn, orderNumber: event.data.order.number },
      }));
    case 'SecretaryElected':
      return onActive(state, (c) => ({
        ...c,
        secretary: { memberId: event.data.memberId, schoolYear: event.data.schoolYear },
      }));
    case 'ExpertEvaluationRecorded':
      // Evaluations are read by projections (002:6.2); no later decision depends on them.
      return state;
    default:
      return assertNever(event);
  }
};
