import { dateOf } from '../shared/calendar';
import { badInput, ensure, forbidden, invalidState } from '../shared/errors';
import { event } from '../shared/message';
import { isChair, requireDate, requireTask, requireText } from './guards';
import type { CompleteTask, TaskCompleted, TaskState } from './types';

/**
 * Marks a task done, once. The owner reports it, or the chair on the owner's behalf as the
 * one who controls execution (000:7). `onTime` is fixed here so the task-completion metric
 * (002:6.1) never has to recompute it from a due date that might be read differently later.
 */
export const completeTask = (command: CompleteTask, state: TaskState): TaskCompleted[] => {
  const { data, metadata } = command;
  const task = requireTask(state, data.taskId, data.community);
  ensure(task.status === 'open', () => invalidState(`task ${task.taskId} is already completed`));
  ensure(
    metadata.actor.id === task.ownerId || isChair(data.community, metadata.actor.id),
    () => forbidden(`only the owner of task ${task.taskId} or the chair may complete it`, '000:7'),
  );
  const completedOn = requireDate(data.completedOn, 'completedOn');
  ensure(completedOn <= dateOf(metadata.now), () => badInput(`completedOn ${completedOn} is in the future`));
  const evidence = data.evidence === undefined ? undefined : requireText(data.evidence, 'evidence');
  const productIds = productIdsOf(data.productIds);

  return [
    event('TaskCompleted', {
      taskId: task.taskId,
      communityId: task.communityId,
      ownerId: task.ownerId,
      dueOn: task.dueOn,
      completedOn,
      onTime: isOnTime(completedOn, task.dueOn),
      ...(evidence === undefined ? {} : { evidence }),
      productIds,
      completedBy: metadata.actor.id,
      completedAt: metadata.now,
    }),
  ];
};

/** On the due date itself still counts as on time (002:6.1). */
export const isOnTime = (completedOn: string, dueOn: string): boolean => completedOn <= dueOn;

const productIdsOf = (ids: readonly string[] | undefined): readonly string[] => {
  const list = (ids ?? []).map((id) => requireText(id, 'productIds[]'));
  ensure(new Set(list).size === list.length, () => badInput('productIds must not repeat'));
  return list;
};
