/**
 * Part 5: a bounded load run against /fallback: voice and SMS, GET and POST, mixed
 * with hostile parameters, at high concurrency. Every answer must be a 2xx TwiML
 * document: an error, a timeout or a non-TwiML body each counts against the target.
 */
import type { Figure, PartResult } from './bench-results';
import type { BenchServer } from './bench-server';
import type { BenchSizes } from './bench-sizes';
import { looksLikeTwiml, mixedFallbackRequests } from './fallback-requests';
import { runLoad } from './load-generator';
import { median, percentile, roundFigure } from './percentiles';

export async function measureLoadRun(server: BenchServer, sizes: BenchSizes): Promise<PartResult> {
  const requests = mixedFallbackRequests('/fallback');
  const outcome = await runLoad({
    baseUrl: server.baseUrl,
    requests,
    amount: sizes.loadRequests,
    connections: sizes.loadConnections,
    maxDurationMs: sizes.loadMaxMs,
    verifyBody: looksLikeTwiml,
  });
  const failed = outcome.non2xx + outcome.errors + outcome.mismatches;
  const missing = Math.max(0, sizes.loadRequests - outcome.completed - outcome.errors);
  const figures: Figure[] = [
    {
      id: 'load.requests',
      label: 'load: answers received',
      value: outcome.completed,
      unit: 'requests',
    },
    {
      id: 'load.connections',
      label: 'load: concurrency',
      value: sizes.loadConnections,
      unit: 'connections',
    },
    { id: 'load.non2xx', label: 'load: non-2xx answers', value: outcome.non2xx, unit: 'requests' },
    {
      id: 'load.socket-errors',
      label: 'load: socket errors and timeouts',
      value: outcome.errors,
      unit: 'requests',
    },
    {
      id: 'load.not-twiml',
      label: 'load: 2xx answers that are not TwiML',
      value: outcome.mismatches,
      unit: 'requests',
    },
    {
      id: 'load.errors',
      label: 'load: errors in total',
      value: failed + missing,
      unit: 'requests',
    },
    {
      id: 'load.median',
      label: 'load: median latency',
      value: roundFigure(median(outcome.latenciesMs)),
      unit: 'ms',
    },
    {
      id: 'load.p99',
      label: 'load: p99 latency',
      value: roundFigure(percentile(outcome.latenciesMs, 99)),
      unit: 'ms',
    },
    {
      id: 'load.throughput',
      label: 'load: throughput',
      value: roundFigure(outcome.completed / (outcome.elapsedMs / 1000)),
      unit: 'req/s',
    },
  ];
  return {
    figures,
    targets: [
      {
        id: 'load-errors',
        target: `0 errors under load (${sizes.loadRequests} requests, concurrency ${sizes.loadConnections})`,
        actual: `${failed + missing} errors, p99 ${roundFigure(percentile(outcome.latenciesMs, 99))} ms`,
        met: failed + missing === 0,
      },
    ],
    notes: [
      `Load run: ${requests.length} request shapes (voice and SMS, GET and POST, ${requests.length - 4} hostile) cycled per connection${outcome.stoppedEarly ? `; STOPPED EARLY by the ${sizes.loadMaxMs} ms guard` : ''}.`,
    ],
  };
}
