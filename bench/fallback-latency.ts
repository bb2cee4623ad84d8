/**
 * Part 1: what answering through /fallback costs, side by side with two baselines on
 * the same server in the same run: the static /error.xml asset (the zero-code
 * fallback) and a bare one-line TwiML Function (the cost of any Function at all).
 *
 * Latency is measured at concurrency 1, what one caller's request sees; throughput
 * at a higher concurrency. Targets are measured in interleaved rounds, the order
 * rotated each round, so a noisy moment of the machine spreads over all three.
 */
import {
  ratioOf,
  type Baseline,
  type Figure,
  type PartResult,
  type Ratio,
  type TargetCheck,
} from './bench-results';
import { startBenchServer, type BenchServer } from './bench-server';
import type { BenchSizes } from './bench-sizes';
import { looksLikeTwiml, voiceFallbackPost } from './fallback-requests';
import { runLoad, type LoadOutcome } from './load-generator';
import { median, percentile, roundFigure } from './percentiles';

interface Target {
  readonly id: 'asset' | 'bare' | 'logged' | 'fallback';
  readonly label: string;
  readonly path: string;
}

const TARGETS: readonly Target[] = [
  { id: 'asset', label: 'static /error.xml asset', path: '/error.xml' },
  { id: 'bare', label: 'bare one-line TwiML Function', path: '/bare' },
  {
    id: 'logged',
    label: 'bare Function that logs one line (console.log)',
    path: '/bare-logged',
  },
  { id: 'fallback', label: '/fallback (voice, default mode, no alerts)', path: '/fallback' },
];

interface Samples {
  latenciesMs: number[];
  throughputCompleted: number;
  throughputMs: number;
}

async function measureTarget(
  server: BenchServer,
  target: Target,
  amount: number,
  connections: number,
) {
  return runLoad({
    baseUrl: server.baseUrl,
    requests: [voiceFallbackPost(target.path)],
    amount,
    connections,
    maxDurationMs: 60000,
    verifyBody: looksLikeTwiml,
  });
}

/** A target that did not answer TwiML every time is no baseline: comparing with it would mislead. */
function assertAnswered(target: Target, outcome: LoadOutcome): void {
  const failed = outcome.non2xx + outcome.errors + outcome.mismatches;
  if (failed > 0) {
    throw new Error(
      `${target.path} failed ${failed} of ${outcome.completed + outcome.errors} requests (non-2xx ${outcome.non2xx}, socket errors ${outcome.errors}, not TwiML ${outcome.mismatches})`,
    );
  }
}

/** Runs on an in-process server the caller started (forkProcess false). */
export async function measureFallbackLatency(
  server: BenchServer,
  sizes: BenchSizes,
): Promise<PartResult> {
  const samples = new Map<Target['id'], Samples>(
    TARGETS.map((t) => [t.id, { latenciesMs: [], throughputCompleted: 0, throughputMs: 0 }]),
  );
  for (const target of TARGETS) {
    assertAnswered(target, await measureTarget(server, target, sizes.warmupRequests, 4));
  }
  for (let round = 0; round < sizes.latencyRounds; round += 1) {
    const order = TARGETS.map((_, i) => TARGETS[(i + round) % TARGETS.length] as Target);
    for (const target of order) {
      const bucket = samples.get(target.id) as Samples;
      const latency = await measureTarget(server, target, sizes.latencyRequests, 1);
      bucket.latenciesMs.push(...latency.latenciesMs);
      const throughput = await measureTarget(
        server,
        target,
        sizes.throughputRequests,
        sizes.throughputConnections,
      );
      bucket.throughputCompleted += throughput.completed;
      bucket.throughputMs += throughput.elapsedMs;
      assertAnswered(target, latency);
      assertAnswered(target, throughput);
    }
  }

  const figures: Figure[] = [];
  const byId = new Map<string, Figure>();
  const add = (figure: Figure): Figure => {
    const rounded = { ...figure, value: roundFigure(figure.value) };
    figures.push(rounded);
    byId.set(rounded.id, rounded);
    return rounded;
  };
  for (const target of TARGETS) {
    const bucket = samples.get(target.id) as Samples;
    add({
      id: `latency.${target.id}.median`,
      label: `${target.label}: median latency (c=1)`,
      value: median(bucket.latenciesMs),
      unit: 'ms',
    });
    add({
      id: `latency.${target.id}.p99`,
      label: `${target.label}: p99 latency (c=1)`,
      value: percentile(bucket.latenciesMs, 99),
      unit: 'ms',
    });
    add({
      id: `throughput.${target.id}`,
      label: `${target.label}: throughput (c=${sizes.throughputConnections})`,
      value: bucket.throughputCompleted / (bucket.throughputMs / 1000),
      unit: 'req/s',
    });
  }

  const fig = (id: string) => byId.get(id) as Figure;
  const ratios: Ratio[] = [
    ratioOf(
      'ratio.fallback-over-asset.median',
      'fallback / asset, median latency',
      fig('latency.fallback.median'),
      fig('latency.asset.median'),
    ),
    ratioOf(
      'ratio.fallback-over-bare.median',
      'fallback / bare Function, median latency',
      fig('latency.fallback.median'),
      fig('latency.bare.median'),
    ),
    ratioOf(
      'ratio.fallback-over-logged.median',
      'fallback / bare Function that logs one line, median latency',
      fig('latency.fallback.median'),
      fig('latency.logged.median'),
    ),
    ratioOf(
      'ratio.logged-over-bare.median',
      'bare Function that logs one line / bare Function, median latency',
      fig('latency.logged.median'),
      fig('latency.bare.median'),
    ),
    ratioOf(
      'ratio.fallback-over-asset.p99',
      'fallback / asset, p99 latency',
      fig('latency.fallback.p99'),
      fig('latency.asset.p99'),
    ),
    ratioOf(
      'ratio.fallback-over-bare.p99',
      'fallback / bare Function, p99 latency',
      fig('latency.fallback.p99'),
      fig('latency.bare.p99'),
    ),
    ratioOf(
      'ratio.fallback-over-asset.throughput',
      'fallback / asset, throughput',
      fig('throughput.fallback'),
      fig('throughput.asset'),
    ),
    ratioOf(
      'ratio.fallback-over-bare.throughput',
      'fallback / bare Function, throughput',
      fig('throughput.fallback'),
      fig('throughput.bare'),
    ),
  ].map((ratio) => ({ ...ratio, value: roundFigure(ratio.value) }));

  const baselines: Baseline[] = TARGETS.filter((t) => t.id !== 'fallback').map((t) => ({
    id: t.id,
    label: t.label,
    path: t.path,
    figures: figures.filter((f) => f.id.includes(`.${t.id}`)).map((f) => f.id),
  }));

  const [overAsset, overBare] = ratios as [Ratio, Ratio];
  const byRatioId = (id: string) => ratios.find((ratio) => ratio.id === id) as Ratio;
  const overLogged = byRatioId('ratio.fallback-over-logged.median');
  const loggedOverBare = byRatioId('ratio.logged-over-bare.median');
  const targets: TargetCheck[] = [
    {
      id: 'fallback-over-asset',
      target: 'fallback / asset median latency ≤ 1.3',
      actual: `${overAsset.value}×`,
      met: overAsset.value <= 1.3,
    },
    {
      id: 'fallback-over-bare',
      target: 'fallback / bare Function median latency ≤ 1.1',
      actual: `${overBare.value}×`,
      met: overBare.value <= 1.1,
    },
  ];
  return {
    figures,
    ratios,
    baselines,
    targets,
    notes: [
      `The fallback writes one log line per request (console.log, before callback); a bare Function that writes one such line answers at ${loggedOverBare.value}× the bare Function's median, and the fallback at ${overLogged.value}× that one's: the rest is the fallback's own work.`,
      'Latency and throughput: twilio-run dev server with forkProcess false (every Function loaded once and run in the server process, like a warm deployed instance), in its own process; autocannon in the bench process; 127.0.0.1.',
    ],
  };
}

/**
 * The same requests with a process forked per request, the default of
 * `twilio-run start`: informational, it shows what dominates local latency.
 */
export async function measureForkedLatency(sizes: BenchSizes): Promise<PartResult> {
  if (sizes.forkedRequests === 0) {
    return { figures: [], targets: [], notes: ['Forked-process latency: skipped in quick mode.'] };
  }
  const server = await startBenchServer({ forkProcess: true });
  try {
    const figures: Figure[] = [];
    for (const target of TARGETS.filter((t) => t.id !== 'asset')) {
      const outcome = await measureTarget(server, target, sizes.forkedRequests, 1);
      assertAnswered(target, outcome);
      figures.push({
        id: `latency.forked.${target.id}.median`,
        label: `${target.label}: median latency, process forked per request (twilio-run start default)`,
        value: roundFigure(median(outcome.latenciesMs)),
        unit: 'ms',
      });
    }
    return { figures, targets: [] };
  } finally {
    await server.close();
  }
}
