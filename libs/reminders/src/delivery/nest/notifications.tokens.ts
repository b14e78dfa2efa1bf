/** The BullMQ `Queue` of the `notifications` queue. */
export const NOTIFICATIONS_QUEUE_TOKEN = Symbol.for('directive-engine.NotificationsQueue');
