export { QueueSubscription } from './queue';
export { LambdaSubscription } from './lambda';
export { HttpsSubscription } from './https';
export { EmailSubscription } from './email';
