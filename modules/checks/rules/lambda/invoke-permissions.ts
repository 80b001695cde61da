import { Problem, Rule } from '../../rule';
import { literal } from '../../../core/values';

/**
 * Every AWS service that invokes a function (an EventBridge target, an SNS
 * subscription) has an `aws_lambda_permission` for it, for that source:
 * without it, every invocation is refused at run time.
 */
export const lambdaInvokePermissions: Rule = {
  id: 'EDA-LAMBDA-021',
  service: 'Lambda',
  severity: 'error',
  title: 'Functions that EventBridge rules or SNS topics invoke have a permission for that source',
  publicIds: {},
  evaluate(graph) {
    const problems: Problem[] = [];
    for (const d of graph.deliveries()) {
      if (d.destination.type !== 'aws_lambda_function' && d.destination.type !== 'aws_lambda_alias') continue;
      const fn = d.destination.type === 'aws_lambda_alias' ? graph.lambdaFunction(d.destination.config.function_name) : d.destination;
      if (!fn) continue;
      const permissions = graph
        .referencesTo(fn, 'aws_lambda_permission')
        .filter((r) => r.argument === 'function_name')
        .map((r) => r.from)
        .filter((p) => literal(p.config.principal) === d.service || p.config.principal === '*');
      const source = d.source;
      const forSource = permissions.some((p) => p.config.source_arn === undefined || !source || graph.ref(p.config.source_arn) === source || literal(p.config.source_arn) !== undefined);
      if (forSource) continue;
      const sourceName = source ? graph.label(source) : 'its source';
      problems.push({
        resource: d.via,
        message: `${d.service} invokes ${graph.label(fn)} for ${sourceName}, but no aws_lambda_permission allows it${permissions.length > 0 ? ' for that source' : ''}`,
        fix: `add an aws_lambda_permission with principal ${d.service}, action lambda:InvokeFunction and source_arn = the ARN of ${sourceName}`,
      });
    }
    return problems;
  },
};
