import type { TerraformResource } from '../core/terraform-json';
import type { WorkflowNode } from './nodes';

/** The node of an `aws_sfn_state_machine` named `name`; its ARN is `<arnPrefix>stateMachine:<name>` (no ARN is invented for a name known only at apply). */
export function workflowNode(r: TerraformResource, name: string, arnPrefix: string): WorkflowNode {
  const type = r.config.type;
  return {
    kind: 'workflow',
    address: r.address,
    type: r.type,
    name,
    path: r.path,
    arn: name.startsWith('unresolved: ') ? `unresolved: ${r.address}.arn` : `${arnPrefix}stateMachine:${name}`,
    workflowType: type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
  };
}
