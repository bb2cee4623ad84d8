/**
 * Part 1: what answering through /fallback costs, side by side with two baselines on
 * the same server in the same run: the static /error.xml asset (the zero-code
 * fallback) and a bare one-line TwiML Function (the cost of any Function at all).
 *
 * Latency is measured at concurrency 1, what one caller's request sees, with the
 * targets interleaved request by request on one connection, so a noisy moment of the
 * machine lands on every target alike. The bare Function is measured twice, as two
 * targets (an A/A control): their ratio is the noise floor of this run's ratios.
 * Throughput is measured per target, at a higher concurrency, in the same rounds.
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
  readonly id: 'asset' | 'bare' | 'logged' | 'fallback' | 'control';
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
  {
    id: 'control',
    label: 'bare Function again, as a target of its own (A/A control)',
    path: '/bare',
  },
];

/** Targets measured for throughput too (the control is there for latency's noise floor). */
const THROUGHPUT_TARGETS = TARGETS.filter((target) => target.id !== 'control');

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

/**
 * A de Bruijn sequence of order 2 over `n` symbols: n² indices in which every ordered
 * pair (i, j), i = j included, follows once, cyclically. A request can be slower for
 * what the one before it did (the static asset's file read, a Function's garbage);
 * with this order every target follows every target equally often, which a plain
 * rotation of the targets does not give (the same neighbour always comes first).
 */
export function everyPairOnce(n: number): number[] {
  const sequence: number[] = [];
  const a = new Array<number>(2 * n).fill(0);
  const build = (t: number, p: number): void => {
    if (t > 2) {
      if (2 % p === 0) sequence.push(...a.slice(1, p + 1));
      return;
    }
    a[t] = a[t - p] as number;
    build(t + 1, p);
    for (let j = (a[t - p] as number) + 1; j < n; j += 1) {
      a[t] = j;
      build(t + 1, t);
    }
  };
  build(1, 1);
  return sequence;
}

/**
 * Every relabelling i → (a·i + b) mod n, a = 1…n−1, b = 0…n−1, as permutations. For a
 * prime n they take every ordered pair of distinct targets to every ordered pair of
 * places equally often: an effect that reaches further back than the request just
 * before (the A/A control showed one: two copies of the bare Function 2 to 5 % apart
 * under one fixed order) lands on every target alike.
 */
export function everyRelabelling(n: number): number[][] {
  const isPrime = n >= 2 && Array.from({ length: n - 2 }, (_, k) => k + 2).every((d) => n % d);
  if (!isPrime) throw new Error(`everyRelabelling needs a prime number of targets, not ${n}`);
  const maps: number[][] = [];
  for (let a = 1; a < n; a += 1) {
    for (let b = 0; b < n; b += 1) maps.push(Array.from({ length: n }, (_, i) => (a * i + b) % n));
  }
  return maps;
}

/** The order part 1 sends its latency requests in: `everyPairOnce` under every relabelling. */
export function interleavedOrder(n: number): number[] {
  const pairs = everyPairOnce(n);
  return everyRelabelling(n).flatMap((map) => pairs.map((i) => map[i] as number));
}

/**
 * One caller's view of every target at once: a single connection (concurrency 1)
 * cycling through the targets request by request in `interleavedOrder`, in whole
 * passes. Each answer is attributed by its request's tag (load-generator.ts), never by
 * its position. The first n² answers are dropped (the first waits for the connection)
 * and as many sent at the end.
 */
async function measureInterleaved(
  server: BenchServer,
  perTarget: number,
): Promise<Map<Target['id'], number[]>> {
  const sequence = interleavedOrder(TARGETS.length).map((i) => TARGETS[i] as Target);
  const measured = perTarget * TARGETS.length;
  if (measured % sequence.length !== 0) {
    throw new Error(
      `${perTarget} latency requests per target is not a whole number of passes of ${sequence.length / TARGETS.length}`,
    );
  }
  const dropped = TARGETS.length ** 2;
  const amount = measured + dropped;
  const outcome = await runLoad({
    baseUrl: server.baseUrl,
    requests: sequence.map((target) => ({ ...voiceFallbackPost(target.path), tag: target.id })),
    amount,
    connections: 1,
    maxDurationMs: 60000,
    verifyBody: looksLikeTwiml,
  });
  const failed = outcome.non2xx + outcome.errors + outcome.mismatches;
  if (failed > 0 || outcome.stoppedEarly || outcome.completed !== amount) {
    throw new Error(
      `the interleaved latency run answered ${outcome.completed} of ${amount} requests (non-2xx ${outcome.non2xx}, socket errors ${outcome.errors}, not TwiML ${outcome.mismatches}${outcome.stoppedEarly ? ', stopped at its time limit' : ''})`,
    );
  }
  const latencies = new Map<Target['id'], number[]>(TARGETS.map((target) => [target.id, []]));
  outcome.latenciesMs.forEach((latency, i) => {
    if (i < dropped) return;
    const tag = outcome.responseTags[i];
    const bucket = TARGETS.find((target) => target.id === tag);
    if (bucket === undefined) throw new Error(`answer ${i} carries no known target tag (${tag})`);
    latencies.get(bucket.id)?.push(latency);
  });
  return latencies;
}

/** Runs on an in-process server the caller started (forkProcess false). */
export async function measureFallbackLatency(
  server: BenchServer,
  sizes: BenchSizes,
): Promise<PartResult> {
  const samples = new Map<Target['id'], Samples>(
    TARGETS.map((t) => [t.id, { latenciesMs: [], throughputCompleted: 0, throughputMs: 0 }]),
  );
  for (const target of THROUGHPUT_TARGETS) {
    assertAnswered(target, await measureTarget(server, target, sizes.warmupRequests, 4));
  }
  for (let round = 0; round < sizes.latencyRounds; round += 1) {
    // Latency: the targets interleaved request by request, so whatever else the machine
    // does at a moment lands on all of them alike. Throughput: one target at a time, in
    // an order rotated each round.
    const latencies = await measureInterleaved(server, sizes.latencyRequests);
    for (const target of TARGETS) {
      samples.get(target.id)?.latenciesMs.push(...(latencies.get(target.id) ?? []));
    }
    const order = THROUGHPUT_TARGETS.map(
      (_, i) => THROUGHPUT_TARGETS[(i + round) % THROUGHPUT_TARGETS.length] as Target,
    );
    for (const target of order) {
      const bucket = samples.get(target.id) as Samples;
      const throughput = await measureTarget(
        server,
        target,
        sizes.throughputRequests,
        sizes.throughputConnections,
      );
      bucket.throughputCompleted += throughput.completed;
      bucket.throughputMs += throughput.elapsedMs;
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
    if (target.id === 'control') continue;
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
      'ratio.control-over-bare.median',
      'A/A control: the bare Function measured again ÷ the bare Function, median latency (the noise floor; 1 when the method is fair)',
      fig('latency.control.median'),
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
      `The fallback writes one log line per request (console.log, before callback); a bare Function that writes one such line answers at ${loggedOverBare.value}× the bare Function's median, and the fallback at ${overLogged.value}× that one's: the rest is the fallback's own work. The bare Function measured again as a target of its own answers at ${byRatioId('ratio.control-over-bare.median').value}× the first: how far apart two identical targets land in this run.`,
      'Latency and throughput: twilio-run dev server with forkProcess false (every Function loaded once and run in the server process, like a warm deployed instance), in its own process; autocannon in the bench process; 127.0.0.1. Latency: one connection cycling through the four targets request by request, each target following each target equally often.',
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
    // The bare Function and the fallback: what dominates is the fork, not the Function.
    for (const target of TARGETS.filter((t) => t.id === 'bare' || t.id === 'fallback')) {
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
