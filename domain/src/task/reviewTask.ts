import { dateOf } from '../shared/calendar';
import { badInput, ensure, invalidState } from '../shared/errors';
import { assertNever, event } from '../shared/message';
import { requireChair, requireTask, requireText } from './guards';
import type { ExistingTaskState, ReviewTask, TaskProgress, TaskReviewed, TaskState } from './types';

/**
 * The chair's control of the execution of a decision, reported at a meeting (000:7). The chair
 * may report on a task, open or done, at any meeting, but once per meeting.
 */
export const reviewTask = (command: ReviewTask, state: TaskState): TaskReviewed[] => {
  const { data, metadata } = command;
  const task = requireTask(state, data.taskId, data.community);
  requireChair(data.community, metadata, 'review the execution of tasks');
  const { meetingId, communityId } = data.meeting;
  ensure(communityId === task.communityId, () => badInput(`meeting ${meetingId} is a meeting of community ${communityId}, not of ${task.communityId}`));
  const note = requireText(data.note, 'note');
  ensure(
    !task.reviews.some((r) => r.meetingId === meetingId),
    () => invalidState(`task ${task.taskId} was already reviewed at meeting ${meetingId}`),
  );

  return [
    event('TaskReviewed', {
      taskId: task.taskId,
      communityId: task.communityId,
      meetingId,
      note,
      progress: progressOf(task, dateOf(metadata.now)),
      reviewedBy: metadata.actor.id,
      reviewedAt: metadata.now,
    }),
  ];
};

/** An open task is overdue once its due date has passed without completion. */
export const progressOf = (task: ExistingTaskState, today: string): TaskProgress => {
  switch (task.status) {
    case 'open':
      return today > task.dueOn ? 'overdue' : 'open';
    case 'done':
      return task.onTime ? 'completedOnTime' : 'completedLate';
    default:
      return assertNever(task);
  }
};
