/**
 * THE table of how Twilio classifies a failed webhook request: each failure mode the
 * emulator can observe, and the error code Twilio reports for it (the `ErrorCode` a
 * Fallback URL receives). Codes, names and advice live in src/errors/catalog.ts; this
 * table only says which code a failure gets.
 *
 * `inferred: true` marks a mapping Twilio does not document (its error pages name
 * the code, not which failure earns it). Correct a row here and the emulator, its tests
 * and the README troubleshooting table follow.
 */
import { errorDocsUrl, lookupTwilioError } from '../../src/errors/catalog';

export interface FailureModeSpec {
  /** The Twilio error code this failure is reported as. */
  readonly code: number;
  /** True where the mode → code mapping is not documented by Twilio. */
  readonly inferred: boolean;
  /** The failure, as a person would describe what the URL did. */
  readonly description: string;
  /** The Twilio page this row rests on. */
  readonly source: string;
}

/** Twilio's page on how it treats each answer (MIME types, redirects, TwiML). */
const YOUR_RESPONSE_PAGE = 'https://www.twilio.com/docs/voice/twiml/your-response';
/** Twilio's page on connection overrides (timeouts, retries). */
const CONNECTION_OVERRIDES_PAGE =
  'https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides';

export const FAILURE_MODES = {
  'http-error-status': {
    // 11217 "HTTP error response code" (twilio.com/docs/api/errors/11217) names this
    // failure more precisely, but Twilio does not say when a fallback receives it
    // instead of 11200, which its fallback pages name for any 4xx/5xx: kept generic.
    code: 11200,
    inferred: false,
    description: 'answered with HTTP 4xx or 5xx',
    source: errorDocsUrl(11200),
  },
  'connection-refused': {
    // 11202 "TCP connection refused" exists in Twilio's dictionary; the fallback's
    // ErrorCode for it is not documented, while 11205's page covers any failure to
    // connect (twilio.com/docs/api/errors/11205): kept generic.
    code: 11205,
    inferred: false,
    description: 'refused the connection (nothing listening)',
    source: errorDocsUrl(11205),
  },
  'connect-timeout': {
    // 11201 "TCP connection timed out" exists; 11205's page describes exactly this
    // (two 5 s connect attempts), so 11205 is what the fallback is documented to see.
    code: 11205,
    inferred: false,
    description: 'did not accept the connection within ct',
    source: errorDocsUrl(11205),
  },
  'read-timeout': {
    code: 11205,
    inferred: false,
    description: 'accepted the connection but sent nothing for rt',
    source: errorDocsUrl(11205),
  },
  'connection-failed': {
    code: 11205,
    inferred: true,
    description: 'reset the connection or was unreachable',
    source: errorDocsUrl(11205),
  },
  'total-timeout': {
    // Twilio's connection-overrides page: tt expiring is error 11203.
    code: 11203,
    inferred: true,
    description: 'was still answering when tt (total time) ran out',
    source: CONNECTION_OVERRIDES_PAGE,
  },
  'dns-failure': {
    code: 11210,
    inferred: true,
    description: 'has a host name that does not resolve',
    source: errorDocsUrl(11210),
  },
  'protocol-violation': {
    code: 11206,
    inferred: true,
    description: 'answered with something that is not HTTP',
    source: errorDocsUrl(11206),
  },
  'too-many-redirects': {
    code: 11215,
    inferred: true,
    description: 'redirected (HTTP 3xx) too many times',
    source: errorDocsUrl(11215),
  },
  'invalid-redirect': {
    // https://www.twilio.com/docs/api/errors/11216: a 3xx other than 301, 302, 303, 307,
    // or one without a Location. A Location that is not http(s) (ftp:, file:,
    // javascript:) cannot be fetched either: the same code, inferred.
    code: 11216,
    inferred: true,
    description:
      'redirected in a way Twilio does not follow (a 300 or 308, no Location, or a URL that is not http(s))',
    source: errorDocsUrl(11216),
  },
  'invalid-twiml-url': {
    // https://www.twilio.com/docs/api/errors/11100 lists "Bad URL in Play or Redirect
    // Verb Body" and a bad action attribute; that it reaches the fallback is inferred.
    code: 11100,
    inferred: true,
    description: 'is a <Redirect> or action URL that is not an absolute http(s) URL',
    source: errorDocsUrl(11100),
  },
  'tls-handshake': {
    code: 11220,
    inferred: true,
    description: 'failed the TLS handshake',
    source: errorDocsUrl(11220),
  },
  'cert-wrong-host': {
    code: 11235,
    inferred: true,
    description: 'served a certificate for another host name',
    source: errorDocsUrl(11235),
  },
  'cert-expired': {
    code: 11236,
    inferred: true,
    description: 'served an expired certificate',
    source: errorDocsUrl(11236),
  },
  'cert-untrusted': {
    code: 11237,
    inferred: true,
    description: 'served a self-signed or untrusted certificate',
    source: errorDocsUrl(11237),
  },
  'body-too-large': {
    code: 11750,
    inferred: true,
    description: 'answered with more than 64 kB',
    source: errorDocsUrl(11750),
  },
  'wrong-content-type': {
    code: 12300,
    inferred: true,
    description:
      'answered with a Content-Type Twilio does not execute (application/json, say), or none',
    source: YOUR_RESPONSE_PAGE,
  },
  'not-well-formed': {
    code: 12100,
    inferred: false,
    description: 'answered with XML that is not well-formed',
    source: errorDocsUrl(12100),
  },
  'wrong-root': {
    code: 12100,
    inferred: false,
    description: 'answered with XML whose root is not <Response>',
    source: errorDocsUrl(12100),
  },
} as const satisfies Record<string, FailureModeSpec>;

export type FailureMode = keyof typeof FAILURE_MODES;

export const FAILURE_MODE_NAMES = Object.keys(FAILURE_MODES) as FailureMode[];

export function errorCodeOf(mode: FailureMode): number {
  return FAILURE_MODES[mode].code;
}

/** The catalog's name for a code, or a neutral label for one the catalog lacks. */
export function errorNameOf(code: number): string {
  return lookupTwilioError(code)?.name ?? `Twilio error ${code}`;
}

/** What to check first when a URL failed this way. */
export function checkFor(mode: FailureMode): string {
  const spec: FailureModeSpec = FAILURE_MODES[mode];
  return (
    lookupTwilioError(spec.code)?.check ??
    'Read Twilio’s page for the code and the Debugger entry for the call.'
  );
}
