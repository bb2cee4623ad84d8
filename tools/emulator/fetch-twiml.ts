/**
 * Requests one webhook URL the way Twilio does and decides whether it produced
 * TwiML: connection overrides from the URL fragment, signed request, retries as
 * `rc`/`rp` allow within `tt`, HTTP 3xx followed up to a limit, then the TwiML checks.
 */
import type { LookupFunction } from 'node:net';
import { isRetried, parseWebhookUrl, type RetryPolicy } from './connection-overrides';
import { errorCodeOf, type FailureMode } from './failure-modes';
import { exchange, type ExchangeResult } from './http-exchange';
import type { HttpMethod } from '../../src/request/http-method';
import { signedWebhookRequest } from './signed-request';
import { checkTwimlAnswer, type TwimlElement } from './twiml-document';
import { MAX_HTTP_REDIRECTS, MAX_TWIML_BYTES } from './twilio-limits';
import type { WebhookKind } from './webhook-params';
import { isHttpUrl, parseUrl } from '../../src/request/http-url';

export type AttemptRole = 'primary' | 'fallback' | 'redirect' | 'action';

export interface SimulationAttempt {
  /** The URL requested, without fragment (and, for GET, without the added parameters). */
  url: string;
  method: HttpMethod;
  role: AttemptRole;
  /** Final HTTP status, or null when no HTTP answer came back. */
  status: number | null;
  errorCode: number | null;
  ms: number;
  detail?: string;
  /** The failure mode, when this attempt failed. */
  failure?: FailureMode;
  /** 0 for the first try, 1.. for retries under `rc`/`rp` (always set by the emulator). */
  retry?: number;
  /** When the attempt started, ms after the simulation started (always set by the emulator). */
  atMs?: number;
}

export interface TwimlRequest {
  /** As configured: may carry `#ct=..` overrides. */
  readonly configuredUrl: string;
  readonly method: HttpMethod;
  readonly role: AttemptRole;
  readonly kind: WebhookKind;
  readonly params: Readonly<Record<string, string>>;
  readonly authToken: string;
  /** `Date.now()` when the simulation started, for `atMs`. */
  readonly startedAt: number;
  readonly lookup?: LookupFunction;
}

export type TwimlResult =
  | {
      readonly type: 'twiml';
      readonly xml: string;
      readonly verbs: readonly TwimlElement[];
      /** The URL the document came from (after HTTP redirects): base for relative URLs. */
      readonly documentUrl: string;
    }
  | {
      readonly type: 'failure';
      readonly mode: FailureMode;
      readonly errorCode: number;
      /** What Twilio reports as `ErrorUrl`: the requested URL, fragment stripped. */
      readonly errorUrl: string;
    };

export interface FetchedTwiml {
  readonly attempts: SimulationAttempt[];
  readonly result: TwimlResult;
  /** Problems with the URL's connection overrides. */
  readonly warnings: readonly string[];
}

export async function fetchTwiml(request: TwimlRequest): Promise<FetchedTwiml> {
  let parsed: ReturnType<typeof parseWebhookUrl>;
  try {
    parsed = parseWebhookUrl(request.configuredUrl);
  } catch {
    return invalidUrl(request);
  }
  const { requestUrl, overrides, warnings } = parsed;
  const deadline = Date.now() + overrides.tt;
  const attempts: SimulationAttempt[] = [];
  for (let retry = 0; ; retry += 1) {
    const started = Date.now();
    const outcome = await oneAttempt(request, requestUrl, overrides, deadline);
    const failed = 'mode' in outcome ? outcome : undefined;
    attempts.push({
      url: requestUrl,
      method: request.method,
      role: request.role,
      status: outcome.status,
      errorCode: failed ? errorCodeOf(failed.mode) : null,
      ms: Date.now() - started,
      detail: outcome.detail,
      ...(failed ? { failure: failed.mode } : {}),
      retry,
      atMs: started - request.startedAt,
    });
    if (!failed) {
      const { xml, verbs, documentUrl } = outcome as TwimlOutcome;
      return { attempts, warnings, result: { type: 'twiml', xml, verbs, documentUrl } };
    }
    const retryClass = retryClassOf(failed.mode, outcome.status);
    const mayRetry =
      retry < overrides.rc &&
      retryClass !== undefined &&
      isRetried(overrides.rp, retryClass) &&
      Date.now() < deadline;
    if (!mayRetry) {
      return {
        attempts,
        warnings,
        result: {
          type: 'failure',
          mode: failed.mode,
          errorCode: errorCodeOf(failed.mode),
          errorUrl: requestUrl,
        },
      };
    }
  }
}

/**
 * A `<Redirect>` or action URL that is not an absolute http(s) URL: nothing can be
 * requested, and Twilio reports 11100 (Invalid URL format) with it as the failing URL.
 */
function invalidUrl(request: TwimlRequest): FetchedTwiml {
  const mode: FailureMode = 'invalid-twiml-url';
  return {
    attempts: [
      {
        url: request.configuredUrl,
        method: request.method,
        role: request.role,
        status: null,
        errorCode: errorCodeOf(mode),
        ms: 0,
        detail: 'not an absolute http(s) URL: nothing requested',
        failure: mode,
        retry: 0,
        atMs: Date.now() - request.startedAt,
      },
    ],
    warnings: [],
    result: {
      type: 'failure',
      mode,
      errorCode: errorCodeOf(mode),
      errorUrl: request.configuredUrl,
    },
  };
}

function retryClassOf(
  mode: FailureMode,
  status: number | null,
): Exclude<RetryPolicy, 'all'> | undefined {
  if (mode === 'connect-timeout') return 'ct';
  if (mode === 'read-timeout') return 'rt';
  if (mode === 'http-error-status' && status !== null) {
    if (status >= 500) return '5xx';
    if (status >= 400) return '4xx';
  }
  return undefined;
}

interface TwimlOutcome {
  status: number;
  detail?: string;
  xml: string;
  verbs: readonly TwimlElement[];
  documentUrl: string;
}
interface FailedOutcome {
  status: number | null;
  detail?: string;
  mode: FailureMode;
}

/**
 * The redirects Twilio follows. Any other 3xx (300, 308, ...) or one of these without a
 * Location fails with 11216, HTTP invalid redirect
 * (https://www.twilio.com/docs/api/errors/11216).
 */
const FOLLOWED_REDIRECT_STATUSES = new Set([301, 302, 303, 307]);

/** One attempt: the request, any HTTP redirects it leads to, and the TwiML checks. */
async function oneAttempt(
  request: TwimlRequest,
  requestUrl: string,
  overrides: { ct: number; rt: number },
  deadline: number,
): Promise<TwimlOutcome | FailedOutcome> {
  let url = requestUrl;
  let method = request.method;
  const hops: string[] = [];
  for (;;) {
    const signed = signedWebhookRequest(url, method, request.params, request.authToken);
    const result: ExchangeResult = await exchange({
      url: signed.url,
      method,
      headers: signed.headers,
      body: signed.body,
      connectTimeoutMs: overrides.ct,
      readTimeoutMs: overrides.rt,
      deadline,
      maxBodyBytes: MAX_TWIML_BYTES,
      ...(request.lookup ? { lookup: request.lookup } : {}),
    });
    const via = hops.length > 0 ? ` after ${hops.length} HTTP redirect(s)` : '';
    if (result.type === 'failure') {
      return { status: null, mode: result.mode, detail: result.detail + via };
    }
    const { status } = result;
    if (status >= 300 && status < 400) {
      if (!FOLLOWED_REDIRECT_STATUSES.has(status) || result.location === undefined) {
        return {
          status,
          mode: 'invalid-redirect',
          detail:
            result.location === undefined
              ? `HTTP ${status} without a Location: not followed${via}`
              : `HTTP ${status}: Twilio follows only 301, 302, 303 and 307${via}`,
        };
      }
      if (hops.length >= MAX_HTTP_REDIRECTS) {
        return {
          status,
          mode: 'too-many-redirects',
          detail: `still redirected after ${MAX_HTTP_REDIRECTS} HTTP redirects`,
        };
      }
      const next = parseUrl(result.location, url);
      if (next === undefined) {
        return { status, mode: 'protocol-violation', detail: 'unparsable Location header' };
      }
      // Redirects are followed to http(s) only: node:http cannot fetch ftp:, file: or
      // javascript:, and neither does Twilio (11216, HTTP invalid redirect).
      if (!isHttpUrl(next)) {
        return {
          status,
          mode: 'invalid-redirect',
          detail: `HTTP ${status} to a ${next.protocol} URL: not followed${via}`,
        };
      }
      hops.push(next.toString());
      url = stripAddedQuery(next, method, request.params);
      // A 303 means "fetch this with GET"; other redirects keep the method (inferred).
      if (status === 303) method = 'GET';
      continue;
    }
    if (status < 200 || status >= 300) {
      return { status, mode: 'http-error-status', detail: `HTTP ${status}${via}` };
    }
    const twiml = checkTwimlAnswer(request.kind, result, url.toString());
    if (!twiml.ok) return { status, mode: twiml.mode, detail: twiml.detail + via };
    return {
      status,
      xml: twiml.xml,
      verbs: twiml.verbs,
      documentUrl: url,
      detail: describeTwiml(twiml.xml, twiml.verbs) + via,
    };
  }
}

/** A GET redirect target carries our own parameters back; drop them before re-adding. */
function stripAddedQuery(url: URL, method: HttpMethod, params: Readonly<Record<string, string>>) {
  if (method !== 'GET') return url.toString();
  for (const key of Object.keys(params)) url.searchParams.delete(key);
  return url.toString();
}

function describeTwiml(xml: string, verbs: readonly TwimlElement[]): string {
  if (xml === '') return 'empty body: no reply';
  if (verbs.length === 0) return 'TwiML: empty <Response>';
  return `TwiML: ${verbs.map((verb) => verb.name).join(', ')}`;
}
