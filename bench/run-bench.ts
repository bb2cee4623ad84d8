/**
 * Runs every measurement in one go and assembles bench/results.json. Each part is
 * bounded in requests and time; a part whose code is not in the tree yet reports
 * itself unavailable instead of failing the run.
 */
import { cpus, totalmem } from 'node:os';
import type { BenchResults, Figure, PartResult, Ratio } from './bench-results';
import { roundFigure } from './percentiles';
import { startBenchServer } from './bench-server';
import type { BenchSizes } from './bench-sizes';
import { measureColdLoad } from './cold-load';
import { measureFailoverWait } from './failover-wait';
import { measureFallbackLatency, measureForkedLatency } from './fallback-latency';
import { measureHangingAlerts } from './hanging-alerts';
import { measureAlertMode } from './alert-mode';
import { measureLoadRun } from './load-run';
import { measureAuditScale } from './audit-scale';
import { measureTreeScale } from './audit-tree-scale';
import { measureTunedFailover } from './tuned-failover';

export interface BenchRun {
  readonly sizes: BenchSizes;
  /** The command line, recorded in the results for reruns. */
  readonly command: string;
  /** Progress lines (stderr in the CLI). */
  readonly progress: (line: string) => void;
  /** `latency`: part 1 alone (`npm run bench -- --latency-only`), to rerun its ratios quickly. */
  readonly only?: 'latency';
}

export async function runBench({
  sizes,
  command,
  progress,
  only,
}: BenchRun): Promise<BenchResults> {
  const started = Date.now();
  // Parts run in the order that lets 1, 4 and 5 share one server; they are
  // reported in the order (the step's number).
  const parts: { order: string; result: PartResult }[] = [];
  const step = async (order: string, title: string, part: () => Promise<PartResult>) => {
    const t0 = Date.now();
    progress(`${order}. ${title}…`);
    parts.push({ order, result: await part() });
    progress(`${order}. ${title}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };

  const server = await startBenchServer({ forkProcess: false });
  try {
    await step('1', 'latency: /fallback vs /error.xml vs bare Function', () =>
      measureFallbackLatency(server, sizes),
    );
    if (only !== 'latency') {
      await step('5', 'load run against /fallback', () => measureLoadRun(server, sizes));
      await step('4', 'failover wait for a hung primary (emulator)', () =>
        measureFailoverWait(server, sizes),
      );
    }
  } finally {
    await server.close();
  }
  if (only === 'latency') return assemble(sizes, command, started, parts);
  await step('1b', 'latency with a process forked per request', () => measureForkedLatency(sizes));
  await step('2', '/fallback with hanging alert channels', () => measureHangingAlerts(sizes));
  await step('3', 'cold load of each bundle', () => measureColdLoad(sizes));
  await step('6', 'audit of a big account on the loopback stand-in', () =>
    measureAuditScale(sizes),
  );
  await step('7', 'audit --subaccounts of an account tree on the loopback stand-in', () =>
    measureTreeScale(sizes),
  );
  await step('8', 'ALERT_MODE=events vs no alert channel, and /events throughput', () =>
    measureAlertMode(sizes),
  );
  await step('9', 'auto-tuned failover: waits and false failovers', () =>
    measureTunedFailover(sizes),
  );
  return assemble(sizes, command, started, parts);
}

function assemble(
  sizes: BenchSizes,
  command: string,
  started: number,
  parts: readonly { order: string; result: PartResult }[],
): BenchResults {
  const ordered = [...parts]
    .sort((a, b) => a.order.localeCompare(b.order))
    .map((part) => part.result);
  const crossPartRatios = inlineOverEvents(ordered.flatMap((p) => p.figures));

  const cpuList = cpus();
  return {
    generatedAt: new Date().toISOString(),
    node: process.version,
    machine: {
      cpus: cpuList.length,
      cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
      memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    },
    mode: sizes.mode,
    command,
    durationSeconds: Math.round((Date.now() - started) / 100) / 10,
    figures: ordered.flatMap((p) => p.figures),
    baselines: ordered.flatMap((p) => p.baselines ?? []),
    ratios: [...ordered.flatMap((p) => p.ratios ?? []), ...crossPartRatios],
    targets: ordered.flatMap((p) => p.targets),
    notes: ordered.flatMap((p) => p.notes ?? []),
    unavailable: ordered.flatMap((p) => p.unavailable ?? []),
  };
}

/**
 * ALERT_MODE=inline (part 2: the default mode, every channel hanging) over
 * ALERT_MODE=events (part 8, same hanging channels): what events mode saves a caller.
 */
function inlineOverEvents(figures: readonly Figure[]): Ratio[] {
  const inline = figures.find((f) => f.id === 'alerts.answer.median');
  const events = figures.find((f) => f.id === 'mode.events.median');
  if (inline === undefined || events === undefined || events.value === 0) return [];
  return [
    {
      id: 'ratio.mode-inline-over-events.median',
      label: 'ALERT_MODE=inline ÷ ALERT_MODE=events, /fallback median with every channel hanging',
      value: roundFigure(inline.value / events.value),
      unit: '×',
      numerator: inline.id,
      denominator: events.id,
    },
  ];
}
