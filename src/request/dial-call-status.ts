/**
 * `DialCallStatus` values Twilio sends to a `<Dial action>`: how the dialled leg ended.
 * https://www.twilio.com/docs/voice/twiml/dial#dialcallstatus
 */

/** The dialled party answered and the call then ended normally. */
export const DIAL_COMPLETED = 'completed';

/** Statuses that mean nobody took the dialled call (the caller is still on the line). */
export const UNANSWERED_DIAL_STATUSES: ReadonlySet<string> = new Set([
  'busy',
  'no-answer',
  'failed',
  'canceled',
]);
