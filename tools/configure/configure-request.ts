import { parseHttpMethod, type HttpMethod } from '../../src/request/http-method';
import { echoArgument } from '../cli/safe-output';
import { fallbackMethodFor, parseFunctionDomain } from '../cli/function-domain';
import {
  DEFAULT_FAILOVER_TIMEOUTS,
  checkTimeoutsTogether,
  parseTimeout,
  TIMEOUT_FLAGS,
  type FailoverTimeouts,
} from './fast-failover';
import type { Parsed } from '../../src/config/validators';
import { MIN_ANSWERS_TO_TUNE } from './auto-failover';
import { DEFAULT_MEASURE_SAMPLES } from '../emulator/measure-primary';
import { parseNumberTarget, type NumberTarget } from '../twilio-client/number-target';
import { readHttpUrl } from '../../src/request/http-url';

/** Everything `configure` will do, validated before any network call. */
export interface ConfigureRequest {
  readonly target: NumberTarget;
  /** Undefined: read it from the last `twilio-run deploy` (.twiliodeployinfo). */
  readonly domain: string | undefined;
  readonly voice: boolean;
  readonly sms: boolean;
  /** Fallback URLs → the static documents: /error.xml for calls, /error-sms.xml for messages. */
  readonly staticFallback: boolean;
  /**
   * Leave the Voice/SMS URL as it is (your own app) and set only the fallbacks;
   * `--fast-failover` then adds its overrides to that URL.
   */
  readonly keepPrimary: boolean;
  readonly method: HttpMethod;
  readonly voiceFallbackMethod: HttpMethod;
  readonly smsFallbackMethod: HttpMethod;
  readonly statusCallback: { readonly url: string; readonly method: HttpMethod } | undefined;
  /** Undefined: no connection overrides on the primary URLs (Twilio's defaults apply). */
  /**
   * `'off'` (`--no-fast-failover`): remove the fast-failover timeouts (ct, rt, tt)
   * from the primary URL, also from the one `--keep-primary` keeps.
   */
  readonly fastFailover: FailoverTimeouts | 'off' | AutoFailoverRequest | undefined;
  readonly clearVoiceApplication: boolean;
  readonly clearTrunk: boolean;
  readonly clearSmsApplication: boolean;
  readonly useInboundWebhookOnNumber: boolean;
  /**
   * Where a TwiML App or Messaging Service answers instead of the number, set the
   * fallback on that owner (its fallback fields only) instead of refusing.
   */
  readonly fallbackOnOwner?: boolean;
  readonly dryRun: boolean;
  readonly json: boolean;
}

/**
 * `--fast-failover auto`: measure the primary first, then propose the timeouts
 * (tools/configure/auto-failover.ts). Values given by flag are pinned and win.
 */
export interface AutoFailoverRequest {
  readonly mode: 'auto';
  readonly samples: number;
  readonly pinned: Partial<FailoverTimeouts>;
}

/** Options as commander hands them over: strings and booleans, unchecked. */
export interface RawConfigureOptions {
  readonly number?: string;
  readonly domain?: string;
  readonly voice?: boolean;
  readonly sms?: boolean;
  readonly staticFallback?: boolean;
  readonly keepPrimary?: boolean;
  readonly method?: string;
  readonly fallbackMethod?: string;
  readonly statusCallback?: string;
  readonly statusCallbackMethod?: string;
  /** `true` for the bare flag, the value for `--fast-failover auto`. */
  readonly fastFailover?: boolean | string;
  readonly samples?: string;
  readonly connectTimeout?: string;
  readonly readTimeout?: string;
  readonly totalTimeout?: string;
  readonly clearVoiceApplication?: boolean;
  readonly clearTrunk?: boolean;
  readonly clearSmsApplication?: boolean;
  readonly useInboundWebhookOnNumber?: boolean;
  readonly fallbackOnOwner?: boolean;
  readonly dryRun?: boolean;
  readonly json?: boolean;
}

function parseMethod(
  flag: string,
  raw: string | undefined,
  fallback: HttpMethod,
): Parsed<HttpMethod> {
  if (raw === undefined) return { ok: true, value: fallback };
  const method = parseHttpMethod(raw);
  return method.ok
    ? method
    : { ok: false, reason: `${flag} "${echoArgument(raw)}" ${method.reason}` };
}

function parseCallbackUrl(raw: string): Parsed<string> {
  const url = readHttpUrl(raw);
  if (url instanceof URL) return { ok: true, value: url.toString() };
  return {
    ok: false,
    reason: `--status-callback "${echoArgument(raw)}" is not an absolute http(s) URL`,
  };
}

/** Most requests one measurement sends: it is a measurement, not a load test. */
export const MAX_MEASURE_SAMPLES = 500;

/** `--samples`: configure's and the audit's; the audit passes its own default. */
export function parseSamples(
  raw: string | undefined,
  defaultSamples = DEFAULT_MEASURE_SAMPLES,
): Parsed<number> {
  if (raw === undefined) return { ok: true, value: defaultSamples };
  const text = raw.trim();
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < MIN_ANSWERS_TO_TUNE || value > MAX_MEASURE_SAMPLES) {
    return {
      ok: false,
      reason: `--samples "${echoArgument(raw)}" must be a whole number from ${MIN_ANSWERS_TO_TUNE} (fewer cannot estimate a p99) to ${MAX_MEASURE_SAMPLES}`,
    };
  }
  return { ok: true, value };
}

export type RequestResult = Parsed<ConfigureRequest>;

/** Checks every option and how they combine; the first problem is named in one line. */
export function buildConfigureRequest(raw: RawConfigureOptions): RequestResult {
  const fail = (reason: string): RequestResult => ({ ok: false, reason });
  if (raw.number === undefined)
    return fail('--number is required (E.164 such as +14155550100, or a PN… SID)');
  const target = parseNumberTarget(raw.number);
  if (!target.ok) return fail(target.reason);

  let domain: string | undefined;
  if (raw.domain !== undefined) {
    const parsed = parseFunctionDomain(raw.domain);
    if (!parsed.ok) return fail(parsed.reason);
    domain = parsed.value;
  }

  // Neither flag means both: the usual case is one number for calls and messages.
  const voice = raw.voice === true || raw.sms !== true;
  const sms = raw.sms === true || raw.voice !== true;

  const staticFallback = raw.staticFallback === true;
  const keepPrimary = raw.keepPrimary === true;
  if (keepPrimary && raw.method !== undefined) {
    return fail("--method sets the primary URL's method, which --keep-primary leaves as it is");
  }
  const method = parseMethod('--method', raw.method, 'POST');
  if (!method.ok) return fail(method.reason);
  const fallbackMethod = parseMethod(
    '--fallback-method',
    raw.fallbackMethod,
    fallbackMethodFor(staticFallback),
  );
  if (!fallbackMethod.ok) return fail(fallbackMethod.reason);

  let statusCallback: ConfigureRequest['statusCallback'];
  if (raw.statusCallback !== undefined) {
    // The number's StatusCallback reports call progress; messages have no such field.
    if (!voice)
      return fail(
        '--status-callback reports call status: it needs --voice (or neither --voice nor --sms)',
      );
    const url = parseCallbackUrl(raw.statusCallback);
    if (!url.ok) return fail(url.reason);
    const callbackMethod = parseMethod(
      '--status-callback-method',
      raw.statusCallbackMethod,
      'POST',
    );
    if (!callbackMethod.ok) return fail(callbackMethod.reason);
    statusCallback = { url: url.value, method: callbackMethod.value };
  } else if (raw.statusCallbackMethod !== undefined) {
    return fail('--status-callback-method needs --status-callback');
  }

  const timeoutFlags = [
    ['ct', raw.connectTimeout],
    ['rt', raw.readTimeout],
    ['tt', raw.totalTimeout],
  ] as const;
  let fastFailover: ConfigureRequest['fastFailover'];
  if (typeof raw.fastFailover === 'string' && raw.fastFailover !== 'auto') {
    return fail(
      `--fast-failover "${echoArgument(raw.fastFailover)}": the only value it takes is auto (or none for the fixed values)`,
    );
  }
  if (raw.samples !== undefined && raw.fastFailover !== 'auto') {
    return fail('--samples sizes the measurement of --fast-failover auto: add it');
  }
  // The timeouts given by flag: pinned values for auto, adjustments of the fixed ones.
  const pinned: Partial<Record<keyof FailoverTimeouts, number>> = {};
  if (raw.fastFailover === 'auto' || raw.fastFailover === true) {
    for (const [field, value] of timeoutFlags) {
      if (value === undefined) continue;
      const parsed = parseTimeout(field, value);
      if (!parsed.ok) return fail(parsed.reason);
      pinned[field] = parsed.value;
    }
  }
  if (raw.fastFailover === 'auto') {
    const samples = parseSamples(raw.samples);
    if (!samples.ok) return fail(samples.reason);
    fastFailover = { mode: 'auto', samples: samples.value, pinned };
  } else if (raw.fastFailover === true) {
    const timeouts: FailoverTimeouts = { ...DEFAULT_FAILOVER_TIMEOUTS, ...pinned };
    const clash = checkTimeoutsTogether(timeouts);
    if (clash !== undefined) return fail(clash);
    fastFailover = timeouts;
  } else {
    if (raw.fastFailover === false) fastFailover = 'off';
    const given = timeoutFlags.find(([, value]) => value !== undefined);
    if (given)
      return fail(`${TIMEOUT_FLAGS[given[0]]} adjusts --fast-failover: add --fast-failover`);
  }

  if (raw.clearVoiceApplication && !voice)
    return fail('--clear-voice-application acts on calls: it needs --voice');
  if (raw.clearTrunk && !voice) return fail('--clear-trunk acts on calls: it needs --voice');
  if (raw.clearSmsApplication && !sms)
    return fail('--clear-sms-application acts on messages: it needs --sms');
  if (raw.useInboundWebhookOnNumber && !sms) {
    return fail('--use-inbound-webhook-on-number acts on messages: it needs --sms');
  }
  if (raw.fallbackOnOwner) {
    const detaching = [
      raw.clearVoiceApplication && '--clear-voice-application',
      raw.clearSmsApplication && '--clear-sms-application',
      raw.useInboundWebhookOnNumber && '--use-inbound-webhook-on-number',
    ].find(Boolean);
    if (detaching) {
      return fail(
        `--fallback-on-owner keeps the TwiML App or Messaging Service answering; ${detaching} takes it away: choose one`,
      );
    }
  }

  return {
    ok: true,
    value: {
      target: target.value,
      domain,
      voice,
      sms,
      staticFallback,
      keepPrimary,
      method: method.value,
      voiceFallbackMethod: fallbackMethod.value,
      smsFallbackMethod: fallbackMethod.value,
      statusCallback,
      fastFailover,
      clearVoiceApplication: raw.clearVoiceApplication === true,
      clearTrunk: raw.clearTrunk === true,
      clearSmsApplication: raw.clearSmsApplication === true,
      useInboundWebhookOnNumber: raw.useInboundWebhookOnNumber === true,
      fallbackOnOwner: raw.fallbackOnOwner === true,
      dryRun: raw.dryRun === true,
      json: raw.json === true,
    },
  };
}
