import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';

/** Account, partition and region of the stack, read once per stack by data sources. */
export interface AwsContext {
  readonly accountId: string;
  readonly partition: string;
  readonly region: string;
}

const CONTEXT_ID = 'AwsContext';

/** The stack's {@link AwsContext}; the data sources are created on first use only. */
export function awsContext(scope: IConstruct): AwsContext {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(CONTEXT_ID) as ContextHolder | undefined;
  return (existing ?? new ContextHolder(stack)).context;
}

class ContextHolder extends DataAwsCallerIdentity {
  readonly context: AwsContext;
  constructor(stack: TerraformStack) {
    super(stack, CONTEXT_ID);
    const partition = new DataAwsPartition(stack, `${CONTEXT_ID}Partition`);
    const region = new DataAwsRegion(stack, `${CONTEXT_ID}Region`);
    this.context = { accountId: this.accountId, partition: partition.partition, region: region.region };
  }
}
