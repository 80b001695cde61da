import { ValueReader } from '../../../core/evaluation';
import { configurationPart, valueReader } from '../../configuration';
import { Problem, Rule } from '../../rule';

const FIX = 'nothing, unless the checks should verify it: then write it as a literal (the checks skipped what depends on it)';

/**
 * Says what the checks could not evaluate, and on what it depends: an
 * argument set from an input variable, `each.`/`count.`, a module output, a
 * data source, a conditional or `lookup`/`try`; a block written as `dynamic`
 * (possibly present); a provider's region. No rule asserts anything from
 * such a value, so this is where a reader learns what went unchecked.
 */
export const terraformValuesEvaluated: Rule = {
  id: 'EDA-TF-003',
  service: 'Terraform',
  severity: 'info',
  title: 'Every argument the checks read is known at synth',
  publicIds: {},
  evaluate(graph) {
    const reader = valueReader(graph);
    const problems: Problem[] = [];
    for (const resource of graph.all()) {
      for (const { path, reading } of reader.unknownsIn(resource.config, reader.iteratorsOf(resource.config))) {
        problems.push({ resource, message: `could not evaluate ${resource.address}.${path}: depends on ${reading.dependsOn.join(', ')}`, fix: FIX });
      }
      for (const [block, over] of dynamicBlocks(resource.config, reader)) {
        problems.push({ resource, message: `${resource.address}.${block} is possibly present: dynamic block over ${over.join(', ')}`, fix: FIX });
      }
    }
    const providers = (graph.model.json.provider ?? {}) as Record<string, unknown>;
    for (const [name, configs] of Object.entries(providers)) {
      for (const config of Array.isArray(configs) ? configs : [configs]) {
        if (!config || typeof config !== 'object') continue;
        const c = config as Record<string, unknown>;
        const address = `provider.${name}${typeof c.alias === 'string' ? `.${c.alias}` : ''}`;
        for (const { path, reading } of reader.unknownsIn(c)) {
          problems.push({ resource: configurationPart(address, 'provider'), message: `could not evaluate ${address}.${path}: depends on ${reading.dependsOn.join(', ')}`, fix: FIX });
        }
      }
    }
    return problems;
  },
};

/** The `dynamic` blocks of a configuration (nested ones by dotted path), with what each iterates over. */
function dynamicBlocks(config: Record<string, unknown>, reader: ValueReader, path = ''): Array<[string, string[]]> {
  const found: Array<[string, string[]]> = [];
  const dynamic = config.dynamic;
  if (!dynamic || typeof dynamic !== 'object') return found;
  for (const [name, value] of Object.entries(dynamic as Record<string, unknown>)) {
    const d = (Array.isArray(value) ? value[0] : value) as Record<string, unknown> | undefined;
    if (!d) continue;
    const at = path ? `${path}.${name}` : name;
    found.push([at, reader.iterationOf(d.for_each)]);
  }
  return found;
}
