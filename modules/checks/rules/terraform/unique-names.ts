import { literal } from '../../../core/values';
import { TerraformResource } from '../../../core/terraform-json';
import { Problem, Rule } from '../../rule';

/** A kind of named resource: where its name is, and within what it must be unique. */
interface NamedKind {
  /** The argument that holds the AWS name. */
  readonly name: string;
  /** What AWS calls it, for the message. */
  readonly what: string;
  /** Arguments that scope the name besides account and Region (a rule's bus, a policy's role). */
  readonly within?: readonly string[];
  /** IAM names are unique in the account, in every Region. */
  readonly global?: boolean;
}

/**
 * Names AWS keeps unique per account and Region (per account for IAM): a
 * second resource with the same name fails at apply (`ResourceAlreadyExists`,
 * `EntityAlreadyExists`, `ResourceConflictException`) or, for a few services,
 * silently takes over the first (SQS CreateQueue and SNS CreateTopic return
 * the existing queue or topic when the attributes match).
 */
const NAMED: Readonly<Record<string, NamedKind>> = {
  aws_sqs_queue: { name: 'name', what: 'SQS queue' },
  aws_sns_topic: { name: 'name', what: 'SNS topic' },
  aws_cloudwatch_event_bus: { name: 'name', what: 'event bus' },
  aws_cloudwatch_event_rule: { name: 'name', what: 'EventBridge rule', within: ['event_bus_name'] },
  aws_cloudwatch_event_archive: { name: 'name', what: 'EventBridge archive' },
  aws_dynamodb_table: { name: 'name', what: 'DynamoDB table' },
  aws_lambda_function: { name: 'function_name', what: 'Lambda function' },
  aws_pipes_pipe: { name: 'name', what: 'EventBridge pipe' },
  aws_sfn_state_machine: { name: 'name', what: 'state machine' },
  aws_cloudwatch_log_group: { name: 'name', what: 'log group' },
  aws_cloudwatch_metric_alarm: { name: 'alarm_name', what: 'CloudWatch alarm' },
  aws_kms_alias: { name: 'name', what: 'KMS alias' },
  aws_kinesis_stream: { name: 'name', what: 'Kinesis stream' },
  aws_iam_role: { name: 'name', what: 'IAM role', global: true },
  aws_iam_policy: { name: 'name', what: 'IAM policy', global: true },
  aws_iam_role_policy: { name: 'name', what: 'inline policy', within: ['role'], global: true },
};

/**
 * Two resources of one kind do not share an AWS name in the same account and
 * Region (the same event bus, for rules; the same role, for inline policies).
 * Names known only at apply are not compared.
 */
export const terraformUniqueNames: Rule = {
  id: 'EDA-TF-007',
  service: 'Terraform',
  severity: 'error',
  title: 'Resources of one kind do not share an AWS name in one account and Region',
  publicIds: {},
  evaluate(graph) {
    const problems: Problem[] = [];
    for (const [type, kind] of Object.entries(NAMED)) {
      const first = new Map<string, TerraformResource>();
      for (const resource of graph.resources(type)) {
        const name = literal(resource.config[kind.name]);
        if (name === undefined) continue;
        // Providers without allowed_account_ids are taken for the same account; a Region unknown at synth, for the provider's own.
        // A scope given as a reference (a rule's bus, a policy's role) is compared as written.
        const account = graph.account(resource) ?? '';
        const where = kind.global ? account : `${account}/${graph.region(resource) ?? literal(resource.config.provider) ?? 'aws'}`;
        const scope = (kind.within ?? []).map((a) => String(resource.config[a] ?? 'default')).join('/');
        const key = `${where}\0${scope}\0${name}`;
        const earlier = first.get(key);
        if (!earlier) {
          first.set(key, resource);
          continue;
        }
        problems.push({
          resource,
          message: `has the ${kind.what} name "${name}" that ${graph.label(earlier)} already has${kind.within ? ` on the same ${kind.within.join(' and ').replace(/_/g, ' ')}` : ''}${kind.global ? ' in this account' : ' in this account and Region'}: the second one fails at apply or takes over the first`,
          fix: `give one of them another name (${graph.label(earlier)} and ${graph.label(resource)})`,
        });
      }
    }
    return problems;
  },
};
