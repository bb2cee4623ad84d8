/**
 * Twilio error codes this project meets, with what they mean for the person on call:
 * those a Fallback URL receives as `ErrorCode`, and those an account's error log
 * (Debugger, Event Streams `/events`) shows for the same failures or for the alerts
 * this project sends.
 *
 * Names are Twilio's own, from its error dictionary; each row's `source` is the page it
 * rests on. `triggersFallback` says whether Twilio requests the Fallback URL with this
 * code; `inferred` marks rows where Twilio's pages do not say so (they name the code and
 * its cause, not which failure of a webhook earns it), kept here in one table so they
 * are easy to correct.
 *
 * The fallback's log line and every alert carry `cause` and `check`, so this table is
 * bundled into the Functions on purpose: it is the text the on-call person reads at
 * 3 a.m. Keep each sentence short (tests/deploy/bundle-contents.test.ts caps the bundles).
 */
export interface TwilioErrorInfo {
  readonly code: number;
  /** Twilio's name for the code, verbatim. */
  readonly name: string;
  /** The likely cause, in one sentence. */
  readonly cause: string;
  /** What to check first. */
  readonly check: string;
  /** Whether Twilio requests the Fallback URL with this code as `ErrorCode`. */
  readonly triggersFallback: boolean;
  /** True where `triggersFallback` is inferred rather than documented. */
  readonly inferred: boolean;
}

/** Twilio's page for an error code: the page every row of the catalog rests on. */
export function errorDocsUrl(code: number): string {
  return `https://www.twilio.com/docs/api/errors/${code}`;
}

export const TWILIO_ERRORS: readonly TwilioErrorInfo[] = [
  // --- Fetching the primary's TwiML: what a Fallback URL receives ---
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
    cause:
      'Twilio could not get TwiML from the primary URL: it answered 4xx or 5xx, or the exchange failed in a way Twilio gives no more specific code for.',
    check:
      'Open the primary URL yourself; read its server logs for the failing request; a Twilio Function that threw or ran past 10 s shows as 82002 in the Debugger.',
    triggersFallback: true,
    inferred: false,
  },
  {
    code: 11201,
    name: 'TCP connection timed out',
    cause: 'The primary’s server did not accept Twilio’s TCP connection in time.',
    check:
      'Is the host up and reachable from the internet on that port (firewall, security group)? Check the #ct override on the URL.',
    triggersFallback: true,
    inferred: true,
  },
  {
    code: 11202,
    name: 'TCP connection refused',
    cause:
      'The primary’s server refused Twilio’s connection attempts: wrong port, the process is down, or it is overloaded.',
    check: 'Check the URL’s host and port; is the web server running and listening there?',
    triggersFallback: true,
    inferred: true,
  },
  {
    code: 11203,
    name: 'HTTP communication total time out triggered',
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
    code: 11216,
    name: 'HTTP invalid redirect',
    cause:
      'The URL answered with a redirect Twilio does not follow (a 3xx other than 301, 302, 303 and 307, no Location, or a Location that is not http(s)).',
    check: 'Follow the redirect with curl -v; point the webhook at the final http(s) URL.',
    triggersFallback: true,
    inferred: true,
  },
  {
    code: 11217,
    name: 'HTTP error response code',
    cause:
      'The primary answered 4xx or 5xx: an app error (500), a proxy that cannot reach the app (502-504), a wrong path (404), auth (403) or rate limiting (429).',
    check:
      'Read the server logs for the request; call the URL yourself and expect 2xx; Twilio’s webhooks do not retry a 429.',
    triggersFallback: true,
    inferred: true,
  },
  {
    code: 11220,
    name: 'SSL/TLS Handshake Error',
    cause: 'Twilio could not complete a TLS handshake with the primary.',
    check:
      'Check the server’s TLS versions and ciphers, and that it serves a certificate for the host (SNI).',
    triggersFallback: true,
    inferred: true,
  },
  {
    code: 11235,
    name: 'Certificate Invalid - Domain Mismatch',
    cause: 'The primary’s certificate does not name the host in the URL.',
    check: 'Serve a certificate whose names include the URL’s host.',
    triggersFallback: true,
    inferred: true,
  },
  {
    code: 11236,
    name: 'Certificate Invalid - Certificate Expired',
    cause: 'The primary’s certificate has expired.',
    check: 'Renew the certificate and check automatic renewal.',
    triggersFallback: true,
    inferred: true,
  },
  {
    code: 11237,
    name: 'Certificate Invalid - Could not find path to certificate',
    cause:
      'The primary’s certificate chain is not trusted (self-signed, or intermediates missing).',
    check: 'Use a certificate from a public CA and serve the full chain.',
    triggersFallback: true,
    inferred: true,
  },
  {
    code: 11251,
    name: 'Fatal protocol violation',
    cause: 'Twilio gave up on the exchange with the primary as a fatal HTTP protocol error.',
    check:
      'Treat it like 11206: check what sits in front of the app (proxy, load balancer, TLS terminator); try the URL with curl -v.',
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
  // --- During a call: the project's own <Dial> ---
  {
    code: 13224,
    name: 'Dial: Twilio does not support calling this number or the number is invalid',
    cause: 'A <Dial> named a number Twilio cannot call (FORWARD_TO or RECOVERY_DIAL_NUMBER?).',
    check:
      'Check the number is complete E.164 and that Voice geographic permissions allow its country.',
    triggersFallback: false,
    inferred: true,
  },
  // --- Messages: SMS alerts and replies this project sends ---
  {
    code: 21610,
    name: 'Attempt to send to unsubscribed recipient',
    cause: 'The recipient replied STOP to this sender: Twilio will not text them from it.',
    check:
      'Have the on-call phone text START to the alert sender (ALERT_SMS_FROM), or alert another number.',
    triggersFallback: false,
    inferred: false,
  },
  {
    code: 30003,
    name: 'Unreachable destination handset',
    cause: 'The carrier could not reach the phone: switched off, out of coverage or roaming.',
    check:
      'Alerts to that phone are not arriving: rely on the webhook or e-mail channel meanwhile.',
    triggersFallback: false,
    inferred: false,
  },
  {
    code: 30004,
    name: 'Message blocked',
    cause: 'The recipient or their carrier blocks messages from this sender.',
    check: 'Check the phone does not block the sender; try another sender (ALERT_SMS_FROM).',
    triggersFallback: false,
    inferred: false,
  },
  {
    code: 30005,
    name: 'Unknown destination handset',
    cause: 'The carrier does not know the number: mistyped, or no longer in service.',
    check: 'Check ALERT_SMS_TO (or the number texted) digit by digit.',
    triggersFallback: false,
    inferred: false,
  },
  {
    code: 30006,
    name: 'Landline or unreachable carrier',
    cause: 'The number is a landline, or its carrier cannot take SMS from Twilio.',
    check: 'Send SMS alerts to a mobile number.',
    triggersFallback: false,
    inferred: false,
  },
  {
    code: 30007,
    name: 'Message filtered',
    cause: 'A carrier filtered the message (spam rules or unregistered traffic).',
    check:
      'Register the sender (A2P 10DLC, toll-free verification) and keep alert texts plain; use a Messaging Service.',
    triggersFallback: false,
    inferred: false,
  },
  {
    code: 30008,
    name: 'Unknown error',
    cause: 'Delivery failed and the carrier gave Twilio no reason.',
    check: 'Retry later; if it persists for one number, ask Twilio support with the message SID.',
    triggersFallback: false,
    inferred: false,
  },
  {
    code: 30034,
    name: 'US A2P 10DLC - Message from an Unregistered Number',
    cause:
      'A US long code sent a message without being registered to an approved A2P 10DLC campaign.',
    check:
      'Add the sender to a Messaging Service with an approved campaign, or send alerts from a verified toll-free number.',
    triggersFallback: false,
    inferred: false,
  },
  // --- Twilio Functions (this project's own, or a primary that is a Function) ---
  {
    code: 82002,
    name: 'Error on Twilio Function response',
    cause:
      'A Twilio Function answered with a 5xx: it threw, called back with an error, or timed out before calling back. Its caller sees the HTTP failure, so a Fallback URL gets an HTTP code (11200), not 82002.',
    check:
      'Open the Function’s logs in the Console; make sure every path, including catch blocks, calls callback().',
    triggersFallback: false,
    inferred: true,
  },
  {
    code: 82005,
    name: 'Function execution resulted in an error log',
    cause:
      'A Function called console.error. This project’s Functions do that only when a handler failed and answered with its last-resort message.',
    check: 'Read the logged message next to the code in the Function’s logs.',
    triggersFallback: false,
    inferred: false,
  },
];

const BY_CODE: ReadonlyMap<number, TwilioErrorInfo> = new Map(
  TWILIO_ERRORS.map((info) => [info.code, info]),
);

export function lookupTwilioError(code: number): TwilioErrorInfo | undefined {
  return BY_CODE.get(code);
}
