/**
 * Guards shared by the meeting commands. The decider validates its own data because the
 * domain may be driven by transports other than GraphQL.
 */
import { isIsoDate } from '../shared/calendar';
import { badInput, ensure, forbidden, invalidState, notFound } from '../shared/errors';
import type { CommunityFacts } from '../shared/facts';
import type { Actor } from '../shared/message';
import type { HeldMeeting, MeetingState, NoMeeting } from './state';

/** A non-blank string, trimmed. */
export const requireText = (value: unknown, field: string): string => {
  ensure(typeof value === 'string' && value.trim() !== '', () => badInput(`${field} must not be empty`));
  return value.trim();
};

export const requireOptionalText = (value: unknown, field: string): string | null =>
  value === undefined || value === null ? null : requireText(value, field);

export const requireTexts = (values: unknown, field: string): readonly string[] => {
  ensure(Array.isArray(values), () => badInput(`${field} must be a list`));
  return values.map((v, i) => requireText(v, `${field}[${i}]`));
};

export const requireDate = (value: unknown, field: string): string => {
  ensure(typeof value === 'string' && isIsoDate(value), () => badInput(`${field} must be a date (YYYY-MM-DD)`));
  return value;
};

export const firstDuplicate = (values: readonly string[]): string | undefined =>
  values.find((value, i) => values.indexOf(value) !== i);

export const requireUnique = (values: readonly string[], field: string): void => {
  const duplicate = firstDuplicate(values);
  ensure(duplicate === undefined, () => badInput(`${field} ${String(duplicate)} appears twice`));
};

export const isMember = (community: CommunityFacts, memberId: string): boolean =>
  community.members.some((m) => m.memberId === memberId);

/**
 * The community facts must be those of an active community and, once the meeting exists,
 * of the meeting's own community.
 */
export const requireActiveCommunity = (community: CommunityFacts, communityId?: string): void => {
  ensure(typeof community === 'object' && community !== null, () => badInput('community facts are missing'));
  requireText(community.communityId, 'community.communityId');
  ensure(
    communityId === undefined || community.communityId === communityId,
    () => badInput(`the facts are of community ${community.communityId}, the meeting belongs to ${String(communityId)}`),
  );
  ensure(community.status === 'active', () => invalidState(`community ${community.communityId} is dissolved`));
};

/** The chair organises and holds meetings; the secretary prepares them (000:7). */
export const requireOrganiser = (community: CommunityFacts, actor: Actor, doing: string): void =>
  ensure(
    actor.id === community.chairId || actor.id === community.secretaryId,
    () => forbidden(`only the chair or the secretary ${doing}`, '000:7'),
  );

/** The command names the meeting of this stream. */
export const requireExistingMeeting = (state: MeetingState, meetingId: unknown): Exclude<MeetingState, NoMeeting> => {
  const id = requireText(meetingId, 'meetingId');
  ensure(state.status !== 'none', () => notFound('meeting', id));
  ensure(state.meetingId === id, () => badInput(`command for meeting ${id} sent to meeting ${state.meetingId}`));
  return state;
};

export const requireHeldMeeting = (state: MeetingState, meetingId: unknown): HeldMeeting => {
  const meeting = requireExistingMeeting(state, meetingId);
  ensure(meeting.status === 'held', () => invalidState(`meeting ${meeting.meetingId} is ${meeting.status}, not held`));
  return meeting;
};

export const requireMinutesOpen = (meeting: HeldMeeting): void =>
  ensure(meeting.minutes === null, () => invalidState(`the minutes of meeting ${meeting.meetingId} are already recorded`));

export const hasAgendaItem = (meeting: HeldMeeting, itemId: string): boolean => meeting.agenda.some((i) => i.itemId === itemId);
