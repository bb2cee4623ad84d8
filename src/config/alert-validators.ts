/**
 * Parsers for the alert and recovery variables: URLs, e-mail addresses, SIDs,
 * secrets and fixed choices. Same contract as ./validators: a value or a reason.
 */
import { parseE164, type Parsed } from './validators';
import { isHttpUrl, parseUrl } from '../request/http-url';

/** Longest URL accepted in configuration; longer ones are almost certainly pasted by mistake. */
const MAX_URL_LENGTH = 2048;

/**
 * An absolute http(s) URL. Plain http is accepted so a local stand-in
 * (http://127.0.0.1:...) can be used; deployed values should be https.
 */
export function parseHttpUrl(raw: string): Parsed<string> {
  if (raw.length > MAX_URL_LENGTH) {
    return { ok: false, reason: `is longer than ${MAX_URL_LENGTH} characters` };
  }
  const url = parseUrl(raw);
  if (url === undefined) {
    return { ok: false, reason: 'is not an absolute URL like https://example.com/path' };
  }
  if (!isHttpUrl(url)) return { ok: false, reason: 'is not an http(s) URL' };
  return { ok: true, value: url.toString() };
}

/**
 * A base URL (scheme, host, optional port and path prefix) with no trailing slash: the
 * one rule for every base URL, the Functions' `SENDGRID_API_URL` and the tools'
 * `--base-url` alike. Paths are appended to it, so a query or fragment would end up
 * in the middle; credentials are refused because fetch() refuses a URL that holds them
 * and a base URL is printed in logs.
 */
export function parseBaseUrl(raw: string): Parsed<string> {
  const parsed = parseHttpUrl(raw);
  if (!parsed.ok) return parsed;
  const url = new URL(parsed.value);
  if (url.search !== '' || url.hash !== '') {
    return { ok: false, reason: 'must not carry a query or fragment' };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'must not carry credentials' };
  }
  return { ok: true, value: parsed.value.replace(/\/+$/, '') };
}

/** Deliberately loose: SendGrid does the real check; this catches typos and lists. */
const EMAIL = /^[^\s@<>,;"'()]+@[^\s@<>,;"'()]+\.[^\s@<>,;"'()]+$/;

export function parseEmail(raw: string): Parsed<string> {
  return EMAIL.test(raw) && raw.length <= 254
    ? { ok: true, value: raw }
    : { ok: false, reason: 'is not an e-mail address like oncall@example.com' };
}

export const MAX_EMAIL_RECIPIENTS = 10;

export function parseEmailList(raw: string): Parsed<readonly string[]> {
  const addresses = raw
    .split(',')
    .map((address) => address.trim())
    .filter((address) => address !== '');
  if (addresses.length > MAX_EMAIL_RECIPIENTS) {
    return { ok: false, reason: `lists more than ${MAX_EMAIL_RECIPIENTS} addresses` };
  }
  const bad = addresses.find((address) => !EMAIL.test(address));
  return bad === undefined
    ? { ok: true, value: addresses }
    : { ok: false, reason: 'holds something that is not an e-mail address' };
}

/** `prefix` followed by 32 hex digits: a Twilio SID of one resource type. */
export function parseSid(prefix: string, what: string) {
  const pattern = new RegExp(`^${prefix}[0-9a-fA-F]{32}$`);
  return (raw: string): Parsed<string> =>
    pattern.test(raw)
      ? { ok: true, value: raw }
      : { ok: false, reason: `is not a ${what} SID (${prefix} followed by 32 hex digits)` };
}

const parseMessagingServiceSid = parseSid('MG', 'Messaging Service');

/** What messages.create accepts as a sender: a number (`from`) or a Messaging Service. */
export function parseSmsSender(raw: string): Parsed<string> {
  if (raw.startsWith('MG')) return parseMessagingServiceSid(raw);
  const number = parseE164(raw);
  return number.ok
    ? number
    : {
        ok: false,
        reason: 'is neither an E.164 number nor a Messaging Service SID (MG...)',
      };
}

/**
 * An API key or token: printable ASCII without spaces (it goes into an HTTP
 * header, where a stray newline would be refused or, worse, split the header).
 */
export function parseSecret(raw: string): Parsed<string> {
  return /^[\x21-\x7e]{10,512}$/.test(raw)
    ? { ok: true, value: raw }
    : { ok: false, reason: 'is not a key: 10 to 512 printable characters without spaces' };
}

export function parseChoice<T extends string>(choices: readonly T[]) {
  return (raw: string): Parsed<T> => {
    const value = raw.toLowerCase() as T;
    return choices.includes(value)
      ? { ok: true, value }
      : { ok: false, reason: `is not one of ${choices.join(', ')}` };
  };
}
