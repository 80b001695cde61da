import { ValueReader } from '../core/evaluation';
import { TerraformResource } from '../core/terraform-json';
import { ResourceGraph } from './graph';

/** The stack's value reader, built once per graph. */
export function valueReader(graph: ResourceGraph): ValueReader {
  return graph.cached('valueReader', () => new ValueReader(graph.model.json));
}

/** Something of the configuration that is not a resource (a provider, the stack), so a finding can name it. */
export function configurationPart(address: string, type: string, config: Record<string, unknown> = {}): TerraformResource {
  return { mode: 'resource', type, name: address, address, config };
}
