import { block } from '../../../core/values';
import { Rule } from '../../rule';
import { productionMarker } from '../../production-like';

/**
 * A production-like stack (a table with deletion protection on) keeps its
 * Terraform state in a shared backend with locking, not in a local file that
 * one machine holds and two applies can overwrite.
 */
export const terraformRemoteState: Rule = {
  id: 'EDA-TF-006',
  service: 'Terraform',
  severity: 'warning',
  title: 'A production-like stack keeps its Terraform state in a remote backend',
  publicIds: {},
  evaluate(graph) {
    const terraform = block(graph.model.json.terraform) ?? {};
    const backends = Object.keys(block(terraform.backend) ?? {});
    const local = terraform.cloud === undefined && (backends.length === 0 || backends.every((b) => b === 'local'));
    if (!local) return [];
    const resource = productionMarker(graph);
    if (!resource) return [];
    return [
      {
        resource,
        message: 'has deletion protection on, so its stack is production-like, but the stack keeps its Terraform state in a local file: one machine holds it, nothing locks it, and losing it orphans every resource',
        fix: 'configure a remote backend with locking (e.g. S3 with use_lockfile, Terraform 1.10 or later), or suppress EDA-TF-006 on the stack with the reason',
      },
    ];
  },
};
