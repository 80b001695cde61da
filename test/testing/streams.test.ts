import { CloudwatchEventBus } from '@cdktf/provider-aws/lib/cloudwatch-event-bus';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { PipesPipe } from '@cdktf/provider-aws/lib/pipes-pipe';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { DynamoDbStreamRecord, InvokeHop, PipeHop, RoutingModel, simulate, SqsMessage, StreamRecordInput } from '../../modules/testing';
import '../../modules/testing';
import { allowSend, consumer, ordersStack, stack } from './fixtures';

const orders = RoutingModel.from(ordersStack());
const insert = (newImage: Record<string, unknown>): StreamRecordInput => ({ kind: 'streamRecord', table: 'orders', eventName: 'INSERT', newImage });

describe('stream records', () => {
  test('plain images become DynamoDB JSON; keys come from the table key schema', () => {
    const trace = simulate(orders, insert({ pk: 'o-1', total: 12.5, tags: ['a'], paid: false, note: null, address: { city: 'Lyon' }, eventType: 'OrderPlaced', status: 'PLACED', notify: true }));
    const record = trace.hops[0].kind === 'record' ? trace.hops[0].record : undefined;
    expect(record).toEqual({
      eventID: '00000000000040008000000000000001',
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'eu-west-1',
      dynamodb: {
        ApproximateCreationDateTime: 1704067200,
        Keys: { pk: { S: 'o-1' } },
        NewImage: {
          pk: { S: 'o-1' },
          total: { N: '12.5' },
          tags: { L: [{ S: 'a' }] },
          paid: { BOOL: false },
          note: { NULL: true },
          address: { M: { city: { S: 'Lyon' } } },
          eventType: { S: 'OrderPlaced' },
          status: { S: 'PLACED' },
          notify: { BOOL: true },
        },
        SequenceNumber: '100000000000000000001',
        SizeBytes: expect.any(Number),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2024-01-01T00:00:00.000',
    });
  });

  test('DynamoDB JSON images are kept as they are', () => {
    const trace = simulate(orders, {
      kind: 'streamRecord',
      table: 'orders',
      eventName: 'MODIFY',
      newImage: { pk: { S: 'o-1' }, status: { S: 'SHIPPED' }, eventType: { S: 'OrderStatusChanged' } },
      oldImage: { pk: { S: 'o-1' }, status: { S: 'PLACED' } },
    });
    const record = (trace.hops[0] as { record: DynamoDbStreamRecord }).record;
    expect(record.dynamodb.OldImage).toEqual({ pk: { S: 'o-1' }, status: { S: 'PLACED' } });
    expect(record.dynamodb.NewImage?.status).toEqual({ S: 'SHIPPED' });
  });

  test('format: plain converts even what looks like DynamoDB JSON', () => {
    const trace = simulate(orders, { kind: 'streamRecord', table: 'orders', eventName: 'INSERT', newImage: { pk: { S: 'x' } }, keys: { pk: 'k' }, format: 'plain' });
    expect((trace.hops[0] as { record: DynamoDbStreamRecord }).record.dynamodb.NewImage).toEqual({ pk: { M: { S: { S: 'x' } } } });
  });

  test('an INSERT needs a new image, and keys need the key attribute', () => {
    expect(() => simulate(orders, { kind: 'streamRecord', table: 'orders', eventName: 'INSERT' })).toThrow(/needs a newImage/);
    expect(() => simulate(orders, insert({ other: 1 }))).toThrow(/no key attribute "pk"/);
  });
});

describe('pipe from a stream to a bus', () => {
  test('the pipe filters, fills its template, reads detail-type from the record and puts the event on the bus', () => {
    const trace = simulate(orders, insert({ pk: 'o-7', status: 'PLACED', eventType: 'OrderPlaced', notify: true }));
    const pipe = trace.hops.find((h): h is PipeHop => h.kind === 'pipe')!;
    expect(pipe.payload).toEqual({ Source: 'orders.service', DetailType: 'OrderPlaced', Detail: { orderId: 'o-7', status: 'PLACED', notify: true }, Resources: [] });
    expect(trace).toBeDeliveredWith('orders/bus', { source: 'orders.service', 'detail-type': 'OrderPlaced', detail: { orderId: 'o-7' } });
    expect(trace).toBeDeliveredTo('fulfillment');
    expect(trace).toBeDeliveredTo('notifications');
  });

  test('records the filter rejects go nowhere', () => {
    const trace = simulate(orders, { kind: 'streamRecord', table: 'orders', eventName: 'REMOVE', oldImage: { pk: 'o-7', status: 'PLACED' } });
    expect(trace.hops.map((h) => [h.kind, h.kind === 'filter' && h.matched])).toEqual([
      ['record', false],
      ['filter', false],
    ]);
    expect(trace).not.toBeDeliveredTo('orders/bus');
  });

  test('a dynamic detail-type that matches nothing cannot be put: the record goes to the pipe DLQ as batch metadata', () => {
    const trace = simulate(orders, insert({ pk: 'o-8', status: 'PLACED', notify: false }));
    expect(trace.hops.find((h) => h.kind === 'pipe')).toMatchObject({ delivered: false, reason: 'detail_type path $.dynamodb.NewImage.eventType.S matched no string' });
    expect(trace).toEndInDeadLetterQueue('pipe-dlq');
    expect(trace).toBeDeliveredWith('pipe-dlq', {
      Body: { requestContext: { condition: 'RetryAttemptsExhausted', pipeArn: 'arn:aws:pipes:eu-west-1:123456789012:pipe/orders-pipe' }, DDBStreamBatchInfo: { batchSize: 1 } },
    });
  });

  test('a template value missing from the record breaks the JSON: the bus refuses it', () => {
    const trace = simulate(orders, insert({ pk: 'o-8', status: 'PLACED', eventType: 'OrderPlaced' }));
    expect(trace.hops.find((h) => h.kind === 'pipe')).toMatchObject({
      delivered: false,
      reason: 'the event detail is not a JSON object (input_template: no value for $.dynamodb.NewImage.notify.BOOL)',
    });
    expect(trace).toEndInDeadLetterQueue('pipe-dlq');
  });

  test('target failures retry up to maximum_retry_attempts, then the DLQ', () => {
    const trace = simulate(orders, insert({ pk: 'o-9', eventType: 'OrderPlaced', status: 'PLACED', notify: false }), { deliveryFailures: { 'orders-pipe': Infinity } });
    expect(trace.hops.filter((h) => h.kind === 'pipe')).toHaveLength(4);
    expect(trace).toEndInDeadLetterQueue('pipe-dlq');
    expect(trace).not.toBeDeliveredTo('orders/bus');
  });
});

describe('other stream consumers', () => {
  function streams(viewType = 'NEW_AND_OLD_IMAGES', enabled = true) {
    const s = stack('streams');
    const table = new DynamodbTable(s, 'table', {
      name: 'items',
      hashKey: 'id',
      rangeKey: 'sk',
      attribute: [
        { name: 'id', type: 'S' },
        { name: 'sk', type: 'N' },
      ],
      streamEnabled: enabled,
      streamViewType: enabled ? viewType : undefined,
    });
    const failures = new SqsQueue(s, 'failures', { name: 'failures' });
    consumer(s, 'indexer', table.streamArn, {
      startingPosition: 'LATEST',
      maximumRetryAttempts: 2,
      destinationConfig: { onFailure: { destinationArn: failures.arn } },
      filterCriteria: { filter: [{ pattern: JSON.stringify({ eventName: ['INSERT'] }) }, { pattern: JSON.stringify({ dynamodb: { NewImage: { urgent: { BOOL: [true] } } } }) }] },
    });
    consumer(s, 'auditor', table.streamArn, { startingPosition: 'LATEST' });
    const bus = new CloudwatchEventBus(s, 'bus', { name: 'items' });
    const sink = new SqsQueue(s, 'sink', { name: 'sink' });
    const rule = new CloudwatchEventRule(s, 'rule', { name: 'all', eventBusName: bus.name, eventPattern: JSON.stringify({ source: [{ prefix: 'Pipe ' }] }) });
    new CloudwatchEventTarget(s, 'rule-target', { rule: rule.name, eventBusName: bus.name, arn: sink.arn });
    allowSend(sink, 'events.amazonaws.com', rule.arn);
    new PipesPipe(s, 'to-bus', { name: 'to-bus', roleArn: 'arn:aws:iam::123456789012:role/p', source: table.streamArn, target: bus.arn });
    const copy = new SqsQueue(s, 'copy', { name: 'copy' });
    new PipesPipe(s, 'to-queue', { name: 'to-queue', roleArn: 'arn:aws:iam::123456789012:role/p', source: table.streamArn, target: copy.arn, targetParameters: { inputTemplate: '"item <$.dynamodb.Keys.id.S> changed"' } });
    const fn = new LambdaFunction(s, 'batch', { functionName: 'batch', role: 'arn:aws:iam::123456789012:role/x' });
    new PipesPipe(s, 'to-fn', { name: 'to-fn', roleArn: 'arn:aws:iam::123456789012:role/p', source: table.streamArn, target: fn.arn, desiredState: 'RUNNING' });
    return RoutingModel.from(s);
  }
  const model = streams();
  const put = (eventName: 'INSERT' | 'MODIFY' = 'INSERT', image: Record<string, unknown> = { id: 'i-1', sk: 1, urgent: false }): StreamRecordInput => ({
    kind: 'streamRecord',
    table: 'items',
    eventName,
    newImage: image,
    oldImage: image,
  });

  test('every consumer of a stream reads every record', () => {
    const trace = simulate(model, put());
    for (const endpoint of ['indexer', 'auditor', 'items', 'copy', 'batch']) expect(trace).toBeDeliveredTo(endpoint);
    expect(trace).toBeDeliveredWith('indexer', { Records: [{ eventName: 'INSERT', dynamodb: { Keys: { id: { S: 'i-1' }, sk: { N: '1' } } } }] });
  });

  test('Lambda filter criteria: any filter may match', () => {
    expect(simulate(model, put('MODIFY'))).not.toBeDeliveredTo('indexer');
    expect(simulate(model, put('MODIFY', { id: 'i-1', sk: 1, urgent: true }))).toBeDeliveredTo('indexer');
  });

  test('without parameters a pipe puts source "Pipe <name>" and detail-type "Event from aws:dynamodb", the record as detail', () => {
    const trace = simulate(model, put());
    expect(trace).toBeDeliveredWith('items', { source: 'Pipe to-bus', 'detail-type': 'Event from aws:dynamodb', detail: { eventName: 'INSERT', eventSource: 'aws:dynamodb' } });
    expect(trace).toBeDeliveredTo('sink');
  });

  test('a pipe template that is one JSON string sends its text; a Lambda target gets the batch as an array', () => {
    const trace = simulate(model, put());
    expect(trace).toBeDeliveredWith('copy', { Body: 'item i-1 changed', Attributes: { SenderId: 'pipes.amazonaws.com' } });
    expect(trace).toBeDeliveredWith('batch', [{ eventName: 'INSERT' }]);
  });

  test('a failing stream consumer retries maximum_retry_attempts, then its on-failure destination gets batch metadata', () => {
    const trace = simulate(model, put(), { consumerFailures: { indexer: Infinity } });
    expect(trace.hops.filter((h): h is InvokeHop => h.kind === 'invoke' && h.resource.name === 'indexer').map((h) => h.succeeded)).toEqual([false, false, false]);
    expect(trace).toEndInDeadLetterQueue('failures');
    const metadata = JSON.parse((trace.deliveriesTo('failures')[0].payload as SqsMessage).Body);
    expect(metadata).toMatchObject({
      requestContext: { functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:indexer', condition: 'RetryAttemptsExhausted', approximateInvokeCount: 3 },
      DDBStreamBatchInfo: { streamArn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/items/stream/2024-01-01T00:00:00.000', batchSize: 1 },
    });
  });

  test('maximum_retry_attempts -1 (the default) blocks the shard until the record expires', () => {
    const trace = simulate(model, put(), { consumerFailures: { auditor: Infinity } });
    expect(trace.hops.find((h) => h.kind === 'dropped')).toMatchObject({ resource: { name: 'auditor-mapping' }, reason: expect.stringContaining('until the record expired') });
  });

  test('KEYS_ONLY streams carry no images', () => {
    const trace = simulate(streams('KEYS_ONLY'), put('MODIFY'));
    const record = (trace.hops[0] as { record: DynamoDbStreamRecord }).record;
    expect(record.dynamodb).not.toHaveProperty('NewImage');
    expect(record.dynamodb).not.toHaveProperty('OldImage');
    expect(record.dynamodb.StreamViewType).toBe('KEYS_ONLY');
  });

  test('a table without a stream emits nothing', () => {
    const trace = simulate(streams('NEW_IMAGE', false), put());
    expect(trace.hops.map((h) => h.kind)).toEqual(['record', 'dropped']);
    expect(trace.deliveries).toHaveLength(0);
  });
});
