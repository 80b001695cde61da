import { Construct } from 'constructs';
import { IQueueTarget } from '../core/contracts';
import { isToken } from '../core/validation';
import { FIFO_SUFFIX } from './validation';

/** The value itself, or `fallback` when it is only known at apply. */
export function display(value: string | undefined, fallback: string): string {
  return typeof value === 'string' && !isToken(value) ? value : fallback;
}

/** A readable name for a queue in messages: its construct path, name or ARN. */
export function describeQueue(queue: IQueueTarget | string): string {
  if (typeof queue === 'string') return display(queue, 'the queue given by ARN');
  if (Construct.isConstruct(queue)) return queue.node.path;
  if (queue && !isToken(queue.queueName)) return queue.queueName;
  return display(queue?.queueArn, 'the queue given');
}

/** The queue's ARN, or one with placeholders for the parts known only at apply. */
export function displayQueueArn(queue: IQueueTarget): string {
  if (!isToken(queue.queueArn)) return queue.queueArn;
  return isToken(queue.queueName) ? `<ARN of queue ${describeQueue(queue)}>` : `arn:<partition>:sqs:<region>:<account-id>:${queue.queueName}`;
}

/** True / false when known at synth; undefined for an unresolved ARN. */
export function queueIsFifo(queue: IQueueTarget | string): boolean | undefined {
  if (typeof queue !== 'string') return queue?.fifo === true;
  return isToken(queue) ? undefined : queue.endsWith(FIFO_SUFFIX);
}
