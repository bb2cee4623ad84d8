/**
 * Percentiles computed from every recorded sample. autocannon's own histogram
 * keeps whole milliseconds, too coarse on loopback where an answer takes about
 * one; the raw response times it emits keep the fraction.
 */

/** Nearest-rank percentile of samples (0 < p ≤ 100); NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Rounds for display and the results file: keeps 3 significant digits at least. */
export function roundFigure(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, 2 - magnitude);
  return Number(value.toFixed(Math.min(decimals, 6)));
}
