import { Fn, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { RoutingModel, simulate } from '../../modules/testing';

// Users often write redrive policies with Fn.jsonencode: references inside are
// bare traversals (`aws_sqs_queue.dlq.arn`), not `${…}` strings.
describe('documents written with Fn.jsonencode', () => {
  const stack = new TerraformStack(Testing.app(), 'jsonencode');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const dlq = new SqsQueue(stack, 'dlq', { name: 'jobs-dlq' });
  new SqsQueue(stack, 'jobs', { name: 'jobs', redrivePolicy: Fn.jsonencode({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 }) });
  const model = RoutingModel.from(stack);

  it('follows the redrive policy to the DLQ after maxReceiveCount', () => {
    const trace = simulate(model, { kind: 'sendMessage', queue: 'jobs', body: { id: 1 } }, { consumerFailures: {} });
    expect(trace).toBeDeliveredTo('jobs');
    expect(model.find('jobs', ['queue'])[0]).toMatchObject({ redrive: { maxReceiveCount: 2, deadLetterQueue: { name: 'jobs-dlq' } } });
  });
});
