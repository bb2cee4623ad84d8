/**
 * What a command-line tool may print of text it did not write itself: a URL or an
 * argument the user typed (it may carry a token), and anything that came from the
 * network (TwiML, headers, API error messages). Terminal output lands in shell
 * scrollback and CI logs, so secrets are redacted as the Functions redact them
 * (src/request/redact-url.ts) and control characters are shown, not obeyed.
 */
import { REDACTED, redactUrl } from '../../src/request/redact-url';

/** Longest argument quoted back in a message; the rest is cut and counted. */
export const MAX_ECHOED_ARGUMENT = 200;

/**
 * Characters a terminal acts on instead of showing: C0 controls but tab and newline
 * (ESC starts an escape sequence, CR overwrites the line), DEL, C1 controls (0x9B is
 * a one-byte CSI), bidirectional overrides and isolates (they reorder what is shown),
 * line and paragraph separators, and lone surrogates.
 */
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `text` with every unprintable character written as a `\uXXXX` escape. Tabs and
 * newlines stay. Inside a JSON string literal the escape means the same character, so
 * JSON output stays valid JSON.
 */
export function printable(text: string): string {
  return text.replace(
    UNPRINTABLE,
    (character) =>
      `\\u${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

/**
 * A URL as a tool shows it: an http(s) URL through `redactUrl` (credentials, query
 * values and secret-looking parts replaced); any other text with its userinfo and
 * query replaced, so `ftp://user:pass@host/?token=…` or a pasted `user:pass@host`
 * shows no secret either.
 */
export function displayUrl(raw: string): string {
  if (/^https?:\/\//i.test(raw.trim())) {
    const redacted = redactUrl(raw);
    if (redacted !== undefined && redacted.startsWith('http')) return redacted;
  }
  return raw
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^\s/?#@]*@/i, `$1${REDACTED}@`)
    .replace(/\?[\s\S]*$/, `?${REDACTED}`);
}

/**
 * An argument quoted back in a usage error or report: redacted like a URL, cut to
 * MAX_ECHOED_ARGUMENT characters, control characters escaped.
 */
export function echoArgument(raw: string): string {
  const shown = displayUrl(raw);
  const cut =
    shown.length > MAX_ECHOED_ARGUMENT
      ? `${shown.slice(0, MAX_ECHOED_ARGUMENT)}… (${shown.length} characters)`
      : shown;
  return printable(cut);
}
