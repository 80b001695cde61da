import { shape, SHAPES } from '../core/shape';

/** The shape of {@link DeadLetterQueueProps}, checked before any value. */
export const DEAD_LETTER_QUEUE_PROPS = shape.object(
  {
    name: shape.string,
    fifo: shape.boolean,
    retentionSeconds: shape.number,
    encryption: SHAPES.queueEncryption,
    alarm: SHAPES.depthAlarm,
    tags: SHAPES.tags,
  },
  ['name'],
);
