export { defaultTasksRoot, listTaskIds, loadTask, taskFingerprint } from './load-task.ts';
export type { ArtifactRole, TaskArtifact, TaskDefinition, TaskLimits } from './types.ts';
export type { TaskJson } from './validate-task.ts';
export { validateTaskJson } from './validate-task.ts';
