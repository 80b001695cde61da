import { deniesInsecureTransport } from '../../iam';
import { fail, resourceRule } from '../../rule';

/** A queue's policy denies every request made without TLS (`aws:SecureTransport` = false). */
export const sqsQueueTlsOnly = resourceRule({
  id: 'EDA-SQS-005',
  service: 'SQS',
  severity: 'warning',
  title: 'SQS queue policies deny requests without TLS',
  publicIds: { cdkNag: ['AwsSolutions-SQS4'] },
  resourceTypes: ['aws_sqs_queue'],
  check(queue, graph) {
    const holders = graph.queuePolicies(queue);
    const statements = holders.map((h) => graph.statements(h.policy));
    if (statements.some((s) => s === undefined)) return;
    // Matching against `sqs:*` asks that the Deny cover every SQS action.
    if (statements.flat().some((s) => s && deniesInsecureTransport(s, 'sqs:*'))) return;
    return fail(
      holders.length === 0 ? 'queue has no policy denying requests without TLS' : 'queue policy does not deny requests without TLS',
      'add a Deny of sqs:* to Principal * with Condition Bool aws:SecureTransport = false to the queue policy',
    );
  },
});
