import { fail, resourceRule } from '../../rule';
import { at, block, list, literal } from '../../../core/values';

/** A function runs in a VPC, in subnets of at least two Availability Zones. */
export const lambdaInVpc = resourceRule({
  id: 'EDA-LAMBDA-004',
  service: 'Lambda',
  severity: 'warning',
  optional: true,
  title: 'Lambda functions run in a VPC across at least two Availability Zones',
  publicIds: { checkov: ['CKV_AWS_117'], securityHub: ['Lambda.3', 'Lambda.5'] },
  resourceTypes: ['aws_lambda_function'],
  check(fn, graph) {
    const vpc = block(fn.config.vpc_config);
    if (!vpc) return fail('function does not run in a VPC', 'set vpc_config with subnets in two or more Availability Zones and a security group');
    const subnets = list(at(fn.config, 'vpc_config.subnet_ids'));
    if (typeof vpc.subnet_ids === 'string') return undefined; // a list known only at apply
    const zones = new Set(subnets.map((s) => literal(graph.ref(s, 'aws_subnet')?.config.availability_zone) ?? String(s)));
    if (zones.size >= 2) return undefined;
    return fail('function runs in a single subnet or Availability Zone', 'give vpc_config.subnet_ids subnets in two or more Availability Zones');
  },
});
