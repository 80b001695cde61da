import { TerraformResource } from '../core/terraform-json';
import { ResourceGraph } from './graph';
import { bool } from '../core/values';

/**
 * The resource that makes a stack production-like: the first DynamoDB table
 * with deletion protection on (someone decided losing it would hurt). A
 * stack-wide finding is reported once, on it, so a suppression on the stack
 * (or on that table) silences it with a reason.
 */
export function productionMarker(graph: ResourceGraph): TerraformResource | undefined {
  return graph.resources('aws_dynamodb_table').find((t) => bool(t.config.deletion_protection_enabled) === true);
}
