import { Rule } from './rule';
import { sqsQueueEncrypted } from './rules/sqs-queue-encrypted';
import { sqsQueueAwsManagedKey } from './rules/sqs-queue-aws-managed-key';
import { sqsQueuePolicyNotPublic } from './rules/sqs-queue-policy-not-public';
import { sqsQueuePolicyNoWildcardActions } from './rules/sqs-queue-policy-no-wildcard-actions';
import { sqsQueueTlsOnly } from './rules/sqs-queue-tls-only';
import { sqsQueueHasDlq } from './rules/sqs-queue-has-dlq';
import { sqsQueueLimits } from './rules/sqs-queue-limits';
import { sqsDlqSameType } from './rules/sqs-dlq-same-type';
import { sqsDlqSameRegion } from './rules/sqs-dlq-same-region';
import { sqsDlqRetention } from './rules/sqs-dlq-retention';
import { sqsMaxReceiveCount } from './rules/sqs-max-receive-count';
import { sqsOnePolicyPerQueue } from './rules/sqs-one-policy-per-queue';
import { sqsQueuePolicyAllowsSenders } from './rules/sqs-queue-policy-allows-senders';
import { snsTopicEncrypted } from './rules/sns-topic-encrypted';
import { snsTopicAwsManagedKey } from './rules/sns-topic-aws-managed-key';
import { snsTopicPolicyNotPublic } from './rules/sns-topic-policy-not-public';
import { snsTopicPolicyCrossAccount } from './rules/sns-topic-policy-cross-account';
import { snsTopicTlsOnly } from './rules/sns-topic-tls-only';
import { snsSubscriptionHasDlq } from './rules/sns-subscription-has-dlq';
import { snsDeliveryStatusLogging } from './rules/sns-delivery-status-logging';
import { snsTopicLimits } from './rules/sns-topic-limits';
import { snsSubscriptionLimits } from './rules/sns-subscription-limits';
import { snsSubscriptionEndpointType } from './rules/sns-subscription-endpoint-type';
import { snsSubscriptionDlq } from './rules/sns-subscription-dlq';
import { snsOnePolicyPerTopic } from './rules/sns-one-policy-per-topic';
import { snsTopicPolicyAllowsPublishers } from './rules/sns-topic-policy-allows-publishers';
import { snsFilterScopeForEventBridge } from './rules/sns-filter-scope-for-eventbridge';
import { eventBridgeBusNotOpen } from './rules/eventbridge-bus-not-open';
import { eventBridgeTargetHasDlq } from './rules/eventbridge-target-has-dlq';
import { eventBridgeBusHasPolicy } from './rules/eventbridge-bus-has-policy';
import { eventBridgeBusLimits } from './rules/eventbridge-bus-limits';
import { eventBridgeRuleLimits } from './rules/eventbridge-rule-limits';
import { eventBridgeTargetLimits } from './rules/eventbridge-target-limits';
import { eventBridgeTargetDlq } from './rules/eventbridge-target-dlq';
import { eventBridgeFifoTargetGroup } from './rules/eventbridge-fifo-target-group';
import { dynamoDbPitr } from './rules/dynamodb-pitr';
import { dynamoDbCustomerKey } from './rules/dynamodb-customer-key';
import { dynamoDbCapacityScaling } from './rules/dynamodb-capacity-scaling';
import { dynamoDbDeletionProtection } from './rules/dynamodb-deletion-protection';
import { dynamoDbTableLimits } from './rules/dynamodb-table-limits';
import { dynamoDbStreamReaders } from './rules/dynamodb-stream-readers';
import { dynamoDbStreamEnabled } from './rules/dynamodb-stream-enabled';
import { lambdaTracing } from './rules/lambda-tracing';
import { lambdaAsyncFailureDestination } from './rules/lambda-async-failure-destination';
import { lambdaReservedConcurrency } from './rules/lambda-reserved-concurrency';
import { lambdaInVpc } from './rules/lambda-in-vpc';
import { lambdaEnvironmentKey } from './rules/lambda-environment-key';
import { lambdaNoSecretsInEnvironment } from './rules/lambda-no-secrets-in-environment';
import { lambdaCodeSigning } from './rules/lambda-code-signing';
import { lambdaDeprecatedRuntime } from './rules/lambda-deprecated-runtime';
import { lambdaLatestRuntime } from './rules/lambda-latest-runtime';
import { lambdaPermissionNotPublic } from './rules/lambda-permission-not-public';
import { lambdaPermissionSourceArn } from './rules/lambda-permission-source-arn';
import { lambdaMemoryAndTimeout } from './rules/lambda-memory-and-timeout';
import { lambdaFunctionLimits } from './rules/lambda-function-limits';
import { lambdaEventSourceMappingLimits } from './rules/lambda-event-source-mapping-limits';
import { lambdaSqsVisibilityTimeout } from './rules/lambda-sqs-visibility-timeout';
import { lambdaSqsVisibilitySixTimes } from './rules/lambda-sqs-visibility-six-times';
import { lambdaStreamFailureHandling } from './rules/lambda-stream-failure-handling';
import { lambdaBatchItemFailures } from './rules/lambda-batch-item-failures';
import { lambdaSqsConsumerConcurrency } from './rules/lambda-sqs-consumer-concurrency';
import { lambdaRoleAllowsDestinations } from './rules/lambda-role-allows-destinations';
import { lambdaInvokePermissions } from './rules/lambda-invoke-permissions';
import { pipesSourceLimits } from './rules/pipes-source-limits';
import { pipesStreamFailureHandling } from './rules/pipes-stream-failure-handling';
import { pipesRoleAllowsDelivery } from './rules/pipes-role-allows-delivery';
import { kmsKeyRotation } from './rules/kms-key-rotation';
import { kmsKeyPolicyNotPublic } from './rules/kms-key-policy-not-public';
import { kmsKeyEnabled } from './rules/kms-key-enabled';
import { kmsKeyPolicyDefined } from './rules/kms-key-policy-defined';
import { kmsKeyLimits } from './rules/kms-key-limits';
import { kmsKeyAdmitsPublishers } from './rules/kms-key-admits-publishers';
import { iamTrustNotPublic } from './rules/iam-trust-not-public';
import { iamTrustNotWholeAccount } from './rules/iam-trust-not-whole-account';
import { iamNoAdminManagedPolicy } from './rules/iam-no-admin-managed-policy';
import { iamNoAdminStatements } from './rules/iam-no-admin-statements';
import { iamNoServiceWildcards } from './rules/iam-no-service-wildcards';
import { iamNoWildcardResources } from './rules/iam-no-wildcard-resources';
import { iamNoRiskyActionsOnAll } from './rules/iam-no-risky-actions-on-all';
import { iamNoDecryptOnAllKeys } from './rules/iam-no-decrypt-on-all-keys';
import { iamPassRoleScoped } from './rules/iam-pass-role-scoped';
import { iamNoAwsManagedPolicies } from './rules/iam-no-aws-managed-policies';
import { iamNoInlinePolicies } from './rules/iam-no-inline-policies';
import { apiGatewayAccessLogging } from './rules/apigateway-access-logging';
import { apiGatewayRouteAuthorization } from './rules/apigateway-route-authorization';
import { apiGatewayNoDataTrace } from './rules/apigateway-no-data-trace';
import { terraformNoReferenceCycles } from './rules/terraform-no-reference-cycles';
import { terraformReferencesDeclared } from './rules/terraform-references-declared';
import { terraformValuesEvaluated } from './rules/terraform-values-evaluated';
import { terraformModulesAndData } from './rules/terraform-modules-and-data';
import { routingAnalysis } from './rules/routing-analysis';

/** Every rule of the pack, by service and ID. */
export const allRules: readonly Rule[] = [
  sqsQueueEncrypted,
  sqsQueueAwsManagedKey,
  sqsQueuePolicyNotPublic,
  sqsQueuePolicyNoWildcardActions,
  sqsQueueTlsOnly,
  sqsQueueHasDlq,
  sqsQueueLimits,
  sqsDlqSameType,
  sqsDlqSameRegion,
  sqsDlqRetention,
  sqsMaxReceiveCount,
  sqsOnePolicyPerQueue,
  sqsQueuePolicyAllowsSenders,
  snsTopicEncrypted,
  snsTopicAwsManagedKey,
  snsTopicPolicyNotPublic,
  snsTopicPolicyCrossAccount,
  snsTopicTlsOnly,
  snsSubscriptionHasDlq,
  snsDeliveryStatusLogging,
  snsTopicLimits,
  snsSubscriptionLimits,
  snsSubscriptionEndpointType,
  snsSubscriptionDlq,
  snsOnePolicyPerTopic,
  snsTopicPolicyAllowsPublishers,
  snsFilterScopeForEventBridge,
  eventBridgeBusNotOpen,
  eventBridgeTargetHasDlq,
  eventBridgeBusHasPolicy,
  eventBridgeBusLimits,
  eventBridgeRuleLimits,
  eventBridgeTargetLimits,
  eventBridgeTargetDlq,
  eventBridgeFifoTargetGroup,
  dynamoDbPitr,
  dynamoDbCustomerKey,
  dynamoDbCapacityScaling,
  dynamoDbDeletionProtection,
  dynamoDbTableLimits,
  dynamoDbStreamReaders,
  dynamoDbStreamEnabled,
  lambdaTracing,
  lambdaAsyncFailureDestination,
  lambdaReservedConcurrency,
  lambdaInVpc,
  lambdaEnvironmentKey,
  lambdaNoSecretsInEnvironment,
  lambdaCodeSigning,
  lambdaDeprecatedRuntime,
  lambdaLatestRuntime,
  lambdaPermissionNotPublic,
  lambdaPermissionSourceArn,
  lambdaMemoryAndTimeout,
  lambdaFunctionLimits,
  lambdaEventSourceMappingLimits,
  lambdaSqsVisibilityTimeout,
  lambdaSqsVisibilitySixTimes,
  lambdaStreamFailureHandling,
  lambdaBatchItemFailures,
  lambdaSqsConsumerConcurrency,
  lambdaRoleAllowsDestinations,
  lambdaInvokePermissions,
  pipesSourceLimits,
  pipesStreamFailureHandling,
  pipesRoleAllowsDelivery,
  kmsKeyRotation,
  kmsKeyPolicyNotPublic,
  kmsKeyEnabled,
  kmsKeyPolicyDefined,
  kmsKeyLimits,
  kmsKeyAdmitsPublishers,
  iamTrustNotPublic,
  iamTrustNotWholeAccount,
  iamNoAdminManagedPolicy,
  iamNoAdminStatements,
  iamNoServiceWildcards,
  iamNoWildcardResources,
  iamNoRiskyActionsOnAll,
  iamNoDecryptOnAllKeys,
  iamPassRoleScoped,
  iamNoAwsManagedPolicies,
  iamNoInlinePolicies,
  apiGatewayAccessLogging,
  apiGatewayRouteAuthorization,
  apiGatewayNoDataTrace,
  terraformNoReferenceCycles,
  terraformReferencesDeclared,
  terraformValuesEvaluated,
  terraformModulesAndData,
  routingAnalysis,
];

/** The rules run unless told otherwise: every rule not marked `optional`. */
export const defaultRules: readonly Rule[] = allRules.filter((r) => !r.optional);

/** Rules by ID. */
export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.id === id);
}
