import { endpointOfUrl } from '../recovery/fallback-location';
import { RECOVERY_STEP_PARAM } from '../recovery/recovery-steps';
import { readHttpUrl } from './http-url';
import { redactParsedUrl, redactUrl } from './redact-url';

/**
 * `ErrorUrl` (the URL Twilio failed to fetch), parsed once per request into
 * everything the fallback reads from it: the log line and the alert (redacted),
 * flood control (the failing host), and the recovery loop guard (the endpoint,
 * and whether it is one of this fallback's own recovery callbacks).
 */
export interface ErrorUrl {
  /** Query values, credentials and token-like path segments redacted (redactUrl). */
  readonly redacted: string;
  /** Host and port, lowercased; `null` when the text is not an http(s) URL. */
  readonly failingHost: string | null;
  /** Host name and path, for "same endpoint" comparisons (endpointOf). */
  readonly endpoint: string | undefined;
  /** The query carries the `recoveryStep` flag: one of this fallback's own callback URLs. */
  readonly carriesRecoveryStep: boolean;
}

/** `undefined` when the parameter is missing or blank. */
export function readErrorUrl(raw: string | undefined): ErrorUrl | undefined {
  const url = readHttpUrl(raw);
  if (url === 'missing') return undefined;
  if (typeof url === 'string') {
    return {
      redacted: redactUrl(raw) ?? '',
      failingHost: null,
      endpoint: undefined,
      carriesRecoveryStep: false,
    };
  }
  return {
    redacted: redactParsedUrl(url),
    failingHost: url.host.toLowerCase(),
    endpoint: endpointOfUrl(url),
    carriesRecoveryStep: url.searchParams.has(RECOVERY_STEP_PARAM),
  };
}
