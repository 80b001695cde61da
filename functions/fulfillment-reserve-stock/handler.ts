import { reserveStock } from '../fulfillment/steps';

/** Lambda handler of the workflow's reserve-stock step: the payload is one SQS record. */
export const handler = (record: Parameters<typeof reserveStock>[0]) => reserveStock(record);
