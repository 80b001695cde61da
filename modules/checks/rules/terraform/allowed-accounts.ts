import { block, list } from '../../../core/values';
import { Rule } from '../../rule';
import { productionMarker } from '../../production-like';

/**
 * A production-like stack (a table with deletion protection on) names the
 * AWS account it belongs to in its provider's `allowed_account_ids`: without
 * it, an apply lands in whatever account the credentials point to.
 */
export const terraformAllowedAccounts: Rule = {
  id: 'EDA-TF-005',
  service: 'Terraform',
  severity: 'warning',
  title: 'The AWS provider of a production-like stack names its account in allowed_account_ids',
  publicIds: {},
  evaluate(graph) {
    const providers = list((graph.model.json.provider as Record<string, unknown> | undefined)?.aws).map((p) => block(p) ?? {});
    if (providers.length > 0 && providers.every((p) => list(p.allowed_account_ids).length > 0)) return [];
    const resource = productionMarker(graph);
    if (!resource) return [];
    return [
      {
        resource,
        message: "has deletion protection on, so its stack is production-like, but the stack's AWS provider names no allowed_account_ids: an apply lands in whatever account the credentials point to",
        fix: 'set allowed_account_ids on the AWS provider to the account this stack belongs to (or suppress EDA-TF-005 on the stack with the reason)',
      },
    ];
  },
};
