/**
 * The shape of bench/results.json, and the pieces every measurement returns.
 * Every figure carries its unit; ratios name the two figures they divide.
 */

export interface Figure {
  /** Stable, dotted: `latency.fallback.median`. */
  readonly id: string;
  readonly label: string;
  readonly value: number;
  /** `ms`, `req/s`, `kB`, `requests`, `modules`, `s`. */
  readonly unit: string;
}

export interface Ratio extends Figure {
  /** Figure ids: value = numerator / denominator. */
  readonly numerator: string;
  readonly denominator: string;
}

export interface Baseline {
  readonly id: string;
  readonly label: string;
  /** Path on the bench server. */
  readonly path: string;
  /** Ids of the figures measured for it. */
  readonly figures: readonly string[];
}

export interface TargetCheck {
  readonly id: string;
  /** The target in words, e.g. `fallback / asset median latency ≤ 1.3`. */
  readonly target: string;
  /** What was measured against it. */
  readonly actual: string;
  /** null: the part it depends on was not measured (see `unavailable`). */
  readonly met: boolean | null;
}

export interface Unavailable {
  readonly part: string;
  readonly reason: string;
}

/** What one measurement module returns; run.ts merges them. */
export interface PartResult {
  readonly figures: readonly Figure[];
  readonly ratios?: readonly Ratio[];
  readonly baselines?: readonly Baseline[];
  readonly targets: readonly TargetCheck[];
  readonly notes?: readonly string[];
  readonly unavailable?: readonly Unavailable[];
}

export interface BenchResults {
  readonly generatedAt: string;
  readonly node: string;
  readonly machine: { readonly cpus: number; readonly cpuModel: string; readonly memoryGb: number };
  readonly mode: 'quick' | 'full';
  readonly command: string;
  readonly durationSeconds: number;
  readonly figures: readonly Figure[];
  readonly baselines: readonly Baseline[];
  readonly ratios: readonly Ratio[];
  readonly targets: readonly TargetCheck[];
  readonly notes: readonly string[];
  readonly unavailable: readonly Unavailable[];
}

export function ratioOf(id: string, label: string, numerator: Figure, denominator: Figure): Ratio {
  return {
    id,
    label,
    value: numerator.value / denominator.value,
    unit: '×',
    numerator: numerator.id,
    denominator: denominator.id,
  };
}

/** A target whose figure could not be measured this run. */
export function notMeasured(id: string, target: string, why: string): TargetCheck {
  return { id, target, actual: why, met: null };
}
