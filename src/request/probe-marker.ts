import { readParam, type RawEvent } from './read-param';

/**
 * The request parameter that marks a synthetic request from this project's own
 * tools (`npm run probe`, `npm run simulate`, the audit's probe): the fallback
 * answers it exactly as it would answer Twilio, so the probe checks the real
 * answer, but logs it as a probe and neither alerts nor touches flood control
 * (a probe's `ErrorCode` is made up: paging on it would be a false page, and
 * taking the flood window would hide the next real failure).
 *
 * Why a parameter can be trusted: deployed, the fallback is a `.protected`
 * Function, and Twilio's gateway refuses any request whose `X-Twilio-Signature`
 * does not match (https://www.twilio.com/docs/serverless/functions-assets/visibility).
 * The signature covers the full URL and every POST parameter
 * (https://www.twilio.com/docs/usage/webhooks/webhooks-security), so the marker
 * can only come from someone holding the auth token: the tools sign with it, and
 * Twilio itself never adds the parameter, so a real failure is never marked.
 * The local dev server (`npm start`, twilio-run) checks no signatures: there
 * anyone who can reach it can mark a request, which silences only that request.
 */
export const PROBE_MARKER_PARAM = 'FallbackGuardProbe';

/** The marker's one accepted value. */
export const PROBE_MARKER_VALUE = '1';

/** The marker as request parameters, for the tools to merge into what they sign. */
export const PROBE_MARKER_PARAMS: Readonly<Record<string, string>> = {
  [PROBE_MARKER_PARAM]: PROBE_MARKER_VALUE,
};

/**
 * The same marker for an Event Streams delivery replayed by `npm run simulate --
 * --events-url`: a CloudEvents extension attribute (lowercase letters, as the
 * CloudEvents spec requires of extension names) on each event. Trustworthy for the
 * same reason: the body is covered by the `bodySHA256` parameter of the URL Twilio
 * signs (https://www.twilio.com/docs/usage/webhooks/webhooks-security), and Twilio
 * never sends this attribute itself.
 */
export const PROBE_EVENT_EXTENSION = 'fallbackguardprobe';

export function isProbeRequest(event: RawEvent): boolean {
  return readParam(event, PROBE_MARKER_PARAM)?.trim() === PROBE_MARKER_VALUE;
}
