import { PROBE_MARKER_PARAMS } from '../../src/request/probe-marker';
import { parseWebhookUrl } from '../emulator/connection-overrides';
import { parseHttpMethod, type HttpMethod } from '../../src/request/http-method';
import { detectShadowing } from '../twilio-client/detect-shadowing';
import {
  functionUrls,
  STATIC_FALLBACK_METHOD,
  STATIC_FALLBACK_PATHS,
} from '../cli/function-domain';
import type { MessagingMembership } from '../twilio-client/messaging-membership';
import type { NumberSnapshot } from '../twilio-client/number-snapshot';
import type { WebhookKind } from '../../src/request/webhook-request';

export type Channel = WebhookKind;

/**
 * How the emulator connects to a check's URL when Twilio does not go by the URL's own
 * fragment (a Webhook Rule's Setting decides it, see webhook-rule-notes.ts).
 */
export interface EmulatedConnection {
  /** The URL with the connection overrides Twilio applies as its fragment. */
  readonly url: string;
  /** Says which values were emulated and why, in the check's detail. */
  readonly detail: string;
}

/** One synthetic request the probe sends through the emulator. */
export interface ProbeCheck {
  readonly name: string;
  readonly kind: Channel;
  /** As configured (shown in the table). */
  readonly url: string;
  readonly method: HttpMethod;
  /** Requested as this instead of `url`'s own fragment says. */
  readonly emulatedAs?: EmulatedConnection;
  /** `ErrorCode`/`ErrorUrl` when the check plays Twilio requesting a fallback. */
  readonly extraParams?: Readonly<Record<string, string>>;
  /**
   * A call needs something to execute; a message may legitimately get no reply
   * (an empty `<Response/>`), so an SMS check only needs valid messaging TwiML (every
   * SMS check rejects voice verbs, see judgeProbe).
   */
  readonly requireVerbs: boolean;
  /**
   * A static messaging document (/error-sms.xml): beyond messaging TwiML only, it must
   * be a `<Response>` document, not an empty body (see judgeProbe).
   */
  readonly messagingDocument?: true;
}

/** A failed check that needs no request: the configuration itself is wrong. */
export interface ConfigurationProblem {
  readonly name: string;
  readonly detail: string;
}

/**
 * The `ErrorCode` a fallback probe carries: 11200, HTTP retrieval failure, the code
 * Twilio sends for any 4xx/5xx from the primary, i.e. the most common real case.
 */
export const SAMPLE_ERROR_CODE = '11200';

export interface Channels {
  readonly voice: boolean;
  readonly sms: boolean;
}

/** The URL Twilio requests (no override fragment); a URL it cannot parse, as it is. */
function requestedUrl(url: string): string {
  try {
    return parseWebhookUrl(url).requestUrl;
  } catch {
    return url;
  }
}

function fallbackParams(failedUrl: string): Record<string, string> {
  // Twilio sends ErrorUrl without the connection-override fragment it never requests.
  // The made-up ErrorCode travels with the probe marker, whoever sends it: the
  // fallback must not page on-call or take the flood window for it.
  return {
    ErrorCode: SAMPLE_ERROR_CODE,
    ErrorUrl: requestedUrl(failedUrl),
    ...PROBE_MARKER_PARAMS,
  };
}

/** The service's three endpoints, as this project deploys them. */
export function serviceChecks(baseUrl: string, channels: Channels): ProbeCheck[] {
  const urls = functionUrls(baseUrl);
  const checks: ProbeCheck[] = [];
  for (const kind of ['voice', 'sms'] as const) {
    if (!channels[kind]) continue;
    checks.push({
      name: `${kind} /primary`,
      kind,
      url: urls.primary,
      method: 'POST',
      requireVerbs: kind === 'voice',
    });
  }
  for (const kind of ['voice', 'sms'] as const) {
    if (!channels[kind]) continue;
    checks.push({
      name: `${kind} /fallback`,
      kind,
      url: urls.fallback,
      method: 'POST',
      extraParams: fallbackParams(urls.primary),
      requireVerbs: kind === 'voice',
    });
  }
  // The static fallbacks, fetched with GET as `configure` and `audit --fix` set them.
  if (channels.voice) {
    checks.push({
      name: 'voice /error.xml',
      kind: 'voice',
      url: urls.staticFallback,
      method: STATIC_FALLBACK_METHOD,
      extraParams: fallbackParams(urls.primary),
      requireVerbs: true,
    });
  }
  if (channels.sms) {
    checks.push({
      name: 'sms /error-sms.xml',
      kind: 'sms',
      url: urls.staticSmsFallback,
      method: STATIC_FALLBACK_METHOD,
      extraParams: fallbackParams(urls.primary),
      requireVerbs: false,
      messagingDocument: true,
    });
  }
  return checks;
}

const LABEL = { voice: 'Voice', sms: 'SMS' } as const;

/**
 * Exactly what the number is configured with: its primary and fallback URL per
 * channel, with the methods set there. What would keep Twilio from using those URLs
 * (a TwiML App, a trunk, a Messaging Service) or a missing URL is a failed check.
 * `emulatedPrimaries`: the primaries whose connection a Webhook Rule decides.
 */
export function numberChecks(
  number: NumberSnapshot,
  memberships: readonly MessagingMembership[],
  channels: Channels,
  emulatedPrimaries: Partial<Record<Channel, EmulatedConnection>> = {},
): { checks: ProbeCheck[]; problems: ConfigurationProblem[] } {
  const checks: ProbeCheck[] = [];
  const problems: ConfigurationProblem[] = [];
  for (const shadow of detectShadowing({
    number,
    memberships,
    ...channels,
    clearVoiceApplication: false,
    clearTrunk: false,
    clearSmsApplication: false,
    useInboundWebhookOnNumber: false,
  })) {
    problems.push({
      name: `${shadow.channel} routing`,
      detail: `${shadow.what} handles it, not the URLs below (fix: npm run configure -- ${shadow.flag})`,
    });
  }
  const fields = {
    voice: [
      number.voiceUrl,
      number.voiceMethod,
      number.voiceFallbackUrl,
      number.voiceFallbackMethod,
    ],
    sms: [number.smsUrl, number.smsMethod, number.smsFallbackUrl, number.smsFallbackMethod],
  } as const;
  for (const kind of ['voice', 'sms'] as const) {
    if (!channels[kind]) continue;
    const [url, method, fallbackUrl, fallbackMethod] = fields[kind];
    if (url) {
      const emulatedAs = emulatedPrimaries[kind];
      checks.push({
        name: `${kind} ${LABEL[kind]} URL`,
        kind,
        url,
        method: asMethod(method),
        requireVerbs: kind === 'voice',
        ...(emulatedAs ? { emulatedAs } : {}),
      });
    } else {
      problems.push({
        name: `${kind} ${LABEL[kind]} URL`,
        detail: `the number has no ${LABEL[kind]} URL`,
      });
    }
    if (fallbackUrl) {
      checks.push(
        fallbackCheck(`${kind} ${LABEL[kind]} Fallback URL`, kind, {
          fallbackUrl,
          fallbackMethod,
          primaryUrl: url ?? fallbackUrl,
        }),
      );
    } else {
      problems.push({
        name: `${kind} ${LABEL[kind]} Fallback URL`,
        detail: `the number has no ${LABEL[kind]} Fallback URL: a failing primary leaves ${kind === 'voice' ? "callers with Twilio's stock error" : 'senders with no reply'}`,
      });
    }
  }
  return { checks, problems };
}

/**
 * A configured fallback, requested as Twilio requests it after `primaryUrl` failed
 * (ErrorCode, ErrorUrl, the probe marker). `probe --number` and `audit --probe` judge
 * a fallback alike through this one check.
 */
export function fallbackCheck(
  name: string,
  kind: Channel,
  configured: {
    readonly fallbackUrl: string;
    readonly fallbackMethod: string | null;
    readonly primaryUrl: string;
  },
): ProbeCheck {
  return {
    name,
    kind,
    url: configured.fallbackUrl,
    method: asMethod(configured.fallbackMethod),
    extraParams: fallbackParams(configured.primaryUrl),
    requireVerbs: kind === 'voice',
    // This project's messaging document (configure --static-fallback): judged as the
    // service probe judges it. Any other SMS fallback (this project's voice /error.xml
    // included) is still held to messaging TwiML, by its channel.
    ...(kind === 'sms' && isStaticSmsDocument(configured.fallbackUrl)
      ? { messagingDocument: true }
      : {}),
  };
}

function isStaticSmsDocument(url: string): boolean {
  try {
    return new URL(url).pathname === STATIC_FALLBACK_PATHS.sms;
  } catch {
    return false;
  }
}

/** Twilio's default for an unset method is POST. */
export function asMethod(method: string | null): HttpMethod {
  const parsed = parseHttpMethod(method ?? '');
  return parsed.ok ? parsed.value : 'POST';
}
