/**
 * A recorded fact to pass on to one unit: a reminder it was sent or an escalation it is concerned
 * by. The id is the recorded event's, so a receiver sees each notice under one id however often
 * its delivery is retried.
 */
export interface Notice {
  /** The event id. */
  readonly id: string;
  /** `ReminderSent`, `EscalationRaised` or `EscalationLevelRaised`. */
  readonly type: string;
  readonly itemId: string;
  /** The unit the notice is for (the unit concerned, or whoever must act on an escalation). */
  readonly unitId: string;
  /** When the fact was recorded (UTC ISO-8601). */
  readonly recordedAt: string;
  /** The event's data as recorded. */
  readonly data: unknown;
}

/**
 * A way of reaching a unit (a webhook today; e-mail or SMS can follow behind the same port).
 * `deliver` resolves once the recipient has accepted the notice and throws otherwise, so the
 * queue retries it; it must be safe to call again for a notice already delivered (receivers
 * deduplicate by the delivery id). A recipient that no longer wants notices is reported with
 * `RecipientGoneError`, which ends the delivery without a retry and without parking it.
 */
export interface NotificationChannel {
  readonly name: string;
  deliver(notice: Notice, attempt: number): Promise<void>;
}

/** The recipient no longer has this channel (its webhook was removed after the notice was queued). */
export class RecipientGoneError extends Error {
  constructor(
    readonly channel: string,
    readonly unitId: string,
  ) {
    super(`${unitId} no longer receives notices by ${channel}`);
    this.name = 'RecipientGoneError';
  }
}

/**
 * The id of one notice's delivery to one unit through one channel: the BullMQ job id and the
 * `X-Directive-Delivery` header. Deterministic, so dispatching a notice twice queues it once;
 * `|` separates the parts because BullMQ refuses `:` in custom job ids.
 */
export const deliveryIdOf = (notice: Pick<Notice, 'id' | 'unitId'>, channel: string): string => `${notice.id}|${notice.unitId}|${channel}`;
