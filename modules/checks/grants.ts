import { refersTo } from '../core/references';
import { TerraformResource } from '../core/terraform-json';
import { Delivery, ResourceGraph } from './graph';
import { Statement, admitsService, conditionValues, coversAction } from './iam';

/**
 * How a resource policy treats one delivery: `scoped` (allowed, on
 * condition of the source's ARN), `unscoped` (allowed with no
 * `aws:SourceArn`: any rule or topic in any account could use the grant,
 * the confused-deputy problem), `other-source` (allowed only for other
 * sources), or `none`.
 */
export type Admission = 'scoped' | 'unscoped' | 'other-source' | 'none';

/** Whether a statement's `Resource` covers the destination (a literal ARN or pattern is taken at its word). */
function coversResource(statement: Statement, address: string): boolean {
  if (statement.resources.length === 0) return true;
  return statement.resources.some((r) => !r.includes('${') || refersTo(r, address));
}

/** How the statements of a destination's policies treat a delivery to it. */
export function admission(statements: readonly Statement[], delivery: Delivery): Admission {
  const grants = statements.filter(
    (s) => s.effect === 'Allow' && admitsService(s, delivery.service) && coversAction(s, delivery.action) && coversResource(s, delivery.destination.address),
  );
  if (grants.length === 0) return 'none';
  let scoped = false;
  let otherSource = false;
  for (const s of grants) {
    const sources = conditionValues(s, 'aws:SourceArn');
    if (sources.length === 0) return 'unscoped';
    const source = delivery.source;
    if (!source || sources.some((v) => !v.includes('${') || refersTo(v, source.address))) scoped = true;
    else otherSource = true;
  }
  return scoped ? 'scoped' : otherSource ? 'other-source' : 'none';
}

/** How a delivery reads in a message: `events.amazonaws.com via target x/target of x/rule`. */
export function describeDelivery(delivery: Delivery, label: (r: Delivery['via']) => string): string {
  const role = delivery.via.type === 'aws_cloudwatch_event_target' ? 'target' : 'subscription';
  const source = delivery.source ? ` of ${label(delivery.source)}` : '';
  const dlq = delivery.as === 'dead-letter queue' ? ' (as its dead-letter queue)' : '';
  return `${delivery.service} via ${role} ${label(delivery.via)}${source}${dlq}`;
}

/**
 * Whether a role's policies allow `action` on `destination`; `undefined`
 * when the role has policies the stack does not show (AWS managed ones).
 */
export function roleAllows(graph: ResourceGraph, roleArn: unknown, action: string, destination: TerraformResource): boolean | undefined {
  const role = graph.roleStatements(roleArn);
  if (!role) return undefined;
  const onDestination = (resources: readonly string[]): boolean =>
    resources.some((r) => !r.includes('${') || refersTo(r, destination.address));
  const allowed = role.statements.some((s) => s.effect === 'Allow' && coversAction(s, action) && onDestination(s.resources));
  if (allowed) return true;
  return role.complete ? false : undefined;
}
