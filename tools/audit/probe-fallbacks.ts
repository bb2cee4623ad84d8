/**
 * `--probe`: one signed synthetic request (the emulator's, as Twilio would send it
 * after a primary failed: ErrorCode and ErrorUrl added) to each distinct fallback of a
 * protected item. A fallback that does not answer TwiML Twilio would execute (for a
 * call: with at least one verb) turns every item that relies on it `fallback-broken`.
 */
import { parseWebhookUrl } from '../emulator/connection-overrides';
import type { HttpMethod } from '../../src/request/http-method';
import { simulate } from '../emulator/simulate';
import { SAMPLE_ERROR_CODE } from '../probe/probe-checks';
import type { AuditItem } from './audit-items';
import { forEachBounded } from './read-account';

/** Fallbacks probed at the same time: each request may take up to its `tt`. */
const PROBE_CONCURRENCY = 4;

export interface FallbackProbe {
  readonly url: string;
  readonly method: HttpMethod;
  readonly channel: AuditItem['channel'];
  readonly pass: boolean;
  readonly detail: string;
}

function keyOf(url: string, method: string, channel: string): string {
  return `${channel} ${method} ${url}`;
}

function methodOf(raw: string | null): HttpMethod {
  return raw?.toUpperCase() === 'GET' ? 'GET' : 'POST';
}

function errorUrlOf(primaryUrl: string | null): string {
  if (primaryUrl === null) return '';
  try {
    // Twilio sends ErrorUrl without the connection-override fragment it never requests.
    return parseWebhookUrl(primaryUrl).requestUrl;
  } catch {
    return primaryUrl;
  }
}

export async function probeFallbacks(
  items: readonly AuditItem[],
  authToken: string,
): Promise<{ items: AuditItem[]; probes: FallbackProbe[] }> {
  const targets = new Map<string, { item: AuditItem; method: HttpMethod }>();
  for (const item of items) {
    const { fallbackUrl, fallbackMethod } = item.answerer;
    if (item.verdict !== 'protected' || fallbackUrl === null) continue;
    const method = methodOf(fallbackMethod);
    const key = keyOf(fallbackUrl, method, item.channel);
    if (!targets.has(key)) targets.set(key, { item, method });
  }
  const probes = new Map<string, FallbackProbe>();
  await forEachBounded([...targets], PROBE_CONCURRENCY, async ([key, { item, method }]) => {
    const url = item.answerer.fallbackUrl!;
    let pass = false;
    let detail: string;
    try {
      const report = await simulate({
        url,
        method,
        kind: item.channel,
        to: item.phoneNumber,
        authToken,
        extraParams: {
          ErrorCode: SAMPLE_ERROR_CODE,
          ErrorUrl: errorUrlOf(item.answerer.primaryUrl),
        },
      });
      const last = report.attempts.at(-1);
      // A message may get no reply; a call needs something to execute.
      pass =
        report.callerGets === 'primary-twiml' &&
        (item.channel === 'sms' || report.verbs.length > 0);
      detail = pass
        ? `TwiML: ${report.verbs.join(', ') || 'empty <Response/>'}`
        : report.callerGets === 'primary-twiml'
          ? 'empty <Response/>: the caller would be hung up on'
          : [report.errorCode, last?.detail ?? report.endReason].filter(Boolean).join(': ');
    } catch (error) {
      detail = error instanceof Error ? error.message : String(error);
    }
    probes.set(key, { url, method, channel: item.channel, pass, detail });
  });
  const judged = items.map((item) => {
    const { fallbackUrl, fallbackMethod } = item.answerer;
    if (item.verdict !== 'protected' || fallbackUrl === null) return item;
    const probe = probes.get(keyOf(fallbackUrl, methodOf(fallbackMethod), item.channel));
    return probe && !probe.pass ? { ...item, verdict: 'fallback-broken' as const } : item;
  });
  return { items: judged, probes: [...probes.values()] };
}
