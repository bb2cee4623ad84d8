import { readParam, readSid, readStatusToken, type RawEvent } from './read-param';

/** What a webhook is about: a call or a message. Defined once, for the Functions and the tools. */
export type WebhookKind = 'voice' | 'sms';

/** The parts of a Twilio voice or messaging webhook the Functions act on. */
export interface WebhookRequest {
  readonly kind: WebhookKind;
  readonly callSid?: string;
  readonly messageSid?: string;
  readonly from?: string;
  readonly to?: string;
  /** `inbound`, `outbound-api`, `outbound-dial` (voice only). */
  readonly direction?: string;
  /** Set on a `<Dial action>` request: how the forwarded call ended. */
  readonly dialCallStatus?: string;
}

/**
 * One URL serves both a number's Voice URL and SMS URL: a message carries
 * `MessageSid` (or the legacy `SmsSid`) and no `CallSid`. Anything else, including a
 * bare request with no parameters, is treated as a call: a voice answer is the safe
 * default because a caller hears silence otherwise.
 */
export function readWebhookRequest(event: RawEvent): WebhookRequest {
  const callSid = readSid(event, 'CallSid');
  const messageSid =
    readSid(event, 'MessageSid') ?? readSid(event, 'SmsMessageSid') ?? readSid(event, 'SmsSid');
  const kind: WebhookKind = callSid === undefined && messageSid !== undefined ? 'sms' : 'voice';
  return {
    kind,
    callSid,
    messageSid,
    from: readParam(event, 'From')?.trim(),
    to: readParam(event, 'To')?.trim(),
    direction: readStatusToken(event, 'Direction'),
    dialCallStatus: readStatusToken(event, 'DialCallStatus'),
  };
}
