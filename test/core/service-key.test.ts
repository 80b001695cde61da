import { ServiceKey, snsTopicEncryptionContext } from '../../modules';
import { errorOf } from '../helpers/errors';
import { resourceAt, synthJson, testStack } from '../helpers/synth';
import { document } from '../../modules/core/values';

describe('ServiceKey', () => {
  it('is a rotated customer-managed key whose policy keeps the account in control and admits services per resource, by encryption context', () => {
    const stack = testStack();
    const key = new ServiceKey(stack, 'key', { aliasName: 'sns/orders', deletionWindowDays: 7 });
    const topicArn = 'arn:aws:sns:eu-west-1:123456789012:orders';
    key.allowServiceUse('events.amazonaws.com', snsTopicEncryptionContext(topicArn));
    key.allowServiceUse('events.amazonaws.com', snsTopicEncryptionContext(topicArn));
    const json = synthJson(stack);
    const kms = resourceAt(json, 'aws_kms_key', 'key/Key');
    expect(kms).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 7, description: 'Encrypts sns/orders' });
    expect(document<any>(kms.policy).Statement).toEqual([
      expect.objectContaining({ Sid: 'AllowAccountAdministration', Action: 'kms:*' }),
      {
        Sid: expect.any(String),
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        Resource: '*',
        // SNS calls KMS with the topic's encryption context and no aws:SourceArn.
        Condition: { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': topicArn } },
      },
    ]);
    expect(resourceAt(json, 'aws_kms_alias', 'key/Alias').name).toBe('alias/sns/orders');
  });

  it.each([
    [{ aliasName: 'aws/sns' }, /test\/key: aliasName = "aws\/sns" is invalid: KMS alias names are 1–250 letters, digits, "\/", "_" and "-", not starting with "aws\/"/],
    [{ aliasName: 'orders.fifo' }, /aliasName = "orders.fifo" is invalid/],
    [{ deletionWindowDays: 31 }, /deletionWindowDays = 31 is invalid: must be a whole number from 7 to 30 days/],
  ])('refuses %j', (props, message) => {
    expect(errorOf(() => new ServiceKey(testStack(), 'key', { aliasName: 'k', ...(props as object) }))).toMatch(message);
  });
});
