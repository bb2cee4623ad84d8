/**
 * Twilio error codes a fallback sees, with what they mean for the person on call.
 *
 * Source: Twilio's error dictionary (https://www.twilio.com/docs/api/errors). Rows marked
 * `inferred` are Twilio behaviour that is not documented (that the code reaches the
 * fallback at all); they are kept here, in one table, so they are easy to correct.
 */
export interface TwilioErrorInfo {
  readonly code: number;
  readonly name: string;
  /** The likely cause, in one sentence. */
  readonly cause: string;
  /** What to check first. */
  readonly check: string;
  /** Whether Twilio requests the Fallback URL for this error. */
  readonly triggersFallback: boolean;
  /** True where the fallback behaviour is inferred rather than documented. */
  readonly inferred: boolean;
}

export const TWILIO_ERRORS: readonly TwilioErrorInfo[] = [
  {
    // https://www.twilio.com/docs/api/errors/11100: "Bad URL in Play or Redirect Verb
    // Body", "Bad URL provided for a verb's action attribute".
    code: 11100,
    name: 'Invalid URL format',
    cause:
      'A <Redirect> or an action attribute in the TwiML names a URL that is not absolute http(s).',
    check: 'Use a fully qualified http:// or https:// URL in <Redirect> and action attributes.',
    triggersFallback: true,
    inferred: true,
  },
  {
    code: 11200,
    name: 'HTTP retrieval failure',
    cause: 'The primary URL answered with an HTTP error status (4xx or 5xx).',
    check:
      'Open the primary URL yourself; read its server logs for the failing request; a Twilio Function that threw or ran past 10 s shows as 82002 in the Debugger.',
    triggersFallback: true,
    inferred: false,
  },
  {
    code: 11203,
    name: 'HTTP response exceeded total time',
    cause:
      'The primary was still answering when the total-time budget (#tt override, default 15 s) ran out.',
    check:
      'Make the primary answer faster, or raise #tt on the URL; a slow database or upstream API is the usual cause.',
    triggersFallback: true,
    inferred: true,
  },
  {
    code: 11205,
    name: 'HTTP connection failure',
    cause: 'Twilio could not connect to the primary, or it stopped answering (read timeout).',
    check:
      'Is the server up and reachable from the internet on that port? Is it slow? Check connection overrides (#ct, #rt) on the URL.',
    triggersFallback: true,
    inferred: false,
  },
  {
    code: 11206,
    name: 'HTTP protocol violation',
    cause: 'The primary answered with a malformed HTTP response.',
    check: 'Check proxies and load balancers in front of the app; try the URL with curl -v.',
    triggersFallback: true,
    inferred: true,
  },
  {
    code: 11210,
    name: 'HTTP bad host name',
    cause: 'The primary URL’s host name does not resolve in DNS.',
    check: 'Check the spelling of the host in the number’s Voice/SMS URL and its DNS records.',
    triggersFallback: true,
    inferred: true,
  },
  {
    code: 11215,
    name: 'HTTP too many redirects',
    cause: 'The primary URL redirected too many times (a redirect loop).',
    check: 'Follow the redirects with curl -L -v; fix http/https or trailing-slash loops.',
    triggersFallback: true,
    inferred: true,
  },
  {
    // https://www.twilio.com/docs/api/errors/11216
    code: 11216,
    name: 'HTTP invalid redirect',
    cause:
      'The URL answered with a redirect Twilio does not follow (a 3xx it does not accept, no Location, or a Location that is not http(s)).',
    check: 'Follow the redirect with curl -v; point the webhook at the final http(s) URL.',
    triggersFallback: true,
    inferred: false,
  },
  {
    code: 11220,
    name: 'SSL/TLS handshake error',
    cause: 'Twilio could not complete a TLS handshake with the primary.',
    check:
      'Check the server’s TLS versions and ciphers, and that it serves a certificate for the host (SNI).',
    triggersFallback: true,
    inferred: true,
  },
  {
    code: 11235,
    name: 'Certificate invalid - domain mismatch',
    cause: 'The primary’s certificate does not name the host in the URL.',
    check: 'Serve a certificate whose names include the URL’s host.',
    triggersFallback: true,
    inferred: true,
  },
  {
    code: 11236,
    name: 'Certificate invalid - certificate expired',
    cause: 'The primary’s certificate has expired.',
    check: 'Renew the certificate and check automatic renewal.',
    triggersFallback: true,
    inferred: true,
  },
  {
    code: 11237,
    name: 'Certificate invalid - could not find path to certificate',
    cause:
      'The primary’s certificate chain is not trusted (self-signed, or intermediates missing).',
    check: 'Use a certificate from a public CA and serve the full chain.',
    triggersFallback: true,
    inferred: true,
  },
  {
    code: 11750,
    name: 'TwiML response body too large',
    cause: 'The primary answered with more than 64 kB of TwiML.',
    check: 'Shorten the TwiML; move long text to <Play> audio or split it across <Redirect>s.',
    triggersFallback: true,
    inferred: true,
  },
  {
    code: 12100,
    name: 'Document parse failure',
    cause: 'The primary’s answer is not well-formed XML, or its root is not <Response>.',
    check:
      'Build TwiML with the twilio library instead of strings; check for unescaped &, < or a stray HTML error page.',
    triggersFallback: true,
    inferred: false,
  },
  {
    code: 12200,
    name: 'Schema validation warning',
    cause: 'The TwiML is well-formed but has a verb or attribute Twilio does not know.',
    check: 'Validate the TwiML against Twilio’s docs; Twilio skips what it does not understand.',
    triggersFallback: false,
    inferred: true,
  },
  {
    code: 12300,
    name: 'Invalid Content-Type',
    cause:
      'The primary answered with a Content-Type Twilio cannot execute (application/json, say), or none.',
    check: 'Answer with Content-Type text/xml (or application/xml) for TwiML.',
    triggersFallback: true,
    inferred: true,
  },
  {
    code: 82002,
    name: 'Twilio Function error',
    cause: 'A Twilio Function threw, rejected, or ran past its 10 s limit.',
    check: 'Open the Function’s logs in the Console; the Debugger shows the stack trace.',
    triggersFallback: true,
    inferred: false,
  },
];

/** Link to Twilio's page for an error code. */
export function errorDocsUrl(code: number): string {
  return `https://www.twilio.com/docs/api/errors/${code}`;
}

const BY_CODE: ReadonlyMap<number, TwilioErrorInfo> = new Map(
  TWILIO_ERRORS.map((info) => [info.code, info]),
);

export function lookupTwilioError(code: number): TwilioErrorInfo | undefined {
  return BY_CODE.get(code);
}
