import { badInput, ensure, invalidState, notFound } from '../shared/errors';
import type { CommunityFacts } from '../shared/facts';
import { event } from '../shared/message';
import type { ScheduleMeeting } from './commands';
import type { AgendaItem, MeetingScheduled } from './events';
import { isMember, requireActiveCommunity, requireDate, requireOptionalText, requireOrganiser, requireText, requireTexts, requireUnique } from './guards';
import type { MeetingState } from './state';

/** A row of the 003 "План заседаний": its leaders must be members of the community. */
const agendaItemOf = (item: AgendaItem, i: number, community: CommunityFacts): AgendaItem => {
  ensure(typeof item === 'object' && item !== null, () => badInput(`agenda[${i}] must be an item`));
  const responsibleMemberIds = requireTexts(item.responsibleMemberIds, `agenda[${i}].responsibleMemberIds`);
  requireUnique(responsibleMemberIds, `agenda[${i}].responsibleMemberIds`);
  const outsider = responsibleMemberIds.find((id) => !isMember(community, id));
  ensure(outsider === undefined, () => notFound('member', `${String(outsider)} of community ${community.communityId}`));
  return {
    itemId: requireText(item.itemId, `agenda[${i}].itemId`),
    topic: requireText(item.topic, `agenda[${i}].topic`),
    actions: requireTexts(item.actions, `agenda[${i}].actions`),
    responsibleMemberIds,
    expectedEvidence: requireTexts(item.expectedEvidence, `agenda[${i}].expectedEvidence`),
  };
};

const agendaOf = (agenda: unknown, community: CommunityFacts): readonly AgendaItem[] => {
  ensure(Array.isArray(agenda), () => badInput('agenda must be a list'));
  const items = (agenda as readonly AgendaItem[]).map((item, i) => agendaItemOf(item, i, community));
  requireUnique(
    items.map((i) => i.itemId),
    'agenda itemId',
  );
  return items;
};

/** The chair organises meetings and the secretary prepares them (000:7). */
export const scheduleMeeting = (command: ScheduleMeeting, state: MeetingState): readonly [MeetingScheduled] => {
  const { data, metadata } = command;
  const meetingId = requireText(data.meetingId, 'meetingId');
  ensure(state.status === 'none', () => invalidState(`meeting ${meetingId} already exists`));
  requireActiveCommunity(data.community);
  requireOrganiser(data.community, metadata.actor, 'organises meetings');
  return [
    event('MeetingScheduled', {
      meetingId,
      communityId: data.community.communityId,
      scheduledFor: requireDate(data.scheduledFor, 'scheduledFor'),
      place: requireOptionalText(data.place, 'place'),
      title: requireText(data.title, 'title'),
      agenda: agendaOf(data.agenda, data.community),
      scheduledBy: metadata.actor.id,
      scheduledAt: metadata.now,
    }),
  ];
};
