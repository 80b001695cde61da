import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { lazyJsonDocument } from './json-document';
import { policyDocument, PolicyStatement } from './policy';

/**
 * An IAM identity that can be granted access: the `grant…` methods of the
 * queue, topic, bus and table add the identity-policy statements they need
 * (and the key statements, where a customer managed key encrypts them), so
 * callers never write the policy JSON.
 */
export interface IGrantee {
  /** Adds a statement to the identity's policy; a statement already there is not added again. */
  addToPrincipalPolicy(statement: PolicyStatement): void;
}

/**
 * The statements granted to one identity, gathered into one document and
 * deduplicated by content: granting the same thing twice adds nothing.
 */
export class GrantedStatements {
  private readonly list: PolicyStatement[] = [];
  private readonly seen = new Set<string>();

  /** Adds a statement unless one with the same content is there. */
  add(statement: PolicyStatement): void {
    const key = JSON.stringify(statement);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(statement);
  }

  /** The statements so far, in the order granted. */
  get statements(): readonly PolicyStatement[] {
    return this.list;
  }
}

/** Props of a {@link RoleGrantee}. */
export interface RoleGranteeProps {
  /** Name of the IAM role (`aws_iam_role.name`); the role may be made elsewhere. */
  readonly roleName: string;
  /** Name of the inline policy that holds the grants. AWS limit: 1–128 characters. @default 'granted-access' */
  readonly policyName?: string;
}

/**
 * A role as a grantee: one inline policy (`aws_iam_role_policy`) on the role
 * holds every statement granted to it, written at synth so that grants made
 * after construction are included.
 */
export class RoleGrantee extends Construct implements IGrantee {
  /** The inline policy holding the grants. */
  readonly policy: IamRolePolicy;
  private readonly granted = new GrantedStatements();

  constructor(scope: Construct, id: string, props: RoleGranteeProps) {
    super(scope, id);
    this.policy = new IamRolePolicy(this, 'Policy', {
      role: props.roleName,
      name: props.policyName ?? 'granted-access',
      policy: lazyJsonDocument(() => policyDocument([...this.granted.statements])),
    });
  }

  /** Adds a statement to the role's granted-access policy. */
  addToPrincipalPolicy(statement: PolicyStatement): void {
    this.granted.add(statement);
  }
}

/** Grants `statements` to `grantee`. */
export function grantTo(grantee: IGrantee, statements: readonly PolicyStatement[]): void {
  for (const statement of statements) grantee.addToPrincipalPolicy(statement);
}

/** The identity statement that lets a grantee use a customer managed key for `actions`; none without a key. */
export function keyGrant(sid: string, kmsKeyArn: string | undefined, actions: string[]): PolicyStatement[] {
  return kmsKeyArn ? [{ Sid: sid, Effect: 'Allow', Action: actions, Resource: kmsKeyArn }] : [];
}
