/**
 * Measures how fast a primary answers: N synthetic requests, each signed and
 * probe-marked exactly as the emulator sends them (so they look like Twilio's and page
 * nobody), spaced apart and bounded in total time. Stops at the first failure: a
 * primary that fails is not measured further, and nothing is tuned from it.
 */
import {
  withConnectionOverrides,
  withoutConnectionOverrides,
  OVERRIDE_RANGES,
  TIMING_OVERRIDE_KEYS,
} from './connection-overrides';
import { fetchTwiml } from './fetch-twiml';
import { errorNameOf } from './failure-modes';
import { initialWebhookParams, type WebhookKind } from './webhook-params';
import type { HttpMethod } from '../../src/request/http-method';
import type { PrimarySample } from '../configure/auto-failover';

export const DEFAULT_MEASURE_SAMPLES = 50;
/** Whole measurement budget: a configure run never waits longer than this on it. */
export const DEFAULT_MEASURE_BUDGET_MS = 60_000;
/** Gap between the start of two requests: a measurement, not a load test. */
export const DEFAULT_MEASURE_SPACING_MS = 100;

export interface MeasurePrimaryOptions {
  /** The primary URL as configured; any connection overrides on it are replaced. */
  readonly url: string;
  readonly method: HttpMethod;
  readonly kind: WebhookKind;
  /** The account's auth token: the primary checks the signature with it. */
  readonly authToken: string;
  readonly samples?: number;
  readonly budgetMs?: number;
  readonly spacingMs?: number;
}

const pause = (ms: number) => new Promise((resolveWait) => setTimeout(resolveWait, ms));

export async function measurePrimary(options: MeasurePrimaryOptions): Promise<PrimarySample[]> {
  const samples = options.samples ?? DEFAULT_MEASURE_SAMPLES;
  const spacingMs = options.spacingMs ?? DEFAULT_MEASURE_SPACING_MS;
  const deadline = Date.now() + (options.budgetMs ?? DEFAULT_MEASURE_BUDGET_MS);
  // The measurement must see the primary's real latency, not the timeouts being tuned:
  // Twilio's default read timeout, no retry (a retried answer would hide the slow try),
  // and a total cut to what is left of the budget.
  const bare = withoutConnectionOverrides(options.url, TIMING_OVERRIDE_KEYS);
  const results: PrimarySample[] = [];
  while (results.length < samples) {
    const left = deadline - Date.now();
    if (left < OVERRIDE_RANGES.tt[0]) break;
    const started = Date.now();
    const fetched = await fetchTwiml({
      configuredUrl: withConnectionOverrides(bare, {
        rc: 0,
        tt: Math.min(OVERRIDE_RANGES.tt[1], left),
      }),
      method: options.method,
      role: 'primary',
      kind: options.kind,
      params: initialWebhookParams({ kind: options.kind }),
      authToken: options.authToken,
      startedAt: started,
    });
    const ms = Date.now() - started;
    if (fetched.result.type === 'failure') {
      const last = fetched.attempts[fetched.attempts.length - 1];
      const status = last?.status == null ? '' : `HTTP ${last.status}, `;
      results.push({
        ms,
        failure: `${status}${fetched.result.errorCode} ${errorNameOf(fetched.result.errorCode)}`,
      });
      break;
    }
    results.push({ ms });
    await pause(Math.max(0, spacingMs - ms));
  }
  return results;
}
