export * from './stream-with-consumers';
export type { StreamLambdaConsumer, StreamLambdaConsumerProps } from './lambda-consumer';
