import { echoArgument } from './safe-output';
import type { Parsed } from '../../src/config/validators';
import type { HttpMethod } from '../../src/request/http-method';

const LABEL_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A Functions service domain such as `my-service-1234-dev.twil.io`: a bare DNS host name,
 * because the tool builds `https://<domain>/primary` itself. A scheme, path, port or
 * credentials are refused with a precise reason rather than stripped, so a typo never
 * points a live number somewhere unexpected. A name without a dot (`localhost`) is
 * refused too: Twilio can only reach a public host.
 */
export function parseFunctionDomain(raw: string): Parsed<string> {
  const text = raw.trim().toLowerCase().replace(/\.$/, '');
  const fail = (why: string): Parsed<string> => ({
    ok: false,
    reason: `invalid domain "${echoArgument(raw)}": ${why} (expected a host name such as my-service-1234-dev.twil.io)`,
  });
  if (text === '') return fail('it is empty');
  if (text.includes('://')) return fail('remove the scheme');
  if (/[/?#]/.test(text)) return fail('remove the path');
  if (text.includes('@')) return fail('remove the credentials');
  if (text.includes(':')) return fail('remove the port');
  if (text.length > 253) return fail('it is longer than 253 characters');
  const labels = text.split('.');
  if (labels.length < 2) return fail('it is not a public host name');
  const bad = labels.find((label) => !LABEL_PATTERN.test(label));
  if (bad !== undefined) return fail(`"${bad}" is not a valid DNS label`);
  return { ok: true, value: text };
}

/**
 * The zero-code fallbacks, one per channel (assets/error.xml, assets/error-sms.xml): a
 * message cannot execute voice TwiML (`<Say>`), so messages get their own document.
 */
export const STATIC_FALLBACK_PATHS = { voice: '/error.xml', sms: '/error-sms.xml' } as const;

/**
 * Why GET for a static fallback: it is a Twilio Asset, a static file. Every static host
 * answers GET; whether the Assets host answers a POST with the file is not documented
 * (the local dev server does, other static hosts refuse with 405), and a fallback that
 * fails has no second chance. `configure --fallback-method` can still override it.
 */
export const STATIC_FALLBACK_METHOD: HttpMethod = 'GET';

/** The URLs this project deploys, on one service domain. */
export interface FunctionUrls {
  readonly primary: string;
  readonly fallback: string;
  /** The voice static fallback, /error.xml. */
  readonly staticFallback: string;
  /** The messaging static fallback, /error-sms.xml. */
  readonly staticSmsFallback: string;
  /** The Event Streams sink (functions/events.protected.ts). */
  readonly events: string;
}

export function functionUrls(baseUrl: string): FunctionUrls {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    primary: `${base}/primary`,
    fallback: `${base}/fallback`,
    staticFallback: `${base}${STATIC_FALLBACK_PATHS.voice}`,
    staticSmsFallback: `${base}${STATIC_FALLBACK_PATHS.sms}`,
    events: `${base}/events`,
  };
}

/**
 * The one rule for where a channel's fallback points: the /fallback Function, or with
 * `--static-fallback` that channel's static document. `configure` and `audit --fix` both
 * use it, so the two tools never disagree about a number's fallback.
 */
export function fallbackUrlFor(
  urls: FunctionUrls,
  channel: 'voice' | 'sms',
  staticFallback: boolean,
): string {
  if (!staticFallback) return urls.fallback;
  return channel === 'voice' ? urls.staticFallback : urls.staticSmsFallback;
}

/**
 * With which method the fallback `fallbackUrlFor` picks is fetched: a static document
 * with GET (STATIC_FALLBACK_METHOD says why), the /fallback Function with POST.
 */
export function fallbackMethodFor(staticFallback: boolean): HttpMethod {
  return staticFallback ? STATIC_FALLBACK_METHOD : 'POST';
}
