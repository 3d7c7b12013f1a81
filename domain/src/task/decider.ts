import { assertNever, type Decider } from '../shared/message';
import { assignTask } from './assignTask';
import { completeTask } from './completeTask';
import { reviewTask } from './reviewTask';
import type { TaskCommand, TaskEvent, TaskRecord, TaskState } from './types';

export const initialTaskState = (): TaskState => ({ status: 'none' });

export const decideTask = (command: TaskCommand, state: TaskState): readonly TaskEvent[] => {
  switch (command.type) {
    case 'AssignTask':
      return assignTask(command, state);
    case 'CompleteTask':
      return completeTask(command, state);
    case 'ReviewTask':
      return reviewTask(command, state);
    default:
      return assertNever(command);
  }
};

/** Total: an event that does not fit the state (which the decider never emits) leaves it unchanged. */
export const evolveTask = (state: TaskState, event: TaskEvent): TaskState => {
  switch (event.type) {
    case 'TaskAssigned': {
      const d = event.data;
      const record: TaskRecord = {
        taskId: d.taskId,
        communityId: d.communityId,
        title: d.title,
        ownerId: d.ownerId,
        dueOn: d.dueOn,
        origin: d.origin,
        assignedBy: d.assignedBy,
        assignedAt: d.assignedAt,
        reviews: [],
      };
      return { ...record, status: 'open' };
    }
    case 'TaskCompleted':
      if (state.status !== 'open') return state;
      return {
        ...state,
        status: 'done',
        completedOn: event.data.completedOn,
        onTime: event.data.onTime,
        productIds: event.data.productIds,
      };
    case 'TaskReviewed': {
      if (state.status === 'none') return state;
      const { meetingId, note, progress, reviewedBy, reviewedAt } = event.data;
      return { ...state, reviews: [...state.reviews, { meetingId, note, progress, reviewedBy, reviewedAt }] };
    }
    default:
      return assertNever(event);
  }
};

export const taskDecider: Decider<TaskCommand, TaskEvent, TaskState> = {
  initialState: initialTaskState,
  decide: decideTask,
  evolve: evolveTask,
};
