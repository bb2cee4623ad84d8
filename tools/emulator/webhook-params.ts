/**
 * The form parameters Twilio sends with an inbound call or message webhook, with
 * realistic values, so a primary sees what it would see in production.
 */
import { randomBytes } from 'node:crypto';
import { PROBE_MARKER_PARAMS } from '../../src/request/probe-marker';
import type { WebhookKind } from '../../src/request/webhook-request';

export type { WebhookKind };

/**
 * Signs requests when no auth token is given. Not a secret: it only has to match the
 * token a local server (`npm start`) is configured with, which is none at all.
 */
export const LOCAL_TEST_AUTH_TOKEN = 'local-emulator-auth-token-0000000';

/** A syntactically valid, obviously fake Account SID. */
export const EMULATOR_ACCOUNT_SID = `AC${'0'.repeat(31)}e`;

export const DEFAULT_FROM = '+14155550100';
export const DEFAULT_TO = '+14155550199';
export const DEFAULT_SMS_BODY = 'Hello from the fallback emulator';

export interface WebhookIdentity {
  readonly kind: WebhookKind;
  readonly from?: string;
  readonly to?: string;
  readonly body?: string;
  /**
   * Mark every request as a probe (default): the fallback answers it exactly as it
   * would answer Twilio but pages nobody. `false` plays Twilio exactly, alerts
   * included (end-to-end tests of the alert path).
   */
  readonly probe?: boolean;
}

function sid(prefix: 'CA' | 'SM' | 'RE'): string {
  return prefix + randomBytes(16).toString('hex');
}

/**
 * Parameters of the first request of a call or message. Unless told otherwise, every
 * request the emulator sends carries the probe marker among the signed parameters:
 * the fallback then answers exactly as for Twilio but pages nobody
 * (src/request/probe-marker.ts).
 */
export function initialWebhookParams(identity: WebhookIdentity): Record<string, string> {
  const from = identity.from ?? DEFAULT_FROM;
  const to = identity.to ?? DEFAULT_TO;
  const common = {
    AccountSid: EMULATOR_ACCOUNT_SID,
    ApiVersion: '2010-04-01',
    From: from,
    To: to,
    ...(identity.probe === false ? {} : PROBE_MARKER_PARAMS),
  };
  if (identity.kind === 'voice') {
    return {
      ...common,
      CallSid: sid('CA'),
      CallStatus: 'ringing',
      Direction: 'inbound',
      Caller: from,
      Called: to,
    };
  }
  const messageSid = sid('SM');
  return {
    ...common,
    MessageSid: messageSid,
    SmsMessageSid: messageSid,
    SmsSid: messageSid,
    SmsStatus: 'received',
    Body: identity.body ?? DEFAULT_SMS_BODY,
    NumMedia: '0',
    NumSegments: '1',
  };
}

/** Parameters of a later request in the same call (`<Redirect>`, an action URL). */
export function followUpParams(initial: Record<string, string>): Record<string, string> {
  return 'CallStatus' in initial ? { ...initial, CallStatus: 'in-progress' } : { ...initial };
}

/** What Twilio adds when a `<Gather>` collected digits. */
export function gatherActionParams(digits: string): Record<string, string> {
  return { Digits: digits, FinishedOnKey: '' };
}

/** What Twilio adds when a `<Record>` ended because the caller pressed a key. */
export function recordActionParams(digits: string, accountSid: string): Record<string, string> {
  const recordingSid = sid('RE');
  return {
    Digits: digits,
    RecordingSid: recordingSid,
    RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Recordings/${recordingSid}`,
    RecordingDuration: '3',
  };
}
