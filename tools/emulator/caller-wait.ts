/**
 * The caller's side of a simulation in one or two lines: how long the caller waited
 * before the fallback answered, and the worst case the primary URL's connection
 * overrides allow when the primary hangs (the same arithmetic `configure` prints:
 * worstCaseFailoverMs, one rule for both).
 */
import { worstCaseFailoverMs } from '../configure/fast-failover';
import { DEFAULT_CONNECTION_OVERRIDES, formatOverridesFragment } from './connection-overrides';
import type { SimulationReport } from './simulate';

export function callerWaitLines(
  report: Pick<SimulationReport, 'attempts' | 'primaryOverrides'>,
): string[] {
  const lines: string[] = [];
  const fallback = report.attempts.find((attempt) => attempt.role === 'fallback');
  if (fallback !== undefined) {
    const requestedAt = fallback.atMs ?? 0;
    lines.push(
      `Caller waited ${requestedAt + fallback.ms} ms before the fallback answered (the fallback was requested at ${requestedAt} ms).`,
    );
  }
  const overrides = report.primaryOverrides;
  if (overrides !== undefined) {
    const { ct, rt, tt } = overrides;
    lines.push(
      `Worst case if the primary hangs, with ${formatOverridesFragment({ ct, rt, tt })}: ${worstCaseFailoverMs(overrides)} ms before Twilio requests the fallback (Twilio's defaults: ${worstCaseFailoverMs(DEFAULT_CONNECTION_OVERRIDES)} ms).`,
    );
  }
  return lines;
}
