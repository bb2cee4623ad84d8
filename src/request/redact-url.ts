import { readHttpUrl } from './http-url';

/** Longest redacted URL that reaches a log line or an alert. */
export const MAX_LOGGED_URL_LENGTH = 512;

export const REDACTED = 'REDACTED';

/** Longest query key kept: a longer one is more likely a token than a name. */
const MAX_KEPT_KEY_LENGTH = 32;

/**
 * The connection-override keys Twilio documents for the `#` fragment of a webhook
 * URL (connect/read/total timeouts, retry count and policy, edge, SNI).
 */
const CONNECTION_OVERRIDE_KEYS: ReadonlySet<string> = new Set([
  'ct',
  'rt',
  'tt',
  'rc',
  'rp',
  'e',
  'sni',
]);

/** What an override value looks like (`1000`, `ct,rt,5xx`, `dublin`, `y`); anything else is dropped. */
const CONNECTION_OVERRIDE_VALUE = /^[A-Za-z0-9,._-]{1,32}$/;

/** Shortest path segment that may be a secret (Slack's webhook token is 24 characters). */
const MIN_SECRET_SEGMENT_LENGTH = 20;

/**
 * Whether a path segment looks like a token rather than a name: long, and mixing
 * letters and digits. Many webhook URLs carry their secret in the path (Slack's
 * `/services/T…/B…/<token>`, Discord's `/api/webhooks/<id>/<token>`); words, short
 * ids and dates (`/voice`, `/2010-04-01/`) are what a developer debugs with.
 */
export function isSecretPathSegment(segment: string): boolean {
  return (
    segment.length >= MIN_SECRET_SEGMENT_LENGTH && /[A-Za-z]/.test(segment) && /\d/.test(segment)
  );
}

/**
 * Makes a URL safe to log, alert on or print (Functions and tools alike): query
 * values and userinfo can carry tokens, so they are replaced, and so is every path
 * segment that looks like a token (isSecretPathSegment); the scheme, host, the
 * other path segments, query keys and the `#` connection overrides (ct, rt, ...)
 * are kept because they are what a developer debugs with.
 * A query key that may itself be the secret (`?s3cr3tToken123`, with no value, or
 * an overlong key) is replaced too, and the fragment keeps only well-formed
 * connection overrides.
 * Returns `undefined` for a missing value and a fixed marker for text that is not a URL.
 */
export function redactUrl(raw: string | undefined): string | undefined {
  const url = readHttpUrl(raw);
  if (url === 'missing') return undefined;
  if (url === 'not-url') return '(not a URL)';
  if (url === 'not-http') return '(not an http(s) URL)';
  return redactParsedUrl(url);
}

/** redactUrl for a URL already parsed (readHttpUrl); `url` itself is left unchanged. */
export function redactParsedUrl(parsed: URL): string {
  const url = new URL(parsed.href);
  if (url.username) url.username = REDACTED;
  if (url.password) url.password = REDACTED;
  url.pathname = url.pathname
    .split('/')
    .map((segment) => (isSecretPathSegment(segment) ? REDACTED : segment))
    .join('/');
  url.search = redactedQuery(url.searchParams);
  url.hash = connectionOverrides(url.hash);
  const text = url.toString();
  return text.length > MAX_LOGGED_URL_LENGTH ? `${text.slice(0, MAX_LOGGED_URL_LENGTH)}…` : text;
}

/** `key=REDACTED` per distinct key; a key that could be a secret becomes `REDACTED`. */
function redactedQuery(params: URLSearchParams): string {
  const parts = new Set<string>();
  for (const [key, value] of params) {
    const suspicious = value === '' || key.length > MAX_KEPT_KEY_LENGTH;
    parts.add(suspicious ? REDACTED : new URLSearchParams([[key, REDACTED]]).toString());
  }
  return [...parts].join('&');
}

/** The fragment's documented connection overrides with plausible values, first of each key. */
function connectionOverrides(hash: string): string {
  const kept = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(hash.replace(/^#/, ''))) {
    if (!CONNECTION_OVERRIDE_KEYS.has(key) || kept.has(key)) continue;
    if (CONNECTION_OVERRIDE_VALUE.test(value)) kept.set(key, value);
  }
  // Values are plain by the pattern above: written back unencoded, as Twilio shows them.
  return [...kept].map(([key, value]) => `${key}=${value}`).join('&');
}
