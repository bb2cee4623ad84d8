import type { SimulationReport } from '../emulator/simulate';
import type { ConfigurationProblem, ProbeCheck } from './probe-checks';

/** One row of the probe's table. */
export interface ProbeResult {
  readonly name: string;
  readonly url: string | null;
  readonly method: string | null;
  readonly pass: boolean;
  /** Until the caller had TwiML (or Twilio gave up), as the emulator measured it. */
  readonly ms: number | null;
  readonly verbs: readonly string[];
  /** Why it failed, or a short note; empty when it simply passed. */
  readonly detail: string;
}

/**
 * A check passes when the URL itself answered with TwiML Twilio would execute (the
 * emulator is given no fallback, so a failure cannot be masked by one) and, for a
 * call, that TwiML gives the caller something: an empty `<Response/>` hangs up at once.
 */
export function judgeProbe(check: ProbeCheck, report: SimulationReport): ProbeResult {
  const base = {
    name: check.name,
    url: check.url,
    method: check.method,
    ms: report.totalMs,
    verbs: report.verbs,
  };
  if (report.callerGets !== 'primary-twiml') {
    const last = report.attempts.at(-1);
    const answered = last?.status ? `HTTP ${last.status}` : 'no answer';
    const why = [
      report.errorCode !== null
        ? `${report.errorCode}${report.errorName ? ` ${report.errorName}` : ''}`
        : null,
      last?.detail ?? answered,
    ]
      .filter((part): part is string => Boolean(part))
      .join(': ');
    return { ...base, pass: false, detail: why || report.endReason };
  }
  if (check.requireVerbs && report.verbs.length === 0) {
    return { ...base, pass: false, detail: 'empty <Response/>: the caller would be hung up on' };
  }
  return { ...base, pass: true, detail: report.notes.join('; ') };
}

export function problemResult(problem: ConfigurationProblem): ProbeResult {
  return {
    name: problem.name,
    url: null,
    method: null,
    pass: false,
    ms: null,
    verbs: [],
    detail: problem.detail,
  };
}
