import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { awsContext } from '../../core/aws-context';
import { jsonDocument } from '../../core/json-document';
import { policyDocument, PolicyStatement } from '../../core/policy';
import { IEventBusRule, RuleTargetPlace } from '../rule-target';

/** The service principal of EventBridge, which delivers to every target. */
export const EVENTBRIDGE_PRINCIPAL = 'events.amazonaws.com';

/**
 * A role that EventBridge may assume for `rule` only (its ARN and account in
 * the trust policy), allowed one action on one resource; returns its ARN.
 * Made in the rule as `<place.id>-Role` and `<place.id>-RolePolicy`;
 * `extra` statements (a key the delivery needs) join the one action.
 */
export function targetRole(rule: IEventBusRule, place: RuleTargetPlace, action: string, resource: string, purpose: string, extra: PolicyStatement[] = []): string {
  const ctx = awsContext(rule);
  const role = new IamRole(rule, `${place.id}-Role`, {
    description: `Lets EventBridge rule ${rule.givenName} ${purpose}`,
    assumeRolePolicy: jsonDocument({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowEventBridgeForThisRuleOnly',
          Effect: 'Allow',
          Principal: { Service: EVENTBRIDGE_PRINCIPAL },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'aws:SourceAccount': ctx.accountId },
            ArnEquals: { 'aws:SourceArn': rule.ruleArn },
          },
        },
      ],
    }),
    tags: rule.resourceTags,
  });
  new IamRolePolicy(rule, `${place.id}-RolePolicy`, {
    role: role.id,
    name: action.replace(':', '-'),
    policy: jsonDocument(policyDocument([{ Sid: 'AllowTargetActionOnly', Effect: 'Allow', Action: action, Resource: resource }, ...extra])),
  });
  return role.arn;
}
