/**
 * An absolute http(s) URL from a request parameter (`ErrorUrl`, `RecordingUrl`),
 * or why the text is not one. The one parse every reader of such a parameter
 * shares: the fallback parses `ErrorUrl` once per request (see readErrorUrl).
 * Configuration values have their own parser with reasons for the user
 * (src/config/alert-validators.ts).
 */
export function readHttpUrl(raw: string | undefined): URL | 'missing' | 'not-url' | 'not-http' {
  if (raw === undefined || raw.trim() === '') return 'missing';
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return 'not-url';
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : 'not-http';
}
