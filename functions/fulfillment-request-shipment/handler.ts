import { requestShipment } from '../fulfillment/steps';

/** Lambda handler of the workflow's request-shipment step: the payload is the reservation. */
export const handler = (reservation: Parameters<typeof requestShipment>[0]) => requestShipment(reservation);
