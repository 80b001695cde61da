import { dynamicIterators } from '../../../core/evaluation';
import { Problem, Rule } from '../../rule';

/** Roots that are not resources: variables, locals, modules, iteration and meta values. */
const NOT_RESOURCES = new Set(['var', 'local', 'module', 'each', 'count', 'path', 'terraform', 'self']);

/**
 * Every resource or data source referred to is declared in the stack:
 * Terraform fails validation with "Reference to undeclared resource"
 * (for instance after an override or an escape hatch names a resource
 * by a hand-written address).
 */
export const terraformReferencesDeclared: Rule = {
  id: 'EDA-TF-002',
  service: 'Terraform',
  severity: 'error',
  title: 'Every referenced resource is declared in the stack',
  publicIds: {},
  evaluate(graph) {
    const problems: Problem[] = [];
    for (const resource of graph.all()) {
      const missing = new Set<string>();
      // `dynamic` blocks' iterators (`global_secondary_index.value`) read the iteration, not a resource.
      const iterators = dynamicIterators(resource.config);
      for (const ref of graph.referencesFrom(resource)) {
        const [head, type] = ref.to.split('.');
        if (NOT_RESOURCES.has(head) || iterators.has(head) || graph.get(ref.to)) continue;
        // Resource types are always `<provider>_<name>`.
        if (!(head === 'data' ? type : head)?.includes('_')) continue;
        missing.add(ref.to);
      }
      if (missing.size > 0) {
        problems.push({
          resource,
          message: `refers to ${[...missing].join(', ')}, which the stack does not declare`,
          fix: 'refer to the resource object (resource.arn) rather than a hand-written address, or declare it',
        });
      }
    }
    return problems;
  },
};
