import { fail, resourceRule } from '../../rule';

/**
 * A queue's DLQ is in its account and Region: the SQS guide of 2023 required
 * it; the current guide calls it best practice. Redrive across either is not
 * something to rely on.
 */
export const sqsDlqSameRegion = resourceRule({
  id: 'EDA-SQS-009',
  service: 'SQS',
  severity: 'warning',
  title: 'A queue and its dead-letter queue are in the same account and Region',
  publicIds: {},
  resourceTypes: ['aws_sqs_queue'],
  check(queue, graph) {
    const dlq = graph.deadLetterTarget(queue);
    if (!dlq) return;
    const region = graph.region(queue);
    const dlqRegion = graph.arnRegion(dlq.arn);
    const account = graph.account(queue);
    const dlqAccount = graph.arnAccount(dlq.arn);
    const problems = [];
    if (region && dlqRegion && region !== dlqRegion) {
      problems.push(fail(`queue in ${region} has a dead-letter queue in ${dlqRegion}`, `use a dead-letter queue in ${region}`));
    }
    if (account && dlqAccount && account !== dlqAccount) {
      problems.push(fail(`queue in account ${account} has a dead-letter queue in account ${dlqAccount}`, `use a dead-letter queue in account ${account}`));
    }
    return problems;
  },
});
