import { readFileSync } from 'fs';
import { join } from 'path';
import { REQUEST_CONTEXT } from '../../modules/routing/authorization';

describe('the request-context table', () => {
  const docs = readFileSync(join(__dirname, '../../docs/authorization.md'), 'utf8');

  it.each(Object.entries(REQUEST_CONTEXT))('documents %s with its principal and sources', (call, row) => {
    const line = docs.split('\n').find((l) => l.startsWith(`| \`${call}\` |`));
    expect(line).toBeDefined();
    expect(row.sources.length).toBeGreaterThan(0);
    for (const key of Object.keys(row.present)) expect(line).toContain(key);
    for (const key of row.silent) expect(line).toContain(key);
  });

  it('says the KMS request SNS makes for a publisher carries the topic encryption context and no aws:SourceArn', () => {
    expect(REQUEST_CONTEXT['sns-kms-for-publisher'].present).toHaveProperty(['kms:EncryptionContext:aws:sns:topicArn']);
    expect(REQUEST_CONTEXT['sns-kms-for-publisher'].silent).toEqual(['aws:SourceArn', 'aws:SourceAccount', 'aws:SourceOrgID']);
  });
});
