// The naive way: one import of the provider package root, type-checked.
import * as aws from '@cdktf/provider-aws';

export const provider = aws.provider.AwsProvider;
