import type { ErrorExplanation } from '../errors/explain-error';
import type { FallbackRequest } from '../request/fallback-request';

/**
 * `fallback`: the primary failed. `voicemail`: a caller left a message in recovery.
 * `error-event`: Twilio logged an error of the account (Event Streams, `/events`).
 */
export type AlertKind = 'fallback' | 'voicemail' | 'error-event';

/** Twilio's log level of an error, where known (Event Streams). */
export type AlertLevel = 'INFO' | 'WARNING' | 'ERROR';

/**
 * What an alert is about, before flood control and formatting. Everything here is
 * safe to send to the on-call person: the ErrorUrl is redacted, contact fields are
 * reduced to characters a phone number or SIP/client address uses.
 */
export interface Alert {
  readonly kind: AlertKind;
  /** ISO 8601, when the fallback handled the request. */
  readonly time: string;
  readonly errorCode: number | null;
  readonly errorName: string;
  readonly explanation: string;
  readonly docsUrl: string;
  /** `ErrorUrl` redacted (redactUrl: query values, credentials, token-like path segments). */
  readonly errorUrl: string | null;
  /** Host (and port) of `ErrorUrl`: the failing server. */
  readonly failingHost: string | null;
  readonly callSid: string | null;
  readonly messageSid: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly recordingUrl: string | null;
  readonly recordingSeconds: number | null;
  /**
   * Flood-control key (error code and failing host); `null` for alerts that are
   * never suppressed (each voicemail is a caller waiting for an answer).
   */
  readonly floodKey: string | null;
  /** For `error-event`: how many events this one alert stands for, over how many seconds. */
  readonly occurrences?: { readonly count: number; readonly seconds: number };
  /** For `error-event`: the level Twilio logged. */
  readonly level?: AlertLevel;
}

/** Caller IDs are E.164, `client:name`, `sip:user@host`, or short codes: nothing else gets through. */
const CONTACT = /^[A-Za-z0-9+:@._-]{1,64}$/;

export function safeContact(value: string | undefined): string | null {
  return value !== undefined && CONTACT.test(value) ? value : null;
}

/**
 * One key per error code and failing host. Kept to characters a Sync item key
 * takes without escaping, and below its 256-character limit (a longer key is
 * refused with error 54209): at most 200 for the host, plus `tally:`, the code and `@`.
 */
export function floodKeyOf(code: number | null, host: string | null): string {
  const safeHost = (host ?? 'unknown-host').replace(/[^a-z0-9.:_-]/g, '_').slice(0, 200);
  return `${code ?? 'no-code'}@${safeHost}`;
}

export function fallbackAlert(request: FallbackRequest, nowMs: number): Alert {
  const { error, errorUrl } = request;
  const failingHost = errorUrl?.failingHost ?? null;
  return {
    kind: 'fallback',
    time: new Date(nowMs).toISOString(),
    errorCode: error.code,
    errorName: error.name,
    explanation: `${error.cause} ${error.check}`,
    docsUrl: error.docsUrl,
    errorUrl: errorUrl?.redacted ?? null,
    failingHost,
    callSid: request.callSid ?? null,
    messageSid: request.messageSid ?? null,
    from: safeContact(request.from),
    to: safeContact(request.to),
    recordingUrl: null,
    recordingSeconds: null,
    floodKey: floodKeyOf(error.code, failingHost),
  };
}

export interface VoicemailDetails {
  readonly callSid: string | null;
  readonly caller: string | null;
  readonly recordingUrl: string;
  readonly recordingSeconds: number | null;
  /** The error that sent the call to voicemail. */
  readonly explanation: ErrorExplanation;
}

export function voicemailAlert(details: VoicemailDetails, nowMs: number): Alert {
  return {
    kind: 'voicemail',
    time: new Date(nowMs).toISOString(),
    errorCode: details.explanation.code,
    errorName: details.explanation.name,
    explanation: 'A caller left a voicemail while the primary was failing.',
    docsUrl: details.explanation.docsUrl,
    errorUrl: null,
    failingHost: null,
    callSid: details.callSid,
    messageSid: null,
    from: details.caller,
    to: null,
    recordingUrl: details.recordingUrl,
    recordingSeconds: details.recordingSeconds,
    floodKey: null,
  };
}
