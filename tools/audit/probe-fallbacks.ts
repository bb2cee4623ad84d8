/**
 * `--probe`: one signed synthetic request (the emulator's, as Twilio would send it
 * after a primary failed: ErrorCode and ErrorUrl added) to each distinct fallback of a
 * protected item. A fallback that does not answer TwiML Twilio would execute (for a
 * call: with at least one verb; for a message: messaging TwiML only, and for
 * /error-sms.xml a document; judged by probe's own check) turns every item that relies
 * on it `fallback-broken`.
 */
import type { HttpMethod } from '../../src/request/http-method';
import { runCheck } from '../probe/judge-probe';
import { asMethod, fallbackCheck } from '../probe/probe-checks';
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

export async function probeFallbacks(
  items: readonly AuditItem[],
  authToken: string,
): Promise<{ items: AuditItem[]; probes: FallbackProbe[] }> {
  const targets = new Map<string, AuditItem>();
  for (const item of items) {
    const { fallbackUrl, fallbackMethod } = item.answerer;
    if (item.verdict !== 'protected' || fallbackUrl === null) continue;
    const key = keyOf(fallbackUrl, asMethod(fallbackMethod), item.channel);
    if (!targets.has(key)) targets.set(key, item);
  }
  const probes = new Map<string, FallbackProbe>();
  await forEachBounded([...targets], PROBE_CONCURRENCY, async ([key, item]) => {
    const { fallbackUrl, fallbackMethod, primaryUrl } = item.answerer;
    // probe --number's own check and judgement: a call needs a verb, a message
    // messaging TwiML only (/error-sms.xml: a document).
    const check = fallbackCheck(`${item.channel} fallback`, item.channel, {
      fallbackUrl: fallbackUrl!,
      fallbackMethod,
      primaryUrl: primaryUrl ?? fallbackUrl!,
    });
    let pass = false;
    let detail: string;
    try {
      const result = await runCheck(check, { to: item.phoneNumber, authToken });
      pass = result.pass;
      detail = pass ? `TwiML: ${result.verbs.join(', ') || 'empty <Response/>'}` : result.detail;
    } catch (error) {
      detail = error instanceof Error ? error.message : String(error);
    }
    probes.set(key, { url: check.url, method: check.method, channel: item.channel, pass, detail });
  });
  const judged = items.map((item) => {
    const { fallbackUrl, fallbackMethod } = item.answerer;
    if (item.verdict !== 'protected' || fallbackUrl === null) return item;
    const probe = probes.get(keyOf(fallbackUrl, asMethod(fallbackMethod), item.channel));
    return probe && !probe.pass ? { ...item, verdict: 'fallback-broken' as const } : item;
  });
  return { items: judged, probes: [...probes.values()] };
}
