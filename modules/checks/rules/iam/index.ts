/** The rules on IAM roles and policies: every rule exported here is in the pack. */
export * from './no-admin-managed-policy';
export * from './no-admin-statements';
export * from './no-aws-managed-policies';
export * from './no-decrypt-on-all-keys';
export * from './no-inline-policies';
export * from './no-risky-actions-on-all';
export * from './no-service-wildcards';
export * from './no-wildcard-resources';
export * from './pass-role-scoped';
export * from './trust-not-public';
export * from './trust-not-whole-account';
export * from './policy-valid';
