import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { PipesPipe } from '@cdktf/provider-aws/lib/pipes-pipe';
import { buildOrders, newStack, role } from './fixtures';
import { expectFinding, expectNoFinding } from './helpers';

describe('EDA-PIPES-001 source limits', () => {
  it('passes for the orders pipe', () => {
    const { stack } = newStack();
    buildOrders(stack);
    expectNoFinding(stack, 'EDA-PIPES-001');
  });
  it('fails without a starting position and with out-of-range values', () => {
    const { stack } = newStack();
    const o = buildOrders(stack, 'o');
    const p = new PipesPipe(stack, 'p', {
      roleArn: o.pipeRole.arn,
      source: o.table.streamArn,
      target: o.bus.arn,
      sourceParameters: { dynamodbStreamParameters: { startingPosition: '', batchSize: 20_000, maximumRecordAgeInSeconds: 30 } },
    });
    expectFinding(stack, 'EDA-PIPES-001', p, 'pipe reads a dynamodb source without source_parameters.dynamodb_stream_parameters.starting_position');
    expectFinding(stack, 'EDA-PIPES-001', p, 'source_parameters.dynamodb_stream_parameters.batch_size = 20000 is outside 1..10,000');
    expectFinding(stack, 'EDA-PIPES-001', p, 'maximum_record_age_in_seconds = 30 is outside -1 or 60..604,800 seconds');
  });
});

describe('EDA-PIPES-002 stream failure handling', () => {
  it('passes with bounded retries and a DLQ', () => {
    const { stack } = newStack();
    buildOrders(stack);
    expectNoFinding(stack, 'EDA-PIPES-002');
  });
  it('fails with the defaults', () => {
    const { stack } = newStack();
    const o = buildOrders(stack, 'o');
    const p = new PipesPipe(stack, 'p', { roleArn: o.pipeRole.arn, source: o.table.streamArn, target: o.bus.arn, sourceParameters: { dynamodbStreamParameters: { startingPosition: 'LATEST' } } });
    expectFinding(stack, 'EDA-PIPES-002', p, 'pipe retries a failing dynamodb stream batch until the records expire');
    expectFinding(stack, 'EDA-PIPES-002', p, 'pipe has no dead-letter queue for the dynamodb stream records');
  });
});

describe('EDA-PIPES-003 pipe role may deliver', () => {
  it('passes when the role allows the target and DLQ', () => {
    const { stack } = newStack();
    buildOrders(stack);
    expectNoFinding(stack, 'EDA-PIPES-003');
  });
  it('fails when the role allows neither (and stays silent for roles with unseen managed policies)', () => {
    const { stack } = newStack();
    const o = buildOrders(stack, 'o');
    const bare = role(stack, 'bare', 'pipes.amazonaws.com', []);
    const p = new PipesPipe(stack, 'p', {
      roleArn: bare.arn,
      source: o.table.streamArn,
      target: o.bus.arn,
      sourceParameters: { dynamodbStreamParameters: { startingPosition: 'LATEST', deadLetterConfig: { arn: o.ruleDlq.arn } } },
    });
    expectFinding(stack, 'EDA-PIPES-003', p, "pipe's role does not allow events:PutEvents on its target x/o-bus");
    expectFinding(stack, 'EDA-PIPES-003', p, "pipe's role does not allow sqs:SendMessage on its dead-letter queue x/o-rule-failures");
    const managed = new IamRole(stack, 'managed', { assumeRolePolicy: '{}', managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonEventBridgeFullAccess'] });
    const q = new PipesPipe(stack, 'q', { roleArn: managed.arn, source: o.table.streamArn, target: o.bus.arn });
    expect(() => expectFinding(stack, 'EDA-PIPES-003', q, 'does not allow')).toThrow(/did not report/);
  });
});
