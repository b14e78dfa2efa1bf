export const FOLLOW_UP_QUEUE_TOKEN = Symbol.for('directive-engine.FollowUpQueue');
/** Optional: `ChannelsOf`, the channels a unit is reached through (default: the inbox). */
export const FOLLOW_UP_CHANNELS = Symbol.for('directive-engine.FollowUpChannels');
/** Optional: `NoticeSink`, where recorded reminders and escalations are passed on (webhooks). */
export const FOLLOW_UP_NOTICE_SINK = Symbol.for('directive-engine.FollowUpNoticeSink');
