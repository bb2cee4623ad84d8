/**
 * `--fast-failover auto`: from a measurement of the primary's answers, the shortest
 * connection overrides that still leave a healthy primary time to answer.
 *
 * The rule (printed with every proposal, see `reasoningLines`):
 *   rt = max(1000 ms, 3 × p99), rounded up to 100 ms: an answer three times slower than
 *        the slowest 1 % measured is what the rule calls a failure, so the stated target is
 *        fewer than 1 false failover in 1,000 healthy requests.
 *   ct = 1000 ms: the connect is not timed separately (the measurement sees whole
 *        answers), and Twilio connects to a Function's domain over an open edge; the
 *        project's fixed --fast-failover value is kept.
 *   tt = ct + rt: one slow connect plus one full read still fits in the total.
 *   rc = 1: Twilio's default (one retry, spent on connect timeouts only), not written.
 * Ranges: https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides
 */
import { DEFAULT_CONNECTION_OVERRIDES, OVERRIDE_RANGES } from '../emulator/connection-overrides';
import type { Parsed } from '../../src/config/validators';
import {
  checkTimeoutsTogether,
  DEFAULT_FAILOVER_TIMEOUTS,
  worstCaseFailoverMs,
  type FailoverTimeouts,
} from './fast-failover';

/** Below this many TwiML answers a p99 is a guess: refuse rather than tune from it. */
export const MIN_ANSWERS_TO_TUNE = 20;
/** rt is at least this many times the measured p99 (see the rule above). */
export const READ_TIMEOUT_P99_FACTOR = 3;
/** rt never goes below this, whatever the measurement: a cold start has to fit. */
export const MIN_AUTO_READ_TIMEOUT_MS = 1000;
export const AUTO_CONNECT_TIMEOUT_MS = DEFAULT_FAILOVER_TIMEOUTS.ct;
/** The retry count proposed: Twilio's default, so it is not written on the URL. */
export const AUTO_RETRY_COUNT = DEFAULT_CONNECTION_OVERRIDES.rc;

/** One synthetic request's outcome: how long the answer took, and whether it was TwiML. */
export interface PrimarySample {
  readonly ms: number;
  /** Undefined: the primary answered valid TwiML. Otherwise why it did not. */
  readonly failure?: string;
}

export interface LatencySummary {
  /** Requests sent. */
  readonly sent: number;
  /** Requests answered with TwiML; the percentiles are over these only. */
  readonly answered: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  /** The first failure seen, if any (the measurement stops there). */
  readonly firstFailure: string | undefined;
}

/** Nearest-rank percentile of ascending `sorted` (0 when empty). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1] ?? 0;
}

export function summarizeSamples(samples: readonly PrimarySample[]): LatencySummary {
  const answered = samples
    .filter((sample) => sample.failure === undefined)
    .map((sample) => sample.ms)
    .sort((a, b) => a - b);
  return {
    sent: samples.length,
    answered: answered.length,
    p50: percentile(answered, 50),
    p90: percentile(answered, 90),
    p99: percentile(answered, 99),
    max: answered[answered.length - 1] ?? 0,
    firstFailure: samples.find((sample) => sample.failure !== undefined)?.failure,
  };
}

export interface AutoFailoverProposal {
  readonly timeouts: FailoverTimeouts;
  readonly rc: number;
  /** Which keys came from a flag rather than the rule. */
  readonly pinned: readonly (keyof FailoverTimeouts)[];
}

const roundUpTo100 = (ms: number) => Math.ceil(ms / 100) * 100;

/**
 * The proposal, or why there is none: too few answers, a failure during the
 * measurement, or a primary too slow for any rt Twilio accepts. Pinned values win.
 */
export function proposeFailoverTimeouts(
  summary: LatencySummary,
  pinned: Partial<FailoverTimeouts> = {},
): Parsed<AutoFailoverProposal> {
  if (summary.firstFailure !== undefined) {
    return {
      ok: false,
      reason: `the primary failed during the measurement (${summary.firstFailure}): fix it first, tuning timeouts to a failing primary would hide the failure`,
    };
  }
  if (summary.answered < MIN_ANSWERS_TO_TUNE) {
    return {
      ok: false,
      reason: `only ${summary.answered} TwiML answers in the time allowed; at least ${MIN_ANSWERS_TO_TUNE} are needed to estimate a p99`,
    };
  }
  const rtMax = OVERRIDE_RANGES.rt[1];
  const ruleRt = roundUpTo100(
    Math.max(MIN_AUTO_READ_TIMEOUT_MS, READ_TIMEOUT_P99_FACTOR * summary.p99),
  );
  if (ruleRt > rtMax && pinned.rt === undefined) {
    return {
      ok: false,
      reason: `p99 ${summary.p99} ms needs rt ${ruleRt} ms, above Twilio's maximum ${rtMax}: the primary is too slow to fail over early safely`,
    };
  }
  const ct = pinned.ct ?? AUTO_CONNECT_TIMEOUT_MS;
  const rt = pinned.rt ?? ruleRt;
  const tt = pinned.tt ?? Math.min(OVERRIDE_RANGES.tt[1], ct + rt);
  const timeouts = { ct, rt, tt };
  const clash = checkTimeoutsTogether(timeouts);
  if (clash !== undefined) return { ok: false, reason: clash };
  const pinnedKeys = (['ct', 'rt', 'tt'] as const).filter((key) => pinned[key] !== undefined);
  return { ok: true, value: { timeouts, rc: AUTO_RETRY_COUNT, pinned: pinnedKeys } };
}

/** The two lines of reasoning printed with a proposal. */
export function reasoningLines(summary: LatencySummary): readonly string[] {
  return [
    `rt = max(${MIN_AUTO_READ_TIMEOUT_MS}, ${READ_TIMEOUT_P99_FACTOR} × p99 ${summary.p99}) rounded up to 100 ms: target under 1 false failover in 1,000 healthy requests.`,
    `ct = ${AUTO_CONNECT_TIMEOUT_MS} (connect not timed separately), tt = ct + rt so one slow connect and one full read fit, rc = ${AUTO_RETRY_COUNT} (Twilio's default).`,
  ];
}

/** The report printed before the configure table: measurement, values, waits, reasoning. */
export function formatAutoFailover(
  url: string,
  summary: LatencySummary,
  proposal: AutoFailoverProposal,
): string {
  const { ct, rt, tt } = proposal.timeouts;
  const pinned =
    proposal.pinned.length > 0 ? ` (pinned by flag: ${proposal.pinned.join(', ')})` : '';
  return [
    `Measured ${url}: ${summary.answered}/${summary.sent} TwiML answers, p50 ${summary.p50} ms, p90 ${summary.p90} ms, p99 ${summary.p99} ms, max ${summary.max} ms, 0 errors.`,
    `Proposed: ct=${ct} rt=${rt} tt=${tt} rc=${proposal.rc}${pinned}`,
    `Worst-case caller wait when the primary hangs: ${worstCaseFailoverMs(proposal.timeouts)} ms tuned, ${worstCaseFailoverMs(DEFAULT_FAILOVER_TIMEOUTS)} ms with fixed --fast-failover, ${worstCaseFailoverMs(DEFAULT_CONNECTION_OVERRIDES)} ms with Twilio's defaults.`,
    ...reasoningLines(summary),
    '',
  ].join('\n');
}
