/**
 * Plays Twilio's part for one inbound call or message: requests the primary URL,
 * classifies a failure as Twilio would, requests the Fallback URL with `ErrorCode`
 * and `ErrorUrl`, follows `<Redirect>` and (with digits) `<Gather>`/`<Record>`
 * actions, and reports what the caller ends up with.
 *
 * Every request is bounded by its URL's `tt` (at most 15 s) and the number of hops
 * by `maxRedirects`, so a run always ends.
 */
import type { LookupFunction } from 'node:net';
import { parseWebhookUrl, type ConnectionOverrides } from './connection-overrides';
import { errorNameOf } from './failure-modes';
import { fetchTwiml, type AttemptRole, type SimulationAttempt } from './fetch-twiml';
import { nextHop } from './next-hop';
import type { HttpMethod } from '../../src/request/http-method';
import { verbNames } from './twiml-document';
import { DEFAULT_MAX_TWIML_HOPS } from './twilio-limits';
import {
  EMULATOR_ACCOUNT_SID,
  followUpParams,
  initialWebhookParams,
  LOCAL_TEST_AUTH_TOKEN,
} from './webhook-params';
import type { WebhookKind } from '../../src/request/webhook-request';

export type { SimulationAttempt } from './fetch-twiml';

export interface SimulationOptions {
  /** Primary URL; may carry `#ct=..&rt=..&tt=..&rc=..&rp=..` connection overrides. */
  url: string;
  fallbackUrl?: string;
  /** Default POST. */
  method?: HttpMethod;
  /** Default POST. */
  fallbackMethod?: HttpMethod;
  kind: WebhookKind;
  from?: string;
  to?: string;
  /** SMS text. */
  body?: string;
  /** Signs every request; default: a fixed local test token. */
  authToken?: string;
  /** Keys the caller presses at the first `<Gather>` or `<Record>` (voice). */
  digits?: string;
  /**
   * Default true: every request carries the probe marker, so the fallback pages
   * nobody (src/request/probe-marker.ts). `false` plays Twilio exactly, alerts included.
   */
  probeMarker?: boolean;
  /** Merged into every request's parameters (e.g. `ErrorCode` to probe a fallback directly). */
  extraParams?: Record<string, string>;
  /** `<Redirect>` and action hops followed before the emulator stops; default 10. */
  maxRedirects?: number;
  /** Replaces DNS resolution for every request (tests use it to make a connect hang). */
  lookup?: LookupFunction;
}

export type CallerGets = 'primary-twiml' | 'fallback-twiml' | 'stock-error' | 'nothing';

export interface SimulationReport {
  kind: WebhookKind;
  /** CallSid or MessageSid sent with every request. */
  sid: string;
  attempts: SimulationAttempt[];
  /** The `ErrorCode` sent to the fallback (or that would have been, with no Fallback URL). */
  errorCode: number | null;
  /** The catalog's name for `errorCode`. */
  errorName: string | null;
  /** The `ErrorUrl` sent with it. */
  errorUrl: string | null;
  /** The TwiML the caller ends with; null when Twilio has none to execute. */
  twiml: string | null;
  /** The URL that served `twiml`. */
  twimlUrl: string | null;
  /** Verbs of `twiml` in document order, nested nouns included. */
  verbs: string[];
  totalMs: number;
  callerGets: CallerGets;
  /** Whether the Fallback URL was requested. */
  fallbackRequested: boolean;
  /** Why the emulator stopped following the call. */
  endReason: string;
  /** Connection-override problems and other things worth knowing about the run. */
  notes: string[];
  /** The overrides the primary URL's fragment sets (Twilio's defaults where it sets none). */
  primaryOverrides?: ConnectionOverrides;
}

interface Hop {
  url: string;
  method: HttpMethod;
  role: AttemptRole;
  params: Record<string, string>;
}

/**
 * Runs one simulated call or message. Network and TwiML failures are reported, never
 * thrown; it rejects only when `url` or `fallbackUrl` is not an absolute http(s) URL.
 */
export async function simulate(options: SimulationOptions): Promise<SimulationReport> {
  // The configured URLs must be requestable; a bad URL inside TwiML is a failure row.
  const primaryOverrides = parseWebhookUrl(options.url).overrides;
  if (options.fallbackUrl !== undefined) parseWebhookUrl(options.fallbackUrl);
  const startedAt = Date.now();
  const initial = {
    ...initialWebhookParams({
      kind: options.kind,
      ...(options.from !== undefined ? { from: options.from } : {}),
      ...(options.to !== undefined ? { to: options.to } : {}),
      ...(options.body !== undefined ? { body: options.body } : {}),
      probe: options.probeMarker !== false,
    }),
    ...options.extraParams,
  };
  const sid = initial.CallSid ?? initial.MessageSid ?? '';
  const maxHops = options.maxRedirects ?? DEFAULT_MAX_TWIML_HOPS;
  const attempts: SimulationAttempt[] = [];
  const notes: string[] = [];
  let digits = options.digits;
  let hop: Hop = {
    url: options.url,
    method: options.method ?? 'POST',
    role: 'primary',
    params: initial,
  };
  let error: { code: number; url: string } | undefined;
  let fallbackRequested = false;
  let hopsFollowed = 0;

  const finish = (
    callerGets: CallerGets,
    endReason: string,
    document?: { xml: string; url: string; verbs: string[] },
  ): SimulationReport => ({
    kind: options.kind,
    sid,
    attempts,
    errorCode: error?.code ?? null,
    errorName: error ? errorNameOf(error.code) : null,
    errorUrl: error?.url ?? null,
    twiml: document?.xml ?? null,
    twimlUrl: document?.url ?? null,
    verbs: document?.verbs ?? [],
    totalMs: Date.now() - startedAt,
    callerGets,
    fallbackRequested,
    endReason,
    notes,
    primaryOverrides,
  });

  for (;;) {
    const fetched = await fetchTwiml({
      configuredUrl: hop.url,
      method: hop.method,
      role: hop.role,
      kind: options.kind,
      params: hop.params,
      authToken: options.authToken ?? LOCAL_TEST_AUTH_TOKEN,
      startedAt,
      ...(options.lookup ? { lookup: options.lookup } : {}),
    });
    attempts.push(...fetched.attempts);
    notes.push(...fetched.warnings.map((warning) => `${hop.role}: ${warning}`));
    const { result } = fetched;

    if (result.type === 'failure') {
      if (hop.role === 'fallback' || options.fallbackUrl === undefined) {
        error ??= { code: result.errorCode, url: result.errorUrl };
        // No second fallback: Twilio gives up on the call or message.
        return finish(
          options.kind === 'voice' ? 'stock-error' : 'nothing',
          hop.role === 'fallback'
            ? `the Fallback URL failed too (${result.errorCode})`
            : `no Fallback URL configured`,
        );
      }
      // A mid-call fetch (<Redirect>, action) that fails goes to the number's Fallback
      // URL with ErrorUrl = that URL, also when the failing document came from the
      // fallback itself (a redirect recovery to a standby that is down): Twilio calls it
      // "a fatal error while executing your call"
      // (https://www.twilio.com/docs/usage/security/availability-reliability). That it
      // applies after the fallback already ran once is inferred; the fallback Function's
      // loop guard (src/recovery/choose-recovery.ts) relies on the same reading. Only the
      // Fallback URL's own failure ends the call. maxRedirects bounds the loop.
      error = { code: result.errorCode, url: result.errorUrl };
      fallbackRequested = true;
      hop = {
        url: options.fallbackUrl,
        method: options.fallbackMethod ?? 'POST',
        role: 'fallback',
        params: { ...hop.params, ErrorCode: String(result.errorCode), ErrorUrl: result.errorUrl },
      };
      continue;
    }

    const document = { xml: result.xml, url: result.documentUrl, verbs: verbNames(result.verbs) };
    const callerGets: CallerGets = fallbackRequested ? 'fallback-twiml' : 'primary-twiml';
    const next = nextHop(result.verbs, {
      documentUrl: result.documentUrl,
      kind: options.kind,
      digits,
      accountSid: initial.AccountSid ?? EMULATOR_ACCOUNT_SID,
    });
    if (next.type === 'end') return finish(callerGets, next.reason, document);
    if (hopsFollowed >= maxHops) {
      return finish(
        callerGets,
        `stopped after ${maxHops} <Redirect>/action hops (the emulator's limit; Twilio would go on)`,
        document,
      );
    }
    hopsFollowed += 1;
    if (next.usedDigits) digits = undefined;
    hop = {
      url: next.url,
      method: next.method,
      role: next.type,
      params: { ...followUpParams(initial), ...next.params },
    };
  }
}
