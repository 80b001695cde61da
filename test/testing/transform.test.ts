import {
  eventBridgeTargetInput,
  evaluateJsonPath,
  isDynamoDbJson,
  marshallItem,
  pipeTemplateInput,
  renderTemplate,
  toDynamoDbItem,
} from '../../modules/testing';

const event = {
  version: '0',
  id: 'e-1',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789'],
  detail: { 'instance-id': 'i-0123456789', state: 'RUNNING', tags: { env: 'prod' }, items: [{ sku: 'a' }, { sku: 'b' }] },
};
const rule = { ruleArn: 'arn:aws:events:us-east-1:123456789012:rule/example', ruleName: 'example' };
const transform = (inputTemplate: string, inputPaths: Record<string, string> = { instance: '$.detail.instance-id', state: '$.detail.state' }) =>
  eventBridgeTargetInput(event, { inputTransformer: { inputPaths, inputTemplate } }, rule);

describe('EventBridge input transformer (the AWS documentation examples)', () => {
  test('simple JSON: string values are quoted', () => {
    expect(transform('{"instance" : <instance>, "state": <state>}').text).toBe('{"instance":"i-0123456789","state":"RUNNING"}');
  });

  test('JSON mixing variables and static values', () => {
    expect(transform('{"instance" : <instance>, "state": [ 9, <state>, true ], "Transformed" : "Yes"}').text).toBe(
      '{"instance":"i-0123456789","state":[9,"RUNNING",true],"Transformed":"Yes"}',
    );
  });

  test('a template that is one JSON string delivers its text, variables inserted as is', () => {
    expect(transform('"instance <instance> is in <state>"').text).toBe('instance i-0123456789 is in RUNNING');
    expect(transform('"<aws.events.rule-name> triggered"').text).toBe('example triggered');
  });

  test('reserved variables: rule ARN and name, ingestion time, the event without detail, the whole event', () => {
    const out = JSON.parse(
      transform('{"arn": <aws.events.rule-arn>, "name": <aws.events.rule-name>, "at": <aws.events.event.ingestion-time>, "e": <aws.events.event>, "json": <aws.events.event.json>}').text,
    );
    expect(out.arn).toBe(rule.ruleArn);
    expect(out.name).toBe('example');
    expect(out.at).toBe(event.time);
    expect(out.e).not.toHaveProperty('detail');
    expect(out.e).toMatchObject({ id: 'e-1', source: 'aws.ec2' });
    expect(out.json).toEqual(event);
  });

  test('objects and arrays are inserted as JSON; a path that matches nothing inserts nothing', () => {
    expect(transform('{"tags": <tags>, "skus": <skus>}', { tags: '$.detail.tags', skus: '$.detail.items[*].sku' }).text).toBe('{"tags":{"env":"prod"},"skus":["a","b"]}');
    const missing = transform('"state <state>, owner <owner>"', { state: '$.detail.state', owner: '$.detail.owner' });
    expect(missing).toEqual({ text: 'state RUNNING, owner ', missing: ['owner'] });
  });

  test('plain text templates and undefined placeholders are kept as written', () => {
    expect(transform('instance <instance> is <unknown>').text).toBe('instance "i-0123456789" is <unknown>');
    expect(transform('a < b and c > d').text).toBe('a < b and c > d');
  });

  test('input, input_path and no input', () => {
    expect(eventBridgeTargetInput(event, { input: '{"fixed": 1}' }, rule).text).toBe('{"fixed": 1}');
    expect(eventBridgeTargetInput(event, { inputPath: '$.detail.tags' }, rule).text).toBe('{"env":"prod"}');
    expect(eventBridgeTargetInput(event, {}, rule).text).toBe(JSON.stringify(event));
  });
});

describe('Pipes input template', () => {
  const record = { eventName: 'INSERT', dynamodb: { NewImage: { id: { S: 'o-1' }, total: { N: '10' } } } };
  const pipe = { pipeArn: 'arn:pipe', pipeName: 'p', sourceArn: 'arn:src', targetArn: 'arn:tgt', ingestionTime: '2024-01-01T00:00:00.000Z' };

  test('placeholders are JSON paths into the record', () => {
    expect(pipeTemplateInput('{"id": "<$.dynamodb.NewImage.id.S>", "image": <$.dynamodb.NewImage>}', record, pipe).text).toBe(
      '{"id":"o-1","image":{"id":{"S":"o-1"},"total":{"N":"10"}}}',
    );
  });

  test('reserved variables', () => {
    expect(JSON.parse(pipeTemplateInput('{"a": <aws.pipes.pipe-arn>, "n": <aws.pipes.pipe-name>, "s": <aws.pipes.source-arn>, "t": <aws.pipes.target-arn>, "at": <aws.pipes.event.ingestion-time>, "e": <aws.pipes.event.json>}', record, pipe).text)).toEqual({
      a: 'arn:pipe',
      n: 'p',
      s: 'arn:src',
      t: 'arn:tgt',
      at: '2024-01-01T00:00:00.000Z',
      e: record,
    });
  });

  test('escapes inside strings are kept', () => {
    expect(renderTemplate('{"q": "say \\"<x>\\""}', (n) => (n === 'x' ? { found: true, value: 'hi' } : undefined)).text).toBe('{"q":"say \\"hi\\""}');
  });
});

describe('JSON paths', () => {
  test.each([
    ['$', event],
    ['$.detail.state', 'RUNNING'],
    ['$.detail.instance-id', 'i-0123456789'],
    ["$['detail']['state']", 'RUNNING'],
    ['$.detail.items[1].sku', 'b'],
    ['$.detail.items[*].sku', ['a', 'b']],
    ['$.detail.tags.*', ['prod']],
    ['$.detail.nothing', undefined],
    ['$.detail.items[5]', undefined],
    ['detail.state', undefined],
  ])('%s', (path, expected) => {
    expect(evaluateJsonPath(event, path)).toEqual(expected);
  });
});

describe('DynamoDB JSON', () => {
  test('plain values convert as the SDK marshall does', () => {
    expect(marshallItem({ s: 'x', n: 1, big: 10n, b: true, nil: null, l: [1, 'a'], m: { k: 'v' }, ss: new Set(['a']), ns: new Set([1, 2]), bin: new Uint8Array([1, 2]), skip: undefined })).toEqual({
      s: { S: 'x' },
      n: { N: '1' },
      big: { N: '10' },
      b: { BOOL: true },
      nil: { NULL: true },
      l: { L: [{ N: '1' }, { S: 'a' }] },
      m: { M: { k: { S: 'v' } } },
      ss: { SS: ['a'] },
      ns: { NS: ['1', '2'] },
      bin: { B: 'AQI=' },
    });
  });

  test('DynamoDB JSON is detected only when every attribute is well formed', () => {
    expect(isDynamoDbJson({ a: { S: 'x' }, b: { M: { c: { N: '1' } } } })).toBe(true);
    expect(isDynamoDbJson({ a: { S: 1 } })).toBe(false);
    expect(isDynamoDbJson({ a: { S: 'x', N: '1' } })).toBe(false);
    expect(isDynamoDbJson({})).toBe(false);
    expect(toDynamoDbItem({ a: { S: 'x' } })).toEqual({ a: { S: 'x' } });
    expect(toDynamoDbItem({ a: { S: 'x' } }, 'plain')).toEqual({ a: { M: { S: { S: 'x' } } } });
  });

  test('values DynamoDB cannot store are refused', () => {
    expect(() => marshallItem({ f: () => 1 })).toThrow(/Cannot store a function/);
    expect(() => marshallItem({ s: new Set([1, 'a']) })).toThrow(/Set must hold/);
  });
});
