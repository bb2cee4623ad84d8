/**
 * Twilio's connection overrides: settings written in the fragment of a webhook URL
 * (`https://host/path#ct=1000&rt=3000`). Twilio reads them and never sends the
 * fragment; the emulator does the same. Keys, ranges and defaults are from Twilio's
 * connection-overrides page (https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides);
 * the `rp` default is inferred.
 */
import { isHttpUrl } from '../../src/request/http-url';

/** What a retry may be spent on: HTTP 4xx, HTTP 5xx, connect timeout, read timeout, or all four. */
export type RetryPolicy = '4xx' | '5xx' | 'ct' | 'rt' | 'all';

export interface ConnectionOverrides {
  /** TCP connect timeout (DNS lookup included), ms. */
  readonly ct: number;
  /** Read timeout: until the first byte, and between packets, ms. */
  readonly rt: number;
  /** Total time across all attempts of one request, ms. */
  readonly tt: number;
  /** How many retries after the first attempt. */
  readonly rc: number;
  /** Which failures are retried. */
  readonly rp: readonly RetryPolicy[];
}

export const DEFAULT_CONNECTION_OVERRIDES: ConnectionOverrides = {
  ct: 5000,
  rt: 15000,
  tt: 15000,
  rc: 1,
  // Twilio does not document the default policy; retrying connect timeouts only is
  // what its "black-holed connect costs 2 × ct" behaviour implies.
  rp: ['ct'],
};

/**
 * Overrides that make a hung primary fail over in about 3 s (at most 4 s) instead of
 * about 15 s. The number-configuration tool writes them onto the primary URL.
 * Tighter values risk false failovers on a primary that is merely slow.
 */
export const FAST_FAILOVER_OVERRIDES = { ct: 1000, rt: 3000, tt: 4000 } as const satisfies Partial<
  Record<keyof ConnectionOverrides, number>
>;

type NumericKey = 'ct' | 'rt' | 'tt' | 'rc';

/** Accepted range of each numeric key; Twilio's behaviour outside it is not documented. */
export const OVERRIDE_RANGES: Readonly<Record<NumericKey, readonly [number, number]>> = {
  ct: [100, 10000],
  rt: [100, 15000],
  tt: [100, 15000],
  rc: [0, 5],
};

/** The numeric overrides, in the order Twilio's docs list them (a Webhook Setting has the same four). */
export const NUMERIC_KEYS: readonly NumericKey[] = ['ct', 'rt', 'tt', 'rc'];
/** Every fragment key that changes how Twilio times and retries a request (rp: which failures). */
export const TIMING_OVERRIDE_KEYS: readonly string[] = [...NUMERIC_KEYS, 'rp'];
const RETRY_POLICIES: readonly RetryPolicy[] = ['4xx', '5xx', 'ct', 'rt', 'all'];

/** Whether `value` is one of the fragment's `rp` items (also how a Webhook Setting's policy is read). */
export function isRetryPolicy(value: string): value is RetryPolicy {
  return (RETRY_POLICIES as readonly string[]).includes(value);
}
/** Keys Twilio knows that only matter on Twilio's side (egress edge, forced SNI). */
const NOT_EMULATED_KEYS = new Set(['e', 'sni']);

export interface ParsedWebhookUrl {
  /** The URL Twilio requests and signs: the configured URL without its fragment. */
  readonly requestUrl: string;
  readonly overrides: ConnectionOverrides;
  /** Override values that were ignored or changed, one sentence each. */
  readonly warnings: readonly string[];
}

/**
 * Splits a configured webhook URL into what is requested and the overrides that
 * govern the request. Throws only when `raw` is not an absolute http(s) URL.
 */
export function parseWebhookUrl(raw: string): ParsedWebhookUrl {
  const url = new URL(raw);
  if (!isHttpUrl(url)) {
    throw new TypeError(`not an http(s) URL: ${raw}`);
  }
  const fragment = url.hash.replace(/^#/, '');
  url.hash = '';
  const { overrides, warnings } = parseOverridesFragment(fragment);
  return { requestUrl: url.toString(), overrides, warnings };
}

export function parseOverridesFragment(fragment: string): {
  overrides: ConnectionOverrides;
  warnings: string[];
} {
  const warnings: string[] = [];
  const numeric: Record<NumericKey, number> = { ...DEFAULT_CONNECTION_OVERRIDES };
  let rp: readonly RetryPolicy[] = DEFAULT_CONNECTION_OVERRIDES.rp;
  for (const [key, value] of new URLSearchParams(fragment)) {
    if (isNumericKey(key)) {
      const parsed = parseBoundedInteger(key, value, warnings);
      if (parsed !== undefined) numeric[key] = parsed;
    } else if (key === 'rp') {
      rp = parseRetryPolicy(value, warnings) ?? rp;
    } else if (NOT_EMULATED_KEYS.has(key)) {
      warnings.push(`#${key}=${value} is honoured by Twilio but not emulated locally`);
    } else {
      warnings.push(`#${key} is not a Twilio connection override; ignored`);
    }
  }
  return { overrides: { ...numeric, rp }, warnings };
}

function isNumericKey(key: string): key is NumericKey {
  return (NUMERIC_KEYS as readonly string[]).includes(key);
}

/**
 * Out-of-range values are clamped to the range, whatever their size or sign; a value
 * that is not a whole number is ignored (the default applies). Inferred: Twilio's
 * connection-overrides page gives each key's range and default but not what it does
 * with a value outside the range, so the emulator takes the nearest allowed value (as
 * the README says) and notes it.
 */
function parseBoundedInteger(key: NumericKey, value: string, warnings: string[]) {
  const [min, max] = OVERRIDE_RANGES[key];
  if (!/^-?\d+$/.test(value)) {
    warnings.push(
      `#${key}=${value} is not a whole number; using ${DEFAULT_CONNECTION_OVERRIDES[key]}`,
    );
    return undefined;
  }
  const number = Number(value);
  const clamped = Math.min(max, Math.max(min, number));
  if (clamped !== number)
    warnings.push(`#${key}=${value} is outside ${min}..${max}; using ${clamped}`);
  return clamped;
}

function parseRetryPolicy(value: string, warnings: string[]): RetryPolicy[] | undefined {
  const items = value.split(',').map((item) => item.trim());
  const known = items.filter(isRetryPolicy);
  const unknown = items.filter((item) => !known.includes(item as RetryPolicy));
  if (unknown.length > 0) warnings.push(`#rp: ignored unknown ${unknown.join(', ')}`);
  return known.length > 0 ? known : undefined;
}

/** Whether a failure of this class may be retried under `policy`. */
export function isRetried(policy: readonly RetryPolicy[], failure: Exclude<RetryPolicy, 'all'>) {
  return policy.includes('all') || policy.includes(failure);
}

/** `ct=1000&rt=3000&tt=4000`, keys in Twilio's documented order. */
export function formatOverridesFragment(overrides: Partial<ConnectionOverrides>): string {
  const parts: string[] = [];
  for (const key of NUMERIC_KEYS) {
    const value = overrides[key];
    if (value !== undefined) parts.push(`${key}=${value}`);
  }
  if (overrides.rp !== undefined) parts.push(`rp=${overrides.rp.join(',')}`);
  return parts.join('&');
}

/** Returns `url` with the given keys removed from its fragment; the fragment goes when empty. */
export function withoutConnectionOverrides(url: string, keys: readonly string[]): string {
  const hashAt = url.indexOf('#');
  if (hashAt === -1) return url;
  const kept = url
    .slice(hashAt + 1)
    .split('&')
    .filter((part) => part !== '' && !keys.includes(part.split('=')[0] ?? ''));
  const base = url.slice(0, hashAt);
  return kept.length === 0 ? base : `${base}#${kept.join('&')}`;
}

/**
 * Returns `url` with the given overrides in its fragment, replacing those keys and
 * keeping any others already there (`e`, `sni`, ...).
 */
export function withConnectionOverrides(
  url: string,
  overrides: Partial<ConnectionOverrides>,
): string {
  const hashAt = url.indexOf('#');
  const base = hashAt === -1 ? url : url.slice(0, hashAt);
  const existing = hashAt === -1 ? '' : url.slice(hashAt + 1);
  const replaced = new Set(Object.keys(overrides));
  const kept = existing
    .split('&')
    .filter((part) => part !== '' && !replaced.has(part.split('=')[0] ?? ''));
  const fragment = [formatOverridesFragment(overrides), ...kept].filter((p) => p !== '').join('&');
  return fragment === '' ? base : `${base}#${fragment}`;
}
