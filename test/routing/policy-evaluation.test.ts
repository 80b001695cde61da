import { AuthorizationRequest, compilePolicy, evaluate } from '../../modules/routing/authorization';

/** Cases of IAM policy evaluation: explicit deny over allow, condition operators, single- and multivalued context keys, policy variables. */
const ACCOUNT = '111122223333';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/carlos`;
const asRole = (action: string, resource: string, context: AuthorizationRequest['context'] = {}): AuthorizationRequest => ({
  principal: { type: 'AWS', id: ROLE, account: ACCOUNT },
  action,
  resource,
  context,
});
const asService = (service: string, action: string, resource: string, context: AuthorizationRequest['context'] = {}): AuthorizationRequest => ({
  principal: { type: 'Service', id: service },
  action,
  resource,
  context,
});
const identity = (...Statement: object[]) => compilePolicy('identity policy carlos', 'identity', { Version: '2012-10-17', Statement });
const resource = (...Statement: object[]) => compilePolicy('queue policy q', 'resource', JSON.stringify({ Version: '2012-10-17', Statement }));
const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:q`;

describe('policy evaluation logic (same account)', () => {
  it('denies by default, and names the policy that has no statement for the caller', () => {
    const d = evaluate(asRole('sqs:SendMessage', QUEUE), { identityPolicies: [identity({ Effect: 'Allow', Action: 'sqs:ReceiveMessage', Resource: QUEUE })] });
    expect(d.allowed).toBe(false);
    expect(d.reason).toBe(`identity policy carlos has no statement allowing role ${ROLE} sqs:SendMessage`);
  });

  it('allows by the identity policy alone, or by the resource policy alone (union within one account)', () => {
    const byIdentity = evaluate(asRole('sqs:SendMessage', QUEUE), { identityPolicies: [identity({ Effect: 'Allow', Action: 'sqs:*', Resource: '*' })], resourcePolicy: resource() });
    expect(byIdentity.allowed).toBe(true);
    const byResource = evaluate(asRole('sqs:SendMessage', QUEUE), { identityPolicies: [], resourcePolicy: resource({ Effect: 'Allow', Principal: { AWS: ROLE }, Action: 'sqs:SendMessage', Resource: QUEUE }) });
    expect(byResource.allowed).toBe(true);
  });

  it('lets an explicit Deny in any policy win over every Allow', () => {
    const d = evaluate(asRole('sqs:SendMessage', QUEUE, { 'aws:SecureTransport': 'false' }), {
      identityPolicies: [identity({ Effect: 'Allow', Action: '*', Resource: '*' })],
      resourcePolicy: resource({ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: QUEUE, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    });
    expect(d.allowed).toBe(false);
    expect(d.reason).toBe('queue policy q Sid "DenyInsecureTransport" explicitly denies sqs:SendMessage');
  });

  it('matches actions case-insensitively with wildcards, honours NotAction and NotResource', () => {
    const policy = identity(
      { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
      { Effect: 'Deny', Action: 'SQS:Delete*', NotResource: `arn:aws:sqs:us-east-1:${ACCOUNT}:scratch-*` },
    );
    expect(evaluate(asRole('sqs:sendmessage', QUEUE), { identityPolicies: [policy] }).allowed).toBe(true);
    expect(evaluate(asRole('iam:CreateUser', '*'), { identityPolicies: [policy] }).allowed).toBe(false);
    expect(evaluate(asRole('sqs:DeleteQueue', QUEUE), { identityPolicies: [policy] }).allowed).toBe(false);
    expect(evaluate(asRole('sqs:DeleteQueue', `arn:aws:sqs:us-east-1:${ACCOUNT}:scratch-1`), { identityPolicies: [policy] }).allowed).toBe(true);
  });

  it('matches resource ARNs case-sensitively, with ? for one character', () => {
    const policy = identity({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:q?` });
    expect(evaluate(asRole('sqs:SendMessage', `${QUEUE}1`), { identityPolicies: [policy] }).allowed).toBe(true);
    expect(evaluate(asRole('sqs:SendMessage', `${QUEUE}12`), { identityPolicies: [policy] }).allowed).toBe(false);
    expect(evaluate(asRole('sqs:SendMessage', `arn:aws:sqs:us-east-1:${ACCOUNT}:Q1`), { identityPolicies: [policy] }).allowed).toBe(false);
  });

  it('applies NotPrincipal to everyone but the principals it names', () => {
    const policy = resource({ Effect: 'Deny', NotPrincipal: { AWS: ROLE }, Action: 'sqs:*', Resource: QUEUE }, { Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: QUEUE });
    expect(evaluate(asRole('sqs:SendMessage', QUEUE), { resourcePolicy: policy }).allowed).toBe(true);
    expect(evaluate(asService('sns.amazonaws.com', 'sqs:SendMessage', QUEUE), { resourcePolicy: policy }).allowed).toBe(false);
  });
});

describe('condition operators', () => {
  const allowIf = (Condition: object) => identity({ Sid: 'Conditional', Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition });
  const check = (Condition: object, context: AuthorizationRequest['context']) => evaluate(asRole('s3:GetObject', 'arn:aws:s3:::b/k', context), { identityPolicies: [allowIf(Condition)] });

  it('ORs the values of one key, ANDs keys and operators', () => {
    const c = { StringEquals: { 'aws:PrincipalTag/team': ['a', 'b'], 'aws:PrincipalTag/env': 'prod' } };
    expect(check(c, { 'aws:PrincipalTag/team': 'b', 'aws:PrincipalTag/env': 'prod' }).allowed).toBe(true);
    expect(check(c, { 'aws:PrincipalTag/team': 'b', 'aws:PrincipalTag/env': 'dev' }).allowed).toBe(false);
    expect(check(c, { 'aws:PrincipalTag/team': 'c', 'aws:PrincipalTag/env': 'prod' }).allowed).toBe(false);
  });

  it('reads condition key names case-insensitively and values case-sensitively (unless …IgnoreCase)', () => {
    expect(check({ StringEquals: { 'AWS:PrincipalTag/Team': 'Orders' } }, { 'aws:principaltag/team': 'Orders' }).allowed).toBe(true);
    expect(check({ StringEquals: { 'aws:PrincipalTag/team': 'Orders' } }, { 'aws:PrincipalTag/team': 'orders' }).allowed).toBe(false);
    expect(check({ StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'Orders' } }, { 'aws:PrincipalTag/team': 'orders' }).allowed).toBe(true);
  });

  it('fails a positive operator on an absent key, and names that key as missing from the request', () => {
    const d = check({ ArnEquals: { 'aws:SourceArn': 'arn:aws:events:us-east-1:111122223333:rule/r' } }, {});
    expect(d.allowed).toBe(false);
    expect(d.reason).toBe(`identity policy carlos Sid "Conditional" would allow role ${ROLE} s3:GetObject, but its condition ArnEquals aws:SourceArn ["arn:aws:events:us-east-1:111122223333:rule/r"] fails: the request carries no aws:SourceArn`);
  });

  it('holds a negated operator on an absent key ("…the condition is true")', () => {
    expect(check({ StringNotEquals: { 'aws:PrincipalTag/team': 'x' } }, {}).allowed).toBe(true);
    expect(check({ StringNotEquals: { 'aws:PrincipalTag/team': ['x', 'y'] } }, { 'aws:PrincipalTag/team': 'y' }).allowed).toBe(false);
    expect(check({ ArnNotLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:x' } }, {}).allowed).toBe(true);
  });

  it('holds …IfExists on an absent key and tests it when present (the ec2:InstanceType example)', () => {
    const c = { StringLikeIfExists: { 'ec2:InstanceType': ['t1.*', 't2.*', 'm3.*'] } };
    expect(check(c, {}).allowed).toBe(true);
    expect(check(c, { 'ec2:InstanceType': 't2.micro' }).allowed).toBe(true);
    expect(check(c, { 'ec2:InstanceType': 'c5.large' }).allowed).toBe(false);
  });

  it('tests presence with Null', () => {
    expect(check({ Null: { 'aws:TokenIssueTime': 'true' } }, {}).allowed).toBe(true);
    expect(check({ Null: { 'aws:TokenIssueTime': 'true' } }, { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' }).allowed).toBe(false);
    expect(check({ Null: { 'aws:TokenIssueTime': 'false' } }, { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' }).allowed).toBe(true);
  });

  it('applies ForAllValues and ForAnyValue to multivalued keys; ForAllValues holds for an absent key, ForAnyValue does not', () => {
    const all = { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['environment', 'cost-center'] } };
    const any = { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['environment', 'cost-center'] } };
    expect(check(all, { 'aws:TagKeys': ['environment'] }).allowed).toBe(true);
    expect(check(all, { 'aws:TagKeys': ['environment', 'owner'] }).allowed).toBe(false);
    expect(check(all, {}).allowed).toBe(true);
    expect(check(any, { 'aws:TagKeys': ['owner', 'cost-center'] }).allowed).toBe(true);
    expect(check(any, { 'aws:TagKeys': ['owner'] }).allowed).toBe(false);
    expect(check(any, {}).allowed).toBe(false);
  });

  it('compares numbers, dates, booleans, IP ranges and binary values', () => {
    expect(check({ NumericLessThanEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '10' }).allowed).toBe(true);
    expect(check({ NumericLessThan: { 's3:max-keys': '10' } }, { 's3:max-keys': '10' }).allowed).toBe(false);
    expect(check({ DateGreaterThan: { 'aws:CurrentTime': '2020-04-01T00:00:00Z' } }, { 'aws:CurrentTime': '2026-11-29T12:00:00Z' }).allowed).toBe(true);
    expect(check({ DateLessThan: { 'aws:EpochTime': '1000' } }, { 'aws:EpochTime': '999' }).allowed).toBe(true);
    expect(check({ Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': 'TRUE' }).allowed).toBe(true);
    expect(check({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '203.0.113.7' }).allowed).toBe(true);
    expect(check({ NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] } }, { 'aws:SourceIp': '2001:db8::1' }).allowed).toBe(false);
    expect(check({ BinaryEquals: { 'key': 'QmluYXJ5VmFsdWU=' } }, { key: 'QmluYXJ5VmFsdWU=' }).allowed).toBe(true);
  });

  it('matches ARNs segment by segment with wildcards', () => {
    const c = { ArnLike: { 'aws:SourceArn': 'arn:aws:cloudwatch:*:111122223333:alarm:orders-*' } };
    expect(check(c, { 'aws:SourceArn': 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-dlq' }).allowed).toBe(true);
    expect(check(c, { 'aws:SourceArn': 'arn:aws:cloudwatch:eu-west-1:444455556666:alarm:orders-dlq' }).allowed).toBe(false);
    expect(check({ ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:t' } }, { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:t' }).allowed).toBe(true);
  });

  it('substitutes policy variables from the request, and fails a value whose variable is absent', () => {
    const own = identity({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}/*' });
    expect(evaluate(asRole('s3:GetObject', 'arn:aws:s3:::home/carlos/a', { 'aws:username': 'carlos' }), { identityPolicies: [own] }).allowed).toBe(true);
    expect(evaluate(asRole('s3:GetObject', 'arn:aws:s3:::home/maria/a', { 'aws:username': 'carlos' }), { identityPolicies: [own] }).allowed).toBe(false);
    const byCondition = allowIf({ StringEquals: { 's3:prefix': 'home/${aws:username}' } });
    expect(evaluate(asRole('s3:GetObject', '*', { 'aws:username': 'carlos', 's3:prefix': 'home/carlos' }), { identityPolicies: [byCondition] }).allowed).toBe(true);
    expect(evaluate(asRole('s3:GetObject', '*', { 's3:prefix': 'home/carlos' }), { identityPolicies: [byCondition] }).allowed).toBe(false);
  });

  it('treats an unknown operator as a condition that never holds', () => {
    expect(check({ StringEqualz: { 'aws:PrincipalTag/team': 'a' } }, { 'aws:PrincipalTag/team': 'a' }).allowed).toBe(false);
  });
});

describe('key policies', () => {
  const key = (...Statement: object[]) => compilePolicy('key policy k', 'resource', { Version: '2012-10-17', Statement });
  const root = { Sid: 'Account', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' };

  it('lets a role use the key when the key policy names its account and an identity policy allows it', () => {
    const withIdentity = evaluate(asRole('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/k'), {
      keyPolicy: key(root),
      identityPolicies: [identity({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-east-1:111122223333:key/k' })],
    });
    expect(withIdentity.allowed).toBe(true);
    const without = evaluate(asRole('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/k'), { keyPolicy: key(root), identityPolicies: [] });
    expect(without.allowed).toBe(false);
    expect(without.reason).toBe(`key policy k lets only the account's IAM policies use the key, and none allows role ${ROLE} kms:Decrypt`);
  });

  it('ignores identity policies when the key policy does not name the account', () => {
    const d = evaluate(asRole('kms:Decrypt', '*'), { keyPolicy: key(), identityPolicies: [identity({ Effect: 'Allow', Action: 'kms:*', Resource: '*' })] });
    expect(d.allowed).toBe(false);
  });

  it('denies a service the key policy does not name, and admits it by encryption context', () => {
    const context = { 'kms:EncryptionContext:aws:sns:topicArn': 'arn:aws:sns:us-east-1:111122223333:t', 'kms:ViaService': 'sns.us-east-1.amazonaws.com' };
    expect(evaluate(asService('events.amazonaws.com', 'kms:GenerateDataKey', '*', context), { keyPolicy: key(root) }).reason).toBe('key policy k has no statement allowing events.amazonaws.com kms:GenerateDataKey');
    const scoped = key(root, {
      Sid: 'AllowEventsUseKey1',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': 'arn:aws:sns:us-east-1:111122223333:t' } },
    });
    expect(evaluate(asService('events.amazonaws.com', 'kms:GenerateDataKey', '*', context), { keyPolicy: scoped }).allowed).toBe(true);
  });
});
