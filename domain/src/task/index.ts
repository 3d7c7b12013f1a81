export * from './types';
export { taskDecider, decideTask, evolveTask, initialTaskState } from './decider';
export { assignTask } from './assignTask';
export { completeTask, isOnTime } from './completeTask';
export { reviewTask, progressOf } from './reviewTask';
