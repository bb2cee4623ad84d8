/**
 * What `audit --fix --fast-failover auto` measured and chose, per distinct primary:
 * printed above the fix plan, and under `fastFailover` in --json.
 */
import {
  AUTO_CONNECT_TIMEOUT_MS,
  MIN_AUTO_READ_TIMEOUT_MS,
  READ_TIMEOUT_P99_FACTOR,
} from '../configure/auto-failover';
import { displayValue } from '../configure/change-table';
import { DEFAULT_FAILOVER_TIMEOUTS, worstCaseFailoverMs } from '../configure/fast-failover';
import { DEFAULT_CONNECTION_OVERRIDES } from '../emulator/connection-overrides';
import type { PrimaryTuning } from './tune-primaries';

export function renderTunings(tunings: readonly PrimaryTuning[], samples: number): string {
  if (tunings.length === 0) {
    return 'Fast failover (--fast-failover auto): nothing measured, the fix sets no fallback.';
  }
  const lines = [
    `Fast failover (--fast-failover auto): ${tunings.length} distinct primary(ies), up to ${samples} signed, probe-marked requests each:`,
  ];
  for (const tuning of tunings) {
    const where = `${displayValue(tuning.url)} (${tuning.channel}, ${tuning.resources.join(', ')})`;
    // Percentiles of no answer at all would read as a 0 ms primary: say how many answered only.
    const measured = tuning.summary
      ? tuning.summary.answered === 0
        ? `0/${tuning.summary.sent} answers`
        : `${tuning.summary.answered}/${tuning.summary.sent} answers, p50 ${tuning.summary.p50} ms, p99 ${tuning.summary.p99} ms`
      : undefined;
    if (tuning.timeouts) {
      const { ct, rt, tt } = tuning.timeouts;
      lines.push(
        `  tuned ${where}: ${measured}: ct=${ct} rt=${rt} tt=${tt}, worst-case wait ${worstCaseFailoverMs(tuning.timeouts)} ms (fixed --fast-failover ${worstCaseFailoverMs(DEFAULT_FAILOVER_TIMEOUTS)} ms, Twilio's defaults ${worstCaseFailoverMs(DEFAULT_CONNECTION_OVERRIDES)} ms)`,
      );
    } else {
      lines.push(
        `  NOT tuned ${where}: ${measured ? `${measured}: ` : ''}${tuning.refused ?? 'not measured'}. Its primary URL is left as it is; its fallback is still set.`,
      );
    }
  }
  lines.push(
    `  Rule (as configure): rt = max(${MIN_AUTO_READ_TIMEOUT_MS}, ${READ_TIMEOUT_P99_FACTOR} × p99) rounded up to 100 ms (under 1 false failover in 1,000 healthy requests), ct = ${AUTO_CONNECT_TIMEOUT_MS}, tt = ct + rt, rc Twilio's default.`,
  );
  return lines.join('\n');
}

export function tuningsJson(tunings: readonly PrimaryTuning[]) {
  return tunings.map((tuning) => ({
    url: displayValue(tuning.url),
    channel: tuning.channel,
    resources: tuning.resources,
    ...(tuning.summary ? { measured: tuning.summary } : {}),
    ...(tuning.timeouts ? { timeouts: tuning.timeouts } : { refused: tuning.refused }),
  }));
}
