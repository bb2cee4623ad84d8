/**
 * The one URL parse of the project, for the Functions and the tools alike (tools
 * import src/, never the reverse).
 *
 * Two rules, kept apart on purpose:
 * - `parseUrl` accepts any scheme. Readers of what an account is configured with (the
 *   audit, Webhook Rules, redirects) must see `ftp:` or `mailto:` as a URL and judge its
 *   scheme themselves: Twilio stores any text there, and "not http(s)" is a finding, not
 *   "not a URL".
 * - `readHttpUrl` (and `isHttpUrl`) accept http(s) only: what Twilio can request, and
 *   what a request parameter (`ErrorUrl`, `RecordingUrl`) or a flag such as
 *   `--status-callback` must be.
 */

/**
 * `text` parsed as a URL (relative to `base` when given), or `undefined` when the
 * WHATWG parser refuses it. The text is not trimmed: the parser already strips
 * leading and trailing C0 controls and spaces, nothing more.
 */
export function parseUrl(text: string, base?: string | URL): URL | undefined {
  try {
    return new URL(text, base);
  } catch {
    return undefined;
  }
}

/** Whether Twilio (and node:http) can request `url`: http: or https:. */
export function isHttpUrl(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

/**
 * An absolute http(s) URL from a request parameter (`ErrorUrl`, `RecordingUrl`),
 * or why the text is not one. The one parse every reader of such a parameter
 * shares: the fallback parses `ErrorUrl` once per request (see readErrorUrl).
 * Configuration values have their own parser with reasons for the user
 * (src/config/alert-validators.ts).
 */
export function readHttpUrl(raw: string | undefined): URL | 'missing' | 'not-url' | 'not-http' {
  if (raw === undefined || raw.trim() === '') return 'missing';
  const url = parseUrl(raw.trim());
  if (url === undefined) return 'not-url';
  return isHttpUrl(url) ? url : 'not-http';
}
