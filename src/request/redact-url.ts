/** Longest redacted URL that reaches a log line or an alert. */
export const MAX_LOGGED_URL_LENGTH = 512;

export const REDACTED = 'REDACTED';

/**
 * Makes an `ErrorUrl` safe to log: query values and userinfo can carry tokens, so
 * they are replaced; the scheme, host, path, query keys and the `#` connection
 * overrides (ct, rt, ...) are kept because they are what a developer debugs with.
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
  const keys = [...new Set(url.searchParams.keys())];
  url.search = '';
  for (const key of keys) url.searchParams.append(key, REDACTED);
  const text = url.toString();
  return text.length > MAX_LOGGED_URL_LENGTH ? `${text.slice(0, MAX_LOGGED_URL_LENGTH)}…` : text;
}
