/**
 * Part 9: `--fast-failover auto` side by side with the fixed `--fast-failover` values and
 * Twilio's defaults, for three loopback primaries whose seeded log-normal latencies have
 * a p99 of about 200 ms, 1 s and 2.5 s:
 * - the tuned values, from the code `configure --fast-failover auto` runs (measurePrimary,
 *   summarizeSamples, proposeFailoverTimeouts);
 * - the caller's wait when that primary hangs, measured through the emulator (tuned and
 *   fixed); Twilio's 15 s default is computed (part 4 measures it);
 * - false failovers: healthy requests (the primary answers, never hangs) that the
 *   emulator's own timeout handling (fetchTwiml) gives up on, per setting, over the same
 *   seeded answers.
 * The three primaries are measured in parallel so the part stays under a minute.
 */
import { scaled } from './failover-wait';
import type { Figure, PartResult, Ratio, TargetCheck } from './bench-results';
import type { BenchSizes } from './bench-sizes';
import { startLatencyPrimary, type LatencyPrimary, type LatencyProfile } from './latency-primary';
import { roundFigure } from './percentiles';
import { forEachBounded } from '../tools/audit/read-account';
import {
  proposeFailoverTimeouts,
  summarizeSamples,
  type LatencySummary,
} from '../tools/configure/auto-failover';
import {
  DEFAULT_FAILOVER_TIMEOUTS,
  fastFailoverUrl,
  worstCaseFailoverMs,
  type FailoverTimeouts,
} from '../tools/configure/fast-failover';
import { DEFAULT_CONNECTION_OVERRIDES } from '../tools/emulator/connection-overrides';
import { measureHungPrimaryFailover } from '../tools/emulator/failover-wait';
import { fetchTwiml } from '../tools/emulator/fetch-twiml';
import { measurePrimary } from '../tools/emulator/measure-primary';
import { initialWebhookParams } from '../tools/emulator/webhook-params';

const LATENCY_PROFILES: readonly LatencyProfile[] = [
  { id: 'p99-200ms', medianMs: 60, p99Ms: 200 },
  { id: 'p99-1s', medianMs: 250, p99Ms: 1000 },
  { id: 'p99-2500ms', medianMs: 600, p99Ms: 2500 },
];
/** Fixed so reruns replay the same delays (seed 2026 also gives 0 tuned false failovers). */
const SEED = 12;
const AUTH_TOKEN = 'bench-tuned-failover-token';
/** The "p99 ≤ 300 ms" primary. */
const FAST_PRIMARY = 'p99-200ms';
const SLOW_PRIMARY = 'p99-2500ms';

const TARGET_NO_FALSE =
  'auto-tuned values: 0 false failovers in the healthy requests, every primary';
const TARGET_FAST_WAIT =
  'primary with p99 ≤ 300 ms: auto-tuned hung-primary wait ≤ ½ the fixed --fast-failover wait';

type SettingId = 'tuned' | 'fixed' | 'default';

interface ProfileRun {
  readonly profile: LatencyProfile;
  readonly summary: LatencySummary;
  readonly tuned: FailoverTimeouts | undefined;
  readonly refusal: string | undefined;
  readonly slowestHealthyMs: number;
  readonly tunedWaitMs: number | undefined;
  readonly falseFailovers: Readonly<Record<SettingId, number>> | undefined;
  /** Largest time an answered healthy request took beyond the primary's own delay. */
  readonly maxOverheadMs: number | undefined;
}

type Setting = readonly [SettingId, FailoverTimeouts | undefined];

/**
 * Healthy requests (each answer arrives, maybe late) the emulator gave up on, per
 * setting: every setting replays the same seeded answers, all in one pool of requests.
 * How many are in flight follows the primary's mean latency so the request RATE stays
 * near `requestsPerSecond`: the bench process's own delay (signing, parsing, a shared
 * CPU) must not be what times a request out, only the primary's latency.
 */
async function countFalseFailovers(
  primary: LatencyPrimary,
  settings: readonly Setting[],
  requestsPerSecond: number,
): Promise<{ failed: Record<SettingId, number>; maxOverheadMs: number }> {
  const failed: Record<SettingId, number> = { tuned: 0, fixed: 0, default: 0 };
  let maxOverheadMs = 0;
  const delays = primary.healthyDelays;
  const meanSeconds = delays.reduce((sum, ms) => sum + ms, 0) / Math.max(1, delays.length) / 1000;
  const inFlight = Math.max(5, Math.min(200, Math.round(requestsPerSecond * meanSeconds)));
  const params = initialWebhookParams({ kind: 'voice' });
  const jobs = delays.flatMap((_delay, index) => settings.map((setting) => ({ setting, index })));
  await forEachBounded(jobs, inFlight, async ({ setting: [id, timeouts], index }) => {
    const url = `${primary.baseUrl}/voice?healthy=${index}`;
    const started = Date.now();
    const fetched = await fetchTwiml({
      configuredUrl: timeouts === undefined ? url : fastFailoverUrl(url, timeouts),
      method: 'POST',
      role: 'primary',
      kind: 'voice',
      params,
      authToken: AUTH_TOKEN,
      startedAt: started,
    });
    if (fetched.result.type === 'failure') failed[id] += 1;
    // Time beyond the primary's own delay (answered requests only): the bench's share.
    else maxOverheadMs = Math.max(maxOverheadMs, Date.now() - started - (delays[index] ?? 0));
  });
  return { failed, maxOverheadMs };
}

/** The auto-tune path exactly as `configure --fast-failover auto` runs it. */
async function autoTune(primary: LatencyPrimary, profile: LatencyProfile, sizes: BenchSizes) {
  const samples = await measurePrimary({
    url: `${primary.baseUrl}/voice`,
    method: 'POST',
    kind: 'voice',
    authToken: AUTH_TOKEN,
    samples: sizes.tunedFailover.samples,
    spacingMs: sizes.tunedFailover.spacingMs,
  });
  const summary = summarizeSamples(samples);
  const proposal = proposeFailoverTimeouts(summary);
  return {
    profile,
    primary,
    summary,
    tuned: proposal.ok ? proposal.value.timeouts : undefined,
    refusal: proposal.ok ? undefined : proposal.reason,
  };
}

/**
 * Three phases: tune every primary at once (each measurement is sequential and light),
 * count false failovers one primary at a time, then the hung-primary waits, all at once
 * and alone, so no load stretches them.
 */
async function runProfiles(
  sizes: BenchSizes,
): Promise<{ fixedWaitMs: number; runs: ProfileRun[] }> {
  const size = sizes.tunedFailover;
  const primaries: LatencyPrimary[] = [];
  try {
    for (const profile of LATENCY_PROFILES) {
      primaries.push(
        await startLatencyPrimary(profile, {
          seed: SEED,
          healthyCount: size.healthyRequests,
          scale: size.latencyScale,
        }),
      );
    }
    const tuned = await Promise.all(
      LATENCY_PROFILES.map((profile, index) => autoTune(primaries[index]!, profile, sizes)),
    );
    // One primary at a time: together they would load the bench process itself.
    const falseFailovers: (
      { failed: Record<SettingId, number>; maxOverheadMs: number } | undefined
    )[] = [];
    for (const run of tuned) {
      falseFailovers.push(
        run.tuned &&
          (await countFalseFailovers(
            run.primary,
            [
              ['tuned', run.tuned],
              ['fixed', DEFAULT_FAILOVER_TIMEOUTS],
              ['default', undefined],
            ],
            size.requestsPerSecond,
          )),
      );
    }
    const [fixedWait, ...tunedWaits] = await Promise.all([
      measureHungPrimaryFailover({
        overrides: scaled(DEFAULT_FAILOVER_TIMEOUTS, size.latencyScale),
      }),
      ...tuned.map(
        (run) =>
          run.tuned &&
          measureHungPrimaryFailover({ overrides: scaled(run.tuned, size.latencyScale) }),
      ),
    ]);
    return {
      fixedWaitMs: fixedWait.waitMs,
      runs: tuned.map((run, index) => ({
        profile: run.profile,
        summary: run.summary,
        tuned: run.tuned,
        refusal: run.refusal,
        slowestHealthyMs: Math.max(0, ...run.primary.healthyDelays),
        tunedWaitMs: tunedWaits[index]?.waitMs,
        falseFailovers: falseFailovers[index]?.failed,
        maxOverheadMs: falseFailovers[index]?.maxOverheadMs,
      })),
    };
  } finally {
    await Promise.all(primaries.map((primary) => primary.close()));
  }
}

export async function measureTunedFailover(sizes: BenchSizes): Promise<PartResult> {
  const quick = sizes.mode === 'quick';
  const factor = sizes.tunedFailover.latencyScale;
  const { fixedWaitMs, runs } = await runProfiles(sizes);
  const suffix = quick ? `, quick mode: latencies and timeouts scaled ×${factor}` : '';
  const healthy = sizes.tunedFailover.healthyRequests;
  const defaultWorst = worstCaseFailoverMs(DEFAULT_CONNECTION_OVERRIDES);
  const figures: Figure[] = [
    {
      id: 'tuned.fixed.wait',
      label: `hung primary, fixed --fast-failover #ct=${DEFAULT_FAILOVER_TIMEOUTS.ct}&rt=${DEFAULT_FAILOVER_TIMEOUTS.rt}&tt=${DEFAULT_FAILOVER_TIMEOUTS.tt} (measured${suffix}): caller waits`,
      value: roundFigure(fixedWaitMs / 1000),
      unit: 's',
    },
    {
      id: 'tuned.default.worst-case',
      label: `hung primary, Twilio's defaults: worst case COMPUTED, not measured here (min(tt, ct + rt); part 4 measures it)`,
      value: roundFigure(defaultWorst / 1000),
      unit: 's',
    },
  ];
  const ratios: Ratio[] = [];
  const notes: string[] = [];
  for (const run of runs) {
    const { id } = run.profile;
    const { summary } = run;
    const about = `primary ${id} (median ${run.profile.medianMs} ms${suffix})`;
    figures.push({
      id: `tuned.${id}.measured-p99`,
      label: `${about}: p99 measured by auto-tune (${summary.answered}/${summary.sent} answers)`,
      value: summary.p99,
      unit: 'ms',
    });
    if (run.tuned === undefined || run.falseFailovers === undefined) {
      notes.push(`Part 9, ${about}: not tuned: ${run.refusal ?? 'unknown'}.`);
      continue;
    }
    const { ct, rt, tt } = run.tuned;
    figures.push(
      {
        id: `tuned.${id}.rt`,
        label: `${about}: auto-tuned rt (ct=${ct}, tt=${tt})`,
        value: rt,
        unit: 'ms',
      },
      {
        id: `tuned.${id}.wait`,
        label: `${about}: hung primary, auto-tuned values (measured): caller waits`,
        value: roundFigure((run.tunedWaitMs ?? 0) / 1000),
        unit: 's',
      },
      {
        id: `tuned.${id}.worst-case`,
        label: `${about}: hung primary, auto-tuned worst case (computed: slow connect + read timeout, capped by tt)`,
        value: roundFigure(worstCaseFailoverMs(run.tuned) / 1000),
        unit: 's',
      },
    );
    figures.push({
      id: `tuned.${id}.bench-overhead`,
      label: `${about}: largest time a healthy request took beyond the primary's own delay (the bench process's share, not the primary's)`,
      value: run.maxOverheadMs ?? 0,
      unit: 'ms',
    });
    for (const setting of ['tuned', 'fixed', 'default'] as const) {
      figures.push({
        id: `tuned.${id}.false-failovers.${setting}`,
        label: `${about}: false failovers in ${healthy} healthy requests, ${setting === 'tuned' ? 'auto-tuned values' : setting === 'fixed' ? 'fixed --fast-failover' : "Twilio's defaults"}`,
        value: run.falseFailovers[setting],
        unit: 'requests',
      });
    }
    notes.push(
      `Part 9, ${about}: measured p50 ${summary.p50} ms, p99 ${summary.p99} ms, max ${summary.max} ms over ${summary.answered} answers; tuned ct=${ct} rt=${rt} tt=${tt}; slowest of the ${healthy} healthy answers ${run.slowestHealthyMs} ms.`,
    );
  }
  const byId = new Map(runs.map((run) => [run.profile.id, run]));
  const fast = byId.get(FAST_PRIMARY);
  const slow = byId.get(SLOW_PRIMARY);
  if (fast?.tunedWaitMs !== undefined) {
    ratios.push({
      id: 'ratio.tuned-over-fixed.wait',
      label: `auto-tuned ÷ fixed --fast-failover hung-primary wait, primary ${FAST_PRIMARY}`,
      value: roundFigure(fast.tunedWaitMs / fixedWaitMs),
      unit: '×',
      numerator: `tuned.${FAST_PRIMARY}.wait`,
      denominator: 'tuned.fixed.wait',
    });
  }
  if (slow?.falseFailovers) {
    notes.push(
      `Part 9: the fixed --fast-failover rt=${DEFAULT_FAILOVER_TIMEOUTS.rt} ms fails over ${slow.falseFailovers.fixed} of ${healthy} healthy requests of the ${SLOW_PRIMARY} primary; the auto-tuned values ${slow.falseFailovers.tuned}.`,
    );
  }
  const allTuned = runs.every((run) => run.falseFailovers !== undefined);
  const tunedCounts = runs.map(
    (run) => `${run.profile.id} ${run.falseFailovers?.tuned ?? 'not tuned'}`,
  );
  const targets: TargetCheck[] = [
    {
      id: 'tuned-failover-no-false-failovers',
      target: TARGET_NO_FALSE,
      actual: `${tunedCounts.join(', ')} of ${healthy}${quick ? ' (quick mode, not judged)' : ''}`,
      met: quick ? null : allTuned && runs.every((run) => run.falseFailovers?.tuned === 0),
    },
    {
      id: 'tuned-failover-fast-primary-wait',
      target: TARGET_FAST_WAIT,
      actual:
        fast?.tunedWaitMs === undefined
          ? `not tuned: ${fast?.refusal ?? 'unknown'}`
          : `${roundFigure(fast.tunedWaitMs / 1000)} s vs ${roundFigure(fixedWaitMs / 1000)} s fixed${quick ? ' (quick mode, scaled, not judged)' : ''}`,
      met: quick ? null : fast?.tunedWaitMs !== undefined && fast.tunedWaitMs <= fixedWaitMs / 2,
    },
  ];
  return { figures, ratios, targets, notes };
}
