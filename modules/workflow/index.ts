export type { Catcher, ChoiceRule, StateMachineDefinition, WorkflowState } from './definition';
export type { UnderivedTask } from './integrations';
export type { QueuePipe, StartFromQueueOptions } from './queue-pipe';
export { Workflow } from './workflow';
export type { WorkflowAlarmsProps, WorkflowLoggingOptions, WorkflowProps } from './workflow';
