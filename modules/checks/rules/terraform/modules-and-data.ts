import { EVALUATED_DATA_SOURCES } from '../../../core/evaluation';
import { Rule } from '../../rule';
import { configurationPart } from '../../configuration';

/**
 * Lists, once per stack, the `module` blocks and data sources the checks
 * cannot look into: what a module creates and what a data source returns are
 * known only at plan, so a stack of modules can pass every rule unseen.
 */
export const terraformModulesAndData: Rule = {
  id: 'EDA-TF-004',
  service: 'Terraform',
  severity: 'info',
  title: 'The checks see every resource: no module block or data source is left unevaluated',
  publicIds: {},
  evaluate(graph) {
    const modules = Object.entries((graph.model.json.module ?? {}) as Record<string, Record<string, unknown>>).map(([name, m]) =>
      typeof m?.source === 'string' ? `module.${name} (${m.source})` : `module.${name}`,
    );
    const data = graph
      .all()
      .filter((r) => r.mode === 'data' && !EVALUATED_DATA_SOURCES.has(r.type))
      .map((r) => r.address);
    if (modules.length === 0 && data.length === 0) return [];
    const parts = [modules.length ? `module blocks ${modules.join(', ')}` : '', data.length ? `data sources ${data.join(', ')}` : ''].filter(Boolean);
    return [
      {
        resource: configurationPart('terraform', 'terraform'),
        message: `not evaluated: ${parts.join('; ')} (what they create or return is known only at plan)`,
        fix: 'check what the modules create with their own tooling; the checks skipped what depends on them',
      },
    ];
  },
};
