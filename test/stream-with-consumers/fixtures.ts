import { StreamWithConsumers, StreamWithConsumersProps } from '../../modules/stream-with-consumers';
import { synthJson, testStack } from '../helpers/synth';

export const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:order-analytics';
export const STREAM_KEY = 'arn:aws:kms:eu-west-1:123456789012:key/stream-key';
export const BASE: StreamWithConsumersProps = { name: 'orders' };

/** A stream in a fresh stack, `extra` run on it, and the synthesized JSON. */
export function build(props: Partial<StreamWithConsumersProps> = {}, extra?: (stream: StreamWithConsumers) => void) {
  const stack = testStack();
  const stream = new StreamWithConsumers(stack, 'orders', { ...BASE, ...props });
  extra?.(stream);
  return { stack, stream, json: synthJson(stack) };
}

export { errorOf } from '../helpers/errors';
export { doc, oneIssue } from '../table-with-stream/fixtures';
