/**
 * How much each measurement does, per mode, in one table. Full mode is sized to
 * finish in a few minutes on 2 cores; quick mode only proves the harness works
 * (`npm test` runs it) and its numbers are noisy by design.
 */
import { MIN_ANSWERS_TO_TUNE } from '../tools/configure/auto-failover';
import {
  DEFAULT_MEASURE_SAMPLES,
  DEFAULT_MEASURE_SPACING_MS,
} from '../tools/emulator/measure-primary';

export type BenchMode = 'quick' | 'full';

export interface BenchSizes {
  readonly mode: BenchMode;
  /** Part 1: requests per target before measuring (JIT, connection pools). */
  readonly warmupRequests: number;
  /** Part 1: rounds; each interleaves the latency targets and measures throughput per target. */
  readonly latencyRounds: number;
  /** Part 1: requests per target per round at concurrency 1 (one caller's view). */
  readonly latencyRequests: number;
  /** Part 1: requests per target per round at `throughputConnections`. */
  readonly throughputRequests: number;
  readonly throughputConnections: number;
  /** Part 1: requests per Function with a process forked per request (0: skipped). */
  readonly forkedRequests: number;
  /** Part 2: fallback requests while every alert channel hangs. */
  readonly hangingAlertRequests: number;
  /**
   * Part 7: fallback requests per server (no alerts; events with channels hanging) per
   * round. Many short alternating rounds: a burst of load from elsewhere on a shared
   * machine then lands on both servers, not on one long block of one of them.
   */
  readonly alertModeRequests: number;
  readonly alertModeRounds: number;
  /** Part 7: signed /events deliveries of 100 events each, and at what concurrency. */
  readonly eventsDeliveries: number;
  readonly eventsConnections: number;
  /** Part 3: fresh Node.js processes per bundle. */
  readonly coldRepetitions: number;
  /** Part 4: run the ~15 s default-settings failover (quick mode skips it). */
  readonly failoverDefault: boolean;
  /** Part 5. */
  readonly loadRequests: number;
  readonly loadConnections: number;
  /** Part 5: wall-clock guard for the load run. */
  readonly loadMaxMs: number;
  /** Part 6: the account `audit` reads from the loopback stand-in. */
  readonly audit: {
    readonly numbers: number;
    readonly applications: number;
    readonly services: number;
  };
  /** Part 7: the account tree `audit --subaccounts` reads (subaccounts × numbers each). */
  readonly tree: { readonly subaccounts: number; readonly numbers: number };
  /**
   * Part 9: auto-tune samples per primary and their spacing, healthy requests per
   * setting and at what rate (in flight: rate × mean latency), and a factor on latencies (and, for the hung-primary
   * waits, timeouts) that makes quick mode short.
   */
  readonly tunedFailover: {
    readonly samples: number;
    readonly spacingMs: number;
    readonly healthyRequests: number;
    readonly requestsPerSecond: number;
    readonly latencyScale: number;
  };
}

export const BENCH_SIZES: Readonly<Record<BenchMode, BenchSizes>> = {
  full: {
    mode: 'full',
    warmupRequests: 500,
    latencyRounds: 10,
    latencyRequests: 300,
    throughputRequests: 900,
    throughputConnections: 16,
    forkedRequests: 12,
    hangingAlertRequests: 5,
    alertModeRequests: 10,
    alertModeRounds: 40,
    eventsDeliveries: 300,
    eventsConnections: 4,
    coldRepetitions: 9,
    failoverDefault: true,
    loadRequests: 20000,
    loadConnections: 64,
    loadMaxMs: 120000,
    audit: { numbers: 10000, applications: 200, services: 50 },
    tree: { subaccounts: 100, numbers: 100 },
    // configure's defaults.
    tunedFailover: {
      samples: DEFAULT_MEASURE_SAMPLES,
      spacingMs: DEFAULT_MEASURE_SPACING_MS,
      healthyRequests: 1000,
      requestsPerSecond: 300,
      latencyScale: 1,
    },
  },
  quick: {
    mode: 'quick',
    warmupRequests: 30,
    latencyRounds: 1,
    latencyRequests: 100,
    throughputRequests: 200,
    throughputConnections: 8,
    forkedRequests: 0,
    hangingAlertRequests: 1,
    alertModeRequests: 10,
    alertModeRounds: 2,
    eventsDeliveries: 10,
    eventsConnections: 2,
    coldRepetitions: 2,
    failoverDefault: false,
    loadRequests: 300,
    loadConnections: 16,
    loadMaxMs: 15000,
    audit: { numbers: 120, applications: 5, services: 2 },
    tree: { subaccounts: 5, numbers: 10 },
    // The fewest samples auto-tune accepts.
    tunedFailover: {
      samples: MIN_ANSWERS_TO_TUNE,
      spacingMs: 10,
      healthyRequests: 100,
      requestsPerSecond: 300,
      latencyScale: 0.1,
    },
  },
};
