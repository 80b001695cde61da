import { TerraformResource } from '../../../core/terraform-json';
import { ResourceGraph } from '../../graph';
import { bool } from '../../../core/values';

/**
 * The resources that make a stack production-like: DynamoDB tables with
 * deletion protection on (someone decided losing them would hurt). Stack-wide
 * findings are reported on them, so a suppression on the table, or on the
 * stack, silences them with a reason.
 */
export function productionMarkers(graph: ResourceGraph): TerraformResource[] {
  return graph.resources('aws_dynamodb_table').filter((t) => bool(t.config.deletion_protection_enabled) === true);
}
