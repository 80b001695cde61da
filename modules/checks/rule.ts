import { TerraformResource } from '../core/terraform-json';
import { ResourceGraph } from './graph';
import { Statement } from './iam';

/**
 * `error`: fails at apply (provider or AWS API) or leaves a security hole;
 * synth fails. `warning`: reliability or hygiene; printed. `info`: what the
 * checks could not evaluate (a value known only at plan, a module); never
 * fails synth, printed as one line per stack.
 */
export type Severity = 'error' | 'warning' | 'info';

/** The AWS service a rule is about (`Terraform` for rules on the configuration as a whole). */
export type Service = 'SQS' | 'SNS' | 'EventBridge' | 'DynamoDB' | 'Kinesis' | 'Lambda' | 'Pipes' | 'KMS' | 'IAM' | 'API Gateway' | 'Step Functions' | 'S3' | 'Terraform' | 'Routing';

/** IDs of the public rules a rule corresponds to, by tool. */
export interface PublicIds {
  /** Checkov check IDs, e.g. `CKV_AWS_27`. @default none */
  readonly checkov?: readonly string[];
  /** cdk-nag rule IDs with their pack, e.g. `AwsSolutions-SQS3`. @default none */
  readonly cdkNag?: readonly string[];
  /** Trivy AVD IDs without the `AVD-` prefix, e.g. `AWS-0024`. @default none */
  readonly trivy?: readonly string[];
  /** AWS Security Hub control IDs, e.g. `SQS.1`. @default none */
  readonly securityHub?: readonly string[];
  /** AWS Config managed rule identifiers, e.g. `dynamodb-table-deletion-protection-enabled`. @default none */
  readonly awsConfig?: readonly string[];
  /** AWS Control Tower proactive control IDs, e.g. `CT.DYNAMODB.PR.1`. @default none */
  readonly controlTower?: readonly string[];
}

/** One thing wrong with one resource, and how to fix it. */
export interface Problem {
  /** The resource to fix. */
  readonly resource: TerraformResource;
  /** What is wrong, as a clause that follows the resource's name (`is not encrypted at rest`). */
  readonly message: string;
  /** What to do, as an imperative (`set sqs_managed_sse_enabled = true`). */
  readonly fix: string;
}

/** A rule of the pack: what it checks, what public rules it matches, and its check. */
export interface Rule {
  /** Our ID, `EDA-<SERVICE>-<NNN>`. */
  readonly id: string;
  /** The AWS service the rule is about. */
  readonly service: Service;
  /** `error` fails synth when a finding is not suppressed; `warning` is printed; `info` is counted and listed in the reports. */
  readonly severity: Severity;
  /** What holds when the rule passes, in one sentence. */
  readonly title: string;
  /** The public rules (Checkov, cdk-nag, Trivy, Security Hub, AWS Config, Control Tower) this rule corresponds to; `{}` when none does. */
  readonly publicIds: PublicIds;
  /** Hardening that does not suit every architecture: evaluated only when asked for (see `CheckOptions.rules`). */
  readonly optional?: boolean;
  /** Every problem the rule finds in a stack. */
  evaluate(graph: ResourceGraph): Problem[];
}

/** What a per-resource check returns: nothing when the resource passes. */
export type CheckOutcome =
  | undefined
  | {
      /** What is wrong, as a clause that follows the resource's name. */
      message: string;
      /** What to do, as an imperative. */
      fix: string;
    }
  | Array<{
      /** What is wrong, as a clause that follows the resource's name. */
      message: string;
      /** What to do, as an imperative. */
      fix: string;
    }>;

/** A rule that looks at each resource of some types in turn. */
export interface ResourceRuleDefinition extends Omit<Rule, 'evaluate'> {
  /** Resource types inspected (`data.<type>` for data sources). */
  readonly resourceTypes: readonly string[];
  /** Checks one resource of `resourceTypes`; `graph` answers questions about the rest of the stack. */
  check(resource: TerraformResource, graph: ResourceGraph): CheckOutcome;
}

/** Defines a rule that checks each resource of `resourceTypes`. */
export function resourceRule(definition: ResourceRuleDefinition): Rule {
  const { resourceTypes, check, ...meta } = definition;
  return {
    ...meta,
    evaluate(graph) {
      const problems: Problem[] = [];
      for (const type of resourceTypes) {
        for (const resource of graph.resources(type)) {
          const outcome = check(resource, graph);
          for (const o of outcome === undefined ? [] : Array.isArray(outcome) ? outcome : [outcome]) problems.push({ resource, ...o });
        }
      }
      return problems;
    },
  };
}

/** A failed check: what is wrong and the fix. */
export function fail(message: string, fix: string): {
  /** What is wrong, as a clause that follows the resource's name. */
  message: string;
  /** What to do, as an imperative. */
  fix: string;
} {
  return { message, fix };
}

/** A rule that checks the statements of every identity policy in the stack (see `ResourceGraph.identityPolicies`). */
export interface IdentityPolicyRuleDefinition extends Omit<Rule, 'evaluate'> {
  /** Checks the statements of one identity policy; policies whose statements cannot be read at synth are skipped. */
  check(statements: readonly Statement[], graph: ResourceGraph): CheckOutcome;
}

/** Defines a rule over identity policies; the finding names the resource holding the policy. */
export function identityPolicyRule(definition: IdentityPolicyRuleDefinition): Rule {
  const { check, ...meta } = definition;
  return {
    ...meta,
    evaluate(graph) {
      const problems: Problem[] = [];
      for (const holder of graph.identityPolicies()) {
        const statements = graph.statements(holder.policy);
        if (!statements) continue;
        const outcome = check(statements, graph);
        for (const o of outcome === undefined ? [] : Array.isArray(outcome) ? outcome : [outcome]) problems.push({ resource: holder.resource, ...o });
      }
      return problems;
    },
  };
}
