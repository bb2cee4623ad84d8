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

/**
 * Makes an `ErrorUrl` safe to log: query values and userinfo can carry tokens, so
 * they are replaced; the scheme, host, path, query keys and the `#` connection
 * overrides (ct, rt, ...) are kept because they are what a developer debugs with.
 * A query key that may itself be the secret (`?s3cr3tToken123`, with no value, or
 * an overlong key) is replaced too, and the fragment keeps only well-formed
 * connection overrides.
 * Returns `undefined` for a missing value and a fixed marker for text that is not a URL.
 */
export function redactUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return '(not a URL)';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return '(not an http(s) URL)';
  if (url.username) url.username = REDACTED;
  if (url.password) url.password = REDACTED;
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
